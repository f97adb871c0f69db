/**
 * What the platform fakes share: a real HTTP server on 127.0.0.1 that records every request,
 * a failure script (next N calls, or a seeded random fraction), and the mechanics of each failure
 * — hang until the client gives up, drop the connection, or fail *after* the side effect.
 * Each fake only says how its platform words an error.
 */
import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** JSON, form or multipart fields; {} when there is no body. */
  body: Record<string, unknown>;
  /** Multipart file parts by field name. */
  files: Record<string, Buffer>;
  /** Set when the script failed this request. */
  failure?: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * `error_after_side_effect` / `drop_after_side_effect`: the request takes effect (the post
 * exists), then the client gets a 5xx or a cut connection. `{ reply }`: a literal answer before
 * any effect.
 */
export type FailureMode =
  | 'server_error'
  | 'rate_limited'
  | 'timeout'
  | 'drop'
  | 'expired_token'
  | 'error_after_side_effect'
  | 'drop_after_side_effect'
  | { reply: Reply; label?: string }
  | { delayAfterSideEffectMs: number };

export interface FailureMatch {
  method?: string;
  /** Substring or pattern of the path (version prefix included). */
  path?: string | RegExp;
}

/** Mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(match: FailureMatch | undefined, req: RecordedRequest): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== req.method) return false;
  if (match.path !== undefined) {
    return typeof match.path === 'string'
      ? req.path.includes(match.path)
      : match.path.test(req.path);
  }
  return true;
}

export function failureLabel(mode: FailureMode): string {
  if (typeof mode === 'string') return mode;
  if ('delayAfterSideEffectMs' in mode) return `delay:${mode.delayAfterSideEffectMs}`;
  return mode.label ?? `reply:${mode.reply.status}`;
}

export class FailureScript {
  private queue: Array<{ mode: FailureMode; match?: FailureMatch; remaining: number }> = [];
  private randomPlan?: {
    fraction: number;
    modes: FailureMode[];
    match?: FailureMatch;
    next: () => number;
  };

  /** The next `count` matching requests fail with `mode`. Scripts queue in order. */
  failNext(count: number, mode: FailureMode, match?: FailureMatch): void {
    this.queue.push({ mode, match, remaining: count });
  }

  /** Each matching request fails with probability `fraction`, mode picked at random (seeded). */
  failRandomly(
    fraction: number,
    options: { seed: number; modes: FailureMode[]; match?: FailureMatch },
  ): void {
    this.randomPlan = { fraction, ...options, next: seededRandom(options.seed) };
  }

  take(req: RecordedRequest): FailureMode | undefined {
    const entry = this.queue.find((e) => e.remaining > 0 && matches(e.match, req));
    if (entry) {
      entry.remaining--;
      this.queue = this.queue.filter((e) => e.remaining > 0);
      return entry.mode;
    }
    const plan = this.randomPlan;
    if (plan && matches(plan.match, req) && plan.next() < plan.fraction) {
      return plan.modes[Math.floor(plan.next() * plan.modes.length)];
    }
    return undefined;
  }

  reset(): void {
    this.queue = [];
    this.randomPlan = undefined;
  }
}

export type RouteHandler = (req: RecordedRequest) => Promise<Reply> | Reply;

export interface FailureRenderer {
  /** The platform's wording of a failure that happens before any effect. */
  render(mode: 'server_error' | 'rate_limited' | 'expired_token', req: RecordedRequest): Reply;
  /** The 5xx a platform answers after the effect happened. */
  afterEffect(req: RecordedRequest): Reply;
}

/**
 * A recording HTTP server. `handle` runs the platform logic and returns the reply; the failure
 * script decides whether the client sees it.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  readonly failures = new FailureScript();
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** Connections held open by `timeout`; idle keep-alive connections are left alone. */
  private readonly hanging = new Set<Socket>();
  private baseUrl = '';
  /** Every answer waits this long first, as a distant platform would. */
  latencyMs = 0;
  /** Requests being worked on now (their effect may still be to come). */
  private working = 0;

  constructor(
    private readonly handle: RouteHandler,
    private readonly renderer: FailureRenderer,
  ) {}

  get url(): string {
    return this.baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  /** Forgets requests and scripted failures; cuts connections left hanging by `timeout`. */
  resetTraffic(): void {
    this.requests.length = 0;
    this.failures.reset();
    for (const socket of this.hanging) socket.destroy();
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** No request is being worked on: whatever clients sent has taken effect or never will. */
  get idle(): boolean {
    return this.working === 0;
  }

  /** Requests matching method and path (substring or pattern). */
  find(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => matches({ method, path }, r));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await readRequest(req);
    this.requests.push(recorded);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const mode = this.failures.take(recorded);
    if (mode) recorded.failure = failureLabel(mode);
    if (mode === 'timeout') {
      // Never answer: the client must give up by itself.
      this.hanging.add(req.socket);
      return;
    }
    if (mode === 'drop') {
      req.socket.destroy();
      return;
    }
    if (mode === 'server_error' || mode === 'rate_limited' || mode === 'expired_token') {
      return send(res, this.renderer.render(mode, recorded));
    }
    if (mode && typeof mode === 'object' && 'reply' in mode) return send(res, mode.reply);
    let reply: Reply;
    this.working++;
    try {
      reply = await this.handle(recorded);
    } catch (error) {
      reply = { status: 500, body: { error: { message: String(error), code: 1 } } };
    } finally {
      this.working--;
    }
    if (mode === 'drop_after_side_effect') {
      req.socket.destroy();
      return;
    }
    if (mode && typeof mode === 'object') {
      // The post exists, the answer is late: a client may give up or die meanwhile.
      await sleep(mode.delayAfterSideEffectMs, undefined, { ref: false });
      if (req.socket.destroyed) return;
    }
    send(res, mode === 'error_after_side_effect' ? this.renderer.afterEffect(recorded) : reply);
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json; charset=UTF-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers).end(text);
}

async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks);
  const url = new URL(req.url ?? '/', 'http://fake.local');
  const query = Object.fromEntries(url.searchParams.entries());
  const type = String(req.headers['content-type'] ?? '');
  let body: Record<string, unknown> = {};
  let files: Record<string, Buffer> = {};
  if (rawBody.length > 0) {
    if (type.includes('application/json')) {
      body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    } else if (type.includes('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')).entries());
    } else if (type.includes('multipart/form-data')) {
      ({ fields: body, files } = parseMultipart(rawBody, type));
    }
  }
  return {
    method: String(req.method).toUpperCase(),
    path: url.pathname,
    query,
    headers: req.headers,
    rawBody,
    body,
    files,
  };
}

/** Enough multipart/form-data for the X media upload: named fields, binary parts as files. */
export function parseMultipart(
  raw: Buffer,
  contentType: string,
): { fields: Record<string, string>; files: Record<string, Buffer> } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) throw new Error('multipart without boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields: Record<string, string> = {};
  const files: Record<string, Buffer> = {};
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    const part = raw.subarray(start + 2, next - 2); // skip CRLF after delimiter and before next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
    if (/content-type:\s*(?!text\/plain)/i.test(head)) files[name] = Buffer.from(content);
    else fields[name] = content.toString('utf8');
    at = next;
  }
  return { fields, files };
}

/** Serves images for the Graph fake to fetch, as PUBLIC_BASE_URL serves rendered JPEGs. */
export class ImageHost {
  private readonly images = new Map<string, { bytes: Buffer; type: string }>();
  readonly hits: string[] = [];
  private server?: Server;
  private baseUrl = '';

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://host.local').pathname;
      this.hits.push(path);
      const image = this.images.get(path);
      if (!image) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      res.writeHead(200, { 'content-type': image.type, 'content-length': image.bytes.length });
      res.end(image.bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Publishes `bytes` and returns its URL. */
  add(name: string, bytes: Buffer, type = 'image/jpeg'): string {
    const path = `/media/${name}`;
    this.images.set(path, { bytes, type });
    return `${this.baseUrl}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/**
 * Fetches a URL as a platform would: status and bytes, or null when unreachable or slow. Patient,
 * because the image host shares its process with the fakes, which a burst can keep busy.
 */
export async function fetchImage(
  url: string,
  timeoutMs = 30_000,
): Promise<{ status: number; bytes: Buffer } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  } catch {
    return null;
  }
}

export function isJpeg(bytes: Buffer): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function isPng(bytes: Buffer): boolean {
  return (
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  );
}
