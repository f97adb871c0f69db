/**
 * How the UI is served (no browser needed): index.html with an import map the CSP allows by
 * hash, the UI's files, only the allow-listed vendor files, and the API left untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/app';

describe('web UI serving', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves index.html at / with an import map allowed by its hash', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const map = /<script type="importmap">([^<]*)<\/script>/.exec(res.text)?.[1];
    expect(JSON.parse(map!)).toEqual({
      imports: {
        preact: '/vendor/preact.js',
        'preact/hooks': '/vendor/preact-hooks.js',
        htm: '/vendor/htm.js',
      },
    });
    const hash = createHash('sha256').update(map!).digest('base64');
    const csp: string = res.headers['content-security-policy'];
    const scriptSrc = csp.split(';').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("script-src-attr 'none'");
    // The test app's PUBLIC_BASE_URL is plain http: assets must not be upgraded to https.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.text).not.toMatch(/\son[a-z]+=/i);
  });

  it('keeps upgrade-insecure-requests when the app is served over https', async () => {
    const secure = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://karya.example.id' } });
    try {
      const res = await secure.http().get('/').expect(200);
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });

  it('serves the allow-listed vendor modules with caching validators', async () => {
    const res = await t.http().get('/vendor/preact.js').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    await t.http().get('/vendor/preact.js').set('If-None-Match', res.headers.etag).expect(304);
    await t.http().get('/vendor/htm.js').expect(200);
    const hooks = await t.http().get('/vendor/preact-hooks.js').expect(200);
    expect(hooks.text).toContain('from"preact"');
  });

  it('serves nothing else from node_modules and no directory listing', async () => {
    for (const path of [
      '/vendor/preact.module.js',
      '/vendor/',
      '/vendor/../package.json',
      '/vendor/%2e%2e/package.json',
      '/node_modules/preact/package.json',
      '/ui/',
      '/ui/js/',
      '/ui/%2e%2e/%2e%2e/package.json',
      '/ui/..%2f..%2fpackage.json',
    ]) {
      const res = await t.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).not.toContain('"name": "karya"');
    }
  });

  it('serves the UI files as modules and stylesheets', async () => {
    const main = await t.http().get('/ui/js/main.js').expect(200);
    expect(main.headers['content-type']).toMatch(/^text\/javascript/);
    await t.http().get('/ui/index.html').expect(302).expect('Location', '/');
    const css = await t.http().get('/ui/css/base.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    await t.http().get('/fonts/plus-jakarta-sans-400.ttf').expect(200);
  });

  it('leaves the API, its errors and the OpenAPI document as they were', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.headers['content-type']).toMatch(/json/);
    const missing = await t.http().get('/api/no-such-route').expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect(missing.headers['content-security-policy']).toContain("script-src 'self';");
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths).some((p) => p === '/' || p.startsWith('/vendor'))).toBe(
      false,
    );
  });
});
