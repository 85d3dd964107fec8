import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress bars draw only there). */
  isTty: boolean;
}

export interface Command {
  /** Words that name the command, e.g. ['users', 'import']. */
  name: string[];
  summary: string;
  usage: string;
  /** Longer help: each option and an example. */
  help: string;
  options: Options;
  /** Whether positional arguments are allowed. */
  positionals?: boolean;
  run(
    args: { values: Record<string, string | boolean | undefined>; positionals: string[] },
    io: CommandIo,
  ): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage line, exit code 2. */
export class UsageError extends Error {}

/** A clear, expected failure (bad file, unknown tenant): printed without a stack, exit code 1. */
export class CliError extends Error {}

export function parseCommand(
  cmd: Command,
  argv: string[],
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: cmd.positionals ?? false,
      strict: true,
    });
    return {
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
    };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export function requireString(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`--${name} is required`);
  return v;
}
