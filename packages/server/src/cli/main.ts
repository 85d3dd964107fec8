import { AppError } from '../http/errors.js';
import { ConfigError } from '../config.js';
import { CliError, UsageError, parseCommand, type Command, type CommandIo } from './command.js';
import { commands } from './commands/index.js';

function processIo(): CommandIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
    isTty: process.stderr.isTTY === true,
  };
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.join(' ').length));
  return [
    'satchel — the Satchel learning platform',
    '',
    'Usage: satchel <command> [options]   (satchel <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.join(' ').padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

function findCommand(argv: string[]): { cmd: Command; rest: string[] } | null {
  let best: { cmd: Command; rest: string[] } | null = null;
  for (const cmd of commands) {
    if (cmd.name.every((word, i) => argv[i] === word) && (!best || cmd.name.length > best.cmd.name.length)) {
      best = { cmd, rest: argv.slice(cmd.name.length) };
    }
  }
  return best;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(overview());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version') {
    const { SATCHEL_VERSION } = await import('../version.js');
    io.out(`${SATCHEL_VERSION}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`satchel: unknown command "${argv.join(' ')}"\n\n${overview()}`);
    return 2;
  }
  const { cmd, rest } = found;
  try {
    const args = parseCommand(cmd, rest);
    if (args.values.help) {
      io.out(`${cmd.summary}\n\nUsage: ${cmd.usage}\n\n${cmd.help}\n`);
      return 0;
    }
    return await cmd.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`satchel ${cmd.name.join(' ')}: ${err.message}\nUsage: ${cmd.usage}\n`);
      return 2;
    }
    if (err instanceof CliError || err instanceof ConfigError) {
      io.err(`satchel ${cmd.name.join(' ')}: ${err.message}\n`);
      return 1;
    }
    if (err instanceof AppError) {
      const details = err.details ? ` ${JSON.stringify(err.details)}` : '';
      io.err(`satchel ${cmd.name.join(' ')}: ${err.message} (${err.code})${details}\n`);
      return 1;
    }
    io.err(
      `satchel ${cmd.name.join(' ')}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}
