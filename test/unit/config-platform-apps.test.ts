import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConfig, loadConfig, SENSITIVE_VARIABLES } from '../../src/config/config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'karya-config-apps-'));

describe('platform app configuration', () => {
  it('reads the Meta and X app keys, each optional', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      META_APP_ID: '1234567890',
      META_APP_SECRET: 'meta-secret-value',
      X_CLIENT_ID: 'x-client',
      X_CONSUMER_KEY: 'x-consumer',
      X_CONSUMER_SECRET: 'x-consumer-secret-value',
    });
    expect(config.metaApp).toEqual({ appId: '1234567890', appSecret: 'meta-secret-value' });
    expect(config.xApp).toEqual({
      clientId: 'x-client',
      clientSecret: undefined,
      consumerKey: 'x-consumer',
      consumerSecret: 'x-consumer-secret-value',
    });
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), META_APP_ID: '', X_CLIENT_ID: '' });
    expect(config.metaApp.appId).toBeUndefined();
    expect(config.xApp.clientId).toBeUndefined();
  });

  it('lists the app secrets as sensitive and never describes them', () => {
    expect(SENSITIVE_VARIABLES).toEqual(
      expect.arrayContaining(['META_APP_SECRET', 'X_CLIENT_SECRET', 'X_CONSUMER_SECRET']),
    );
    const config = loadConfig({
      DATA_DIR: dataDir(),
      META_APP_SECRET: 'meta-secret-value',
      X_CLIENT_SECRET: 'x-client-secret-value',
      X_CONSUMER_SECRET: 'x-consumer-secret-value',
    });
    expect(JSON.stringify(describeConfig(config))).not.toMatch(/secret-value/);
  });
});
