import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, describeConfig, loadConfig } from '../../src/config/config';

const STRONG_SECRET = 'k2P9x!QwE7rT5yU3iO1pA8sD6fG4hJ0lZ';
const KEY_HEX = 'a'.repeat(32) + 'b'.repeat(32);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'karya-config-'));
}

function expectConfigError(env: Record<string, string>, variable: string): void {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toContain(variable);
    return;
  }
  throw new Error(`expected a ConfigError naming ${variable}`);
}

describe('loadConfig', () => {
  it('applies defaults: port 3000, role all, embedded database, localhost public URL', () => {
    const config = loadConfig({ DATA_DIR: tempDir() });
    expect(config.port).toBe(3000);
    expect(config.role).toBe('all');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.graphApiBaseUrl).toBe('https://graph.facebook.com');
    expect(config.xApiBaseUrl).toBe('https://api.x.com');
    expect(config.demoSeed).toBe(true);
    expect(config.publishConcurrency).toBe(512);
    expect(config.databasePoolSize).toBe(10);
  });

  it('generates missing secrets once outside production and keeps them in DATA_DIR', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(true);
    expect(first.appSecret).toBe(second.appSecret);
    expect(first.tokenEncryptionKeys[0].equals(second.tokenEncryptionKeys[0])).toBe(true);
    expect(first.appSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('stops production start-up naming a missing secret', () => {
    const base = {
      NODE_ENV: 'production',
      DATA_DIR: tempDir(),
      PUBLIC_BASE_URL: 'https://karya.example.id',
    };
    expectConfigError(base, 'APP_SECRET');
    expectConfigError({ ...base, APP_SECRET: STRONG_SECRET }, 'TOKEN_ENCRYPTION_KEY');
    expect(existsSync(join(base.DATA_DIR, 'secrets.json'))).toBe(false);
  });

  it('refuses weak secrets in production', () => {
    const base = {
      NODE_ENV: 'production',
      DATA_DIR: tempDir(),
      PUBLIC_BASE_URL: 'https://karya.example.id',
    };
    expectConfigError(
      { ...base, APP_SECRET: 'short', TOKEN_ENCRYPTION_KEY: KEY_HEX },
      'APP_SECRET',
    );
    expectConfigError(
      { ...base, APP_SECRET: 'a'.repeat(40), TOKEN_ENCRYPTION_KEY: KEY_HEX },
      'APP_SECRET',
    );
    expectConfigError(
      { ...base, APP_SECRET: STRONG_SECRET, TOKEN_ENCRYPTION_KEY: 'abc' },
      'TOKEN_ENCRYPTION_KEY',
    );
  });

  it('accepts several encryption keys for rotation, newest first', () => {
    const older = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: tempDir(),
      PUBLIC_BASE_URL: 'https://karya.example.id',
      APP_SECRET: STRONG_SECRET,
      TOKEN_ENCRYPTION_KEY: `${KEY_HEX},${older}`,
    });
    expect(config.tokenEncryptionKeys).toHaveLength(2);
    expect(config.tokenEncryptionKeys[1].equals(Buffer.alloc(32, 7))).toBe(true);
    expect(config.demoSeed).toBe(false);
  });

  it('names the variable for bad values', () => {
    expectConfigError({ DATA_DIR: tempDir(), PORT: 'eighty' }, 'PORT');
    expectConfigError({ DATA_DIR: tempDir(), ROLE: 'scheduler' }, 'ROLE');
    expectConfigError({ DATA_DIR: tempDir(), DATABASE_URL: 'mysql://x' }, 'DATABASE_URL');
    expectConfigError(
      { DATA_DIR: tempDir(), GRAPH_API_BASE_URL: 'not a url' },
      'GRAPH_API_BASE_URL',
    );
    expectConfigError({ DATA_DIR: tempDir(), LOG_LEVEL: 'loud' }, 'LOG_LEVEL');
    expectConfigError({ DATA_DIR: tempDir(), PUBLISH_CONCURRENCY: '0' }, 'PUBLISH_CONCURRENCY');
    expectConfigError({ DATA_DIR: tempDir(), DATABASE_POOL_SIZE: 'many' }, 'DATABASE_POOL_SIZE');
  });

  it('treats empty variables as unset and trims trailing slashes from URLs', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      DATABASE_URL: '',
      PUBLIC_BASE_URL: 'https://karya.example.id/',
      X_API_BASE_URL: 'http://127.0.0.1:9999/',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicBaseUrl).toBe('https://karya.example.id');
    expect(config.xApiBaseUrl).toBe('http://127.0.0.1:9999');
  });

  it('describes itself without secrets', () => {
    const dataDir = tempDir();
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgresql://u:hunter2@db/karya',
    });
    const text = JSON.stringify(describeConfig(config));
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(secrets.APP_SECRET);
    expect(text).not.toContain(secrets.TOKEN_ENCRYPTION_KEY);
  });
});
