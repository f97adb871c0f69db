import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Runtime roles: `api` serves HTTP only, `worker` runs scheduled jobs only, `all` does both. */
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration ${variable}: ${message}`);
  }
}

/** Secrets that must never appear in logs or responses. */
export const SENSITIVE_VARIABLES = [
  'DATABASE_URL',
  'APP_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'META_APP_SECRET',
  'X_CLIENT_SECRET',
  'X_CONSUMER_SECRET',
] as const;

const MIN_APP_SECRET_LENGTH = 32;
const PUBLISH_CONCURRENCY_DEFAULT = 512;
const ENCRYPTION_KEY_BYTES = 32;

const urlString = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_BASE_URL: urlString.optional(),
  APP_SECRET: z.string().optional(),
  TOKEN_ENCRYPTION_KEY: z.string().optional(),
  GRAPH_API_BASE_URL: urlString.default('https://graph.facebook.com'),
  X_API_BASE_URL: urlString.default('https://api.x.com'),
  // The platform apps Karya signs in with; each optional, needed only to connect that kind of account.
  META_APP_ID: z.string().optional(),
  META_APP_SECRET: z.string().optional(),
  X_CLIENT_ID: z.string().optional(),
  X_CLIENT_SECRET: z.string().optional(),
  X_CONSUMER_KEY: z.string().optional(),
  X_CONSUMER_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ROLE: z.enum(PROCESS_ROLES).default('all'),
  // Per request to a platform; tests and benchmarks against local fakes shorten it.
  PLATFORM_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  // Connections per process to a PostgreSQL server (the embedded database always has one).
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  // Publishes one process has in flight per network (its sockets and memory); see the README.
  PUBLISH_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(2000)
    .default(PUBLISH_CONCURRENCY_DEFAULT),
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  DEMO_SEED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly port: number;
  /** Unset: Karya starts an embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly publicBaseUrl: string;
  readonly appSecret: string;
  /** First key encrypts; all keys decrypt (rotation). */
  readonly tokenEncryptionKeys: readonly Buffer[];
  readonly graphApiBaseUrl: string;
  readonly xApiBaseUrl: string;
  /** The Meta app (Facebook Login): exchanges user tokens for long-lived ones. */
  readonly metaApp: { readonly appId?: string; readonly appSecret?: string };
  /** The X app: OAuth 2.0 client (PKCE sign-in, token refresh) and OAuth 1.0a consumer keys. */
  readonly xApp: {
    readonly clientId?: string;
    readonly clientSecret?: string;
    readonly consumerKey?: string;
    readonly consumerSecret?: string;
  };
  readonly logLevel: LogLevel;
  readonly role: ProcessRole;
  readonly platformRequestTimeoutMs: number;
  readonly mediaMaxBytes: number;
  readonly databasePoolSize: number;
  /** Publishes in flight per network in one process. */
  readonly publishConcurrency: number;
  /** Create the demo institution on an empty database (never in production). */
  readonly demoSeed: boolean;
}

/** Nest injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

type GeneratedSecrets = { APP_SECRET?: string; TOKEN_ENCRYPTION_KEY?: string };

function parseEncryptionKeys(raw: string): Buffer[] {
  const keys = raw
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => (/^[0-9a-f]{64}$/i.test(k) ? Buffer.from(k, 'hex') : Buffer.from(k, 'base64')));
  if (keys.length === 0 || keys.some((k) => k.length !== ENCRYPTION_KEY_BYTES)) {
    throw new ConfigError(
      'TOKEN_ENCRYPTION_KEY',
      'must be 32 bytes as 64 hex characters or base64 (comma-separated for rotation, newest first)',
    );
  }
  return keys;
}

function checkAppSecret(secret: string): string {
  if (secret.length < MIN_APP_SECRET_LENGTH || new Set(secret).size < 10) {
    throw new ConfigError(
      'APP_SECRET',
      `must be at least ${MIN_APP_SECRET_LENGTH} random characters`,
    );
  }
  return secret;
}

/** Outside production, missing secrets are generated once and kept in DATA_DIR. */
function loadOrCreateDevSecrets(dataDir: string): Required<GeneratedSecrets> {
  const file = join(dataDir, 'secrets.json');
  let stored: GeneratedSecrets = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  const secrets = {
    APP_SECRET: stored.APP_SECRET ?? randomBytes(32).toString('base64url'),
    TOKEN_ENCRYPTION_KEY: stored.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString('hex'),
  };
  if (
    stored.APP_SECRET !== secrets.APP_SECRET ||
    stored.TOKEN_ENCRYPTION_KEY !== secrets.TOKEN_ENCRYPTION_KEY
  ) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Reads and validates the environment once; the only place that touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = resolve(e.DATA_DIR);

  let appSecret = e.APP_SECRET;
  let encryptionKey = e.TOKEN_ENCRYPTION_KEY;
  if (isProduction) {
    if (!appSecret) throw new ConfigError('APP_SECRET', 'is required when NODE_ENV=production');
    if (!encryptionKey) {
      throw new ConfigError('TOKEN_ENCRYPTION_KEY', 'is required when NODE_ENV=production');
    }
    if (!e.PUBLIC_BASE_URL) {
      throw new ConfigError('PUBLIC_BASE_URL', 'is required when NODE_ENV=production');
    }
  } else if (!appSecret || !encryptionKey) {
    const generated = loadOrCreateDevSecrets(dataDir);
    appSecret ??= generated.APP_SECRET;
    encryptionKey ??= generated.TOKEN_ENCRYPTION_KEY;
  }

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    appSecret: checkAppSecret(appSecret),
    tokenEncryptionKeys: parseEncryptionKeys(encryptionKey),
    graphApiBaseUrl: e.GRAPH_API_BASE_URL.replace(/\/+$/, ''),
    xApiBaseUrl: e.X_API_BASE_URL.replace(/\/+$/, ''),
    metaApp: { appId: e.META_APP_ID, appSecret: e.META_APP_SECRET },
    xApp: {
      clientId: e.X_CLIENT_ID,
      clientSecret: e.X_CLIENT_SECRET,
      consumerKey: e.X_CONSUMER_KEY,
      consumerSecret: e.X_CONSUMER_SECRET,
    },
    logLevel: e.LOG_LEVEL,
    role: e.ROLE,
    platformRequestTimeoutMs: e.PLATFORM_REQUEST_TIMEOUT_MS,
    mediaMaxBytes: e.MEDIA_MAX_BYTES,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publishConcurrency: e.PUBLISH_CONCURRENCY,
    demoSeed: e.DEMO_SEED && !isProduction,
  };
}

/** A loggable view of the configuration with secrets masked. */
export function describeConfig(config: AppConfig): Record<string, string | number | boolean> {
  return {
    nodeEnv: config.nodeEnv,
    port: config.port,
    database: config.databaseUrl ? 'postgresql (DATABASE_URL)' : 'embedded PGlite',
    dataDir: config.dataDir,
    publicBaseUrl: config.publicBaseUrl,
    graphApiBaseUrl: config.graphApiBaseUrl,
    xApiBaseUrl: config.xApiBaseUrl,
    logLevel: config.logLevel,
    role: config.role,
  };
}
