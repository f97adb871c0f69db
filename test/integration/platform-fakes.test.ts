/**
 * The fakes hold the platforms' rules: if they let through what a platform refuses, the adapter
 * tests prove nothing. These talk to them over raw HTTP, without the SDKs or Karya's validation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ImageHost, RecordedRequest } from '../support/fakes/fake-http';
import { jpeg } from '../support/fakes/fake-images';
import { GraphApiFake } from '../support/fakes/graph-api.fake';
import { XApiFake } from '../support/fakes/x-api.fake';

const graph = new GraphApiFake({ quotaTotal: 2, pollsUntilFinished: 2 });
const x = new XApiFake();
const images = new ImageHost();
let square: string;
let narrow: string;
let huge: string;

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | null; json: any; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    json: text ? JSON.parse(text) : null,
    headers: res.headers,
  };
}

const ig = (path: string, body?: unknown, method = body ? 'POST' : 'GET') =>
  call(graph.url, method, `/v24.0/${path}${path.includes('?') ? '&' : '?'}access_token=tok`, body);

beforeAll(async () => {
  await Promise.all([graph.start(), x.start(), images.start()]);
  graph.addInstagramAccount('ig1', 'tok');
  x.addClient('client');
  x.addUser('u1', 'pengguna');
  square = images.add('sq.jpg', await jpeg(1080, 1080));
  narrow = images.add('narrow.jpg', await jpeg(300, 300));
  huge = images.add(
    'huge.jpg',
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(8 * 1024 * 1024)]),
  );
});

afterAll(async () => {
  await Promise.all([graph.stop(), x.stop(), images.stop()]);
});

beforeEach(() => {
  graph.reset();
  x.reset();
});

describe('Graph fake', () => {
  it('answers JSON under any /vNN.N/ prefix, with Graph error bodies', async () => {
    for (const version of ['v19.0', 'v24.0', 'v99.9']) {
      const res = await call(
        graph.url,
        'GET',
        `/${version}/ig1?fields=followers_count&access_token=tok`,
      );
      expect(res).toMatchObject({ status: 200, json: { id: 'ig1', followers_count: 1200 } });
      expect(res.type).toMatch(/^application\/json/);
    }
    const bad = await call(graph.url, 'GET', '/v24.0/ig1?access_token=nope');
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/^application\/json/);
    expect(bad.json.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
      is_transient: false,
    });
    expect(bad.json.error.fbtrace_id).toEqual(expect.any(String));
  });

  it('refuses expired tokens with 190/463', async () => {
    graph.expireToken('tok');
    expect((await ig('ig1')).json.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it.each<[string, { caption?: string; image_url?: string }, number]>([
    ['a caption over 2,200 characters', { caption: 'a'.repeat(2201) }, 2207010],
    [
      '31 hashtags',
      { caption: Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ') },
      2207040,
    ],
    [
      '21 mentions',
      { caption: Array.from({ length: 21 }, (_, i) => `@akun${i}`).join(' ') },
      2207040,
    ],
    ['an image narrower than 320 px', { image_url: 'narrow' }, 2207009],
    ['an image over 8 MB', { image_url: 'huge' }, 2207004],
  ])('refuses %s', async (_name, params, subcode) => {
    const urls: Record<string, string> = { narrow, huge };
    const imageUrl = urls[String(params.image_url)] ?? square;
    const res = await ig('ig1/media', { caption: 'ok', ...params, image_url: imageUrl });
    expect(res.status).toBe(400);
    expect(res.json.error.error_subcode).toBe(subcode);
    expect(graph.containers.size).toBe(0);
  });

  it('keeps a container IN_PROGRESS for N reads, then FINISHED, and enforces the quota', async () => {
    for (let i = 0; i < 2; i++) {
      const { json: created } = await ig('ig1/media', { image_url: square, caption: `Post ${i}` });
      const statuses = [];
      for (let poll = 0; poll < 3; poll++)
        statuses.push((await ig(`${created.id}?fields=status_code`)).json.status_code);
      expect(statuses).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'FINISHED']);
      expect((await ig('ig1/media_publish', { creation_id: created.id })).status).toBe(200);
    }
    const limit = await ig('ig1/content_publishing_limit?fields=quota_usage,config');
    expect(limit.json.data[0]).toEqual({
      quota_usage: 2,
      config: { quota_total: 2, quota_duration: 86400 },
    });
    const { json: third } = await ig('ig1/media', { image_url: square, caption: 'Post 3' });
    for (let poll = 0; poll < 3; poll++) await ig(`${third.id}?fields=status_code`);
    const refused = await ig('ig1/media_publish', { creation_id: third.id });
    expect(refused.json.error).toMatchObject({ code: 9, error_subcode: 2207042 });
  });

  it('refuses to publish a container that is not FINISHED', async () => {
    const { json: created } = await ig('ig1/media', { image_url: square, caption: 'Cepat' });
    const res = await ig('ig1/media_publish', { creation_id: created.id });
    expect(res.json.error).toMatchObject({ code: 9007, error_subcode: 2207027 });
  });
});

describe('X fake', () => {
  const bearer = () => ({ authorization: `Bearer ${x.grant('u1', 'client').accessToken}` });

  async function upload(auth: Record<string, string>): Promise<string> {
    const bytes = await jpeg(400, 300);
    const init = await call(
      x.url,
      'POST',
      '/2/media/upload/initialize',
      { media_type: 'image/jpeg', total_bytes: bytes.length },
      auth,
    );
    const form = new FormData();
    form.append('segment_index', '0');
    form.append('media', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }));
    await fetch(`${x.url}/2/media/upload/${init.json.data.id}/append`, {
      method: 'POST',
      body: form,
      headers: auth,
    });
    const done = await call(
      x.url,
      'POST',
      `/2/media/upload/${init.json.data.id}/finalize`,
      undefined,
      auth,
    );
    expect(done.status).toBe(200);
    return init.json.data.id;
  }

  it('checks the weighted length as twitter-text counts it', async () => {
    const auth = bearer();
    expect((await call(x.url, 'POST', '/2/tweets', { text: '界'.repeat(140) }, auth)).status).toBe(
      201,
    );
    const long = await call(x.url, 'POST', '/2/tweets', { text: '界'.repeat(141) }, auth);
    expect(long.status).toBe(400);
    expect(long.json.type).toMatch(/invalid-request/);
    const link = `${'a'.repeat(256)} https://example.com/${'p'.repeat(200)}`;
    expect((await call(x.url, 'POST', '/2/tweets', { text: link }, auth)).status).toBe(201);
  });

  it('refuses duplicate text and sends rate-limit headers', async () => {
    const auth = bearer();
    const first = await call(x.url, 'POST', '/2/tweets', { text: 'Sama' }, auth);
    expect(first.headers.get('x-rate-limit-limit')).toBe('200');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('199');
    expect(Number(first.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const again = await call(x.url, 'POST', '/2/tweets', { text: 'Sama' }, auth);
    expect(again).toMatchObject({
      status: 403,
      json: { detail: 'You are not allowed to create a Tweet with duplicate content.' },
    });
    expect(again.type).toMatch(/^application\/json/);
  });

  it('uploads in initialize/append/finalize steps and requires media_type', async () => {
    const auth = bearer();
    const id = await upload(auth);
    expect(x.uploads.get(id)?.finalized).toBe(true);
    const posted = await call(
      x.url,
      'POST',
      '/2/tweets',
      { text: 'Dengan foto', media: { media_ids: [id] } },
      auth,
    );
    expect(posted.json.data.text).toMatch(/^Dengan foto https:\/\/t\.co\//);
    const missing = await call(
      x.url,
      'POST',
      '/2/media/upload/initialize',
      { total_bytes: 10 },
      auth,
    );
    expect(missing.status).toBe(400);
  });

  it('rotates refresh tokens and answers with a scope string', async () => {
    const { refreshToken } = x.grant('u1', 'client');
    const body = { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'client' };
    const first = await call(x.url, 'POST', '/2/oauth2/token', body);
    expect(first.json).toMatchObject({
      token_type: 'bearer',
      expires_in: 7200,
      scope: expect.stringContaining('offline.access'),
    });
    expect((await call(x.url, 'POST', '/2/oauth2/token', body)).status).toBe(400);
  });

  it('fails the same requests for the same seed', async () => {
    const run = async (): Promise<string[]> => {
      x.reset();
      x.failRandomly(0.3, { seed: 42, modes: ['server_error', 'rate_limited'] });
      const auth = bearer();
      for (let i = 0; i < 20; i++) await call(x.url, 'GET', '/2/users/me', undefined, auth);
      return x.requests.map((r: RecordedRequest) => r.failure ?? 'ok');
    };
    const first = await run();
    expect(first.filter((f) => f !== 'ok').length).toBeGreaterThan(0);
    expect(await run()).toEqual(first);
  });
});
