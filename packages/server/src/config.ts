import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file, content blobs and staging files live. */
  dataDir: string;
  /** postgres://… to run on PostgreSQL; null for embedded SQLite. */
  databaseUrl: string | null;
  sqliteFile: string;
  blobDir: string;
  /** The built web app (packages/web/dist); null when not built (API-only). */
  webDir: string | null;
  sessionDays: number;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Trust X-Forwarded-For (only behind a reverse proxy, or clients could fake their address). */
  trustProxy: boolean;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const dataDir = resolve(env.SATCHEL_DATA ?? 'data');
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL must start with postgres:// or postgresql:// (unset it to use SQLite)',
    );
  }
  const logLevel = (env.LOG_LEVEL ?? 'warn') as Config['logLevel'];
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    sqliteFile: resolve(dataDir, 'satchel.sqlite'),
    blobDir: resolve(dataDir, 'blobs'),
    webDir: env.SATCHEL_WEB_DIR ? resolve(env.SATCHEL_WEB_DIR) : null,
    sessionDays: Number(env.SATCHEL_SESSION_DAYS ?? 30),
    secureCookies: (env.SATCHEL_PUBLIC_URL ?? '').startsWith('https://'),
    logLevel,
    trustProxy: env.SATCHEL_TRUST_PROXY === 'true' || env.SATCHEL_TRUST_PROXY === '1',
    ...overrides,
  };
}
