import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, TestApp } from '../support/app';

describe('health and API conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('answers ok with the database checked', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/health']).toBeDefined();
  });

  it('refuses unauthenticated requests with the error shape, in the asked language', async () => {
    const id = await t.http().get('/api/no-such-route').expect(404);
    expect(id.body.code).toBe('NOT_FOUND');
    const en = await t
      .http()
      .get('/api/docs-json-missing')
      .set('Accept-Language', 'en')
      .expect(404);
    expect(en.body.message).toBe('Not found');
  });
});
