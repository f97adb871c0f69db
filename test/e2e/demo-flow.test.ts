/**
 * Boots the built app exactly as `npm start` does (embedded PGlite in a child process, a fresh
 * DATA_DIR, demo seeded) and walks the Foundation flow over HTTP as the demo staff user.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

const MAIN = join(process.cwd(), 'dist/src/main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('npm start on a clean machine', () => {
  let app: ChildProcess;
  let base: string;
  let output = '';
  let dataDir: string;
  let token: string;

  const api = async (
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error('dist/src/main.js is missing: npm test builds it first (pretest)');
    dataDir = mkdtempSync(join(tmpdir(), 'karya-e2e-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // No DATABASE_URL: the embedded database, as on a machine without a database server.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    app = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    app.stdout!.on('data', (chunk) => (output += chunk));
    app.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 90_000;
    while (!output.includes('Demo logins') && Date.now() < deadline && app.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!output.includes('Demo logins')) throw new Error(`app did not start:\n${output}`);
  }, 120_000);

  afterAll(async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health ok and prints the URL and the demo logins', async () => {
    const health = await fetch(`${base}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(output).toContain('Karya is running at');
    for (const email of ['staf@demo.karya.id', 'kasi@demo.karya.id', 'admin@demo.karya.id']) {
      expect(output).toContain(email);
    }
  });

  it('lets the demo staff user catalogue a product, clear its photo by consent and withdraw it', async () => {
    const login = await fetch(
      `${base}/api/auth/login`,
      json('POST', { email: 'staf@demo.karya.id', password: 'karya-demo-2026' }),
    );
    expect(login.status).toBe(200);
    token = ((await login.json()) as { token: string }).token;

    const demoProducts = await api('/api/products?pageSize=50');
    expect(demoProducts.body.total).toBeGreaterThanOrEqual(12);

    const workshop = await api(
      '/api/workshops',
      json('POST', { name: 'Anyaman Rotan', description: 'Kerajinan rotan' }),
    );
    expect(workshop.status).toBe(201);
    const product = await api(
      '/api/products',
      json('POST', {
        name: 'Keranjang Rotan',
        priceRupiah: 95000,
        sku: 'RTN-001',
        workshopId: workshop.body.id,
      }),
    );
    expect(product.status).toBe(201);

    const photo = await sharp({
      create: { width: 800, height: 1000, channels: 3, background: '#a0522d' },
    })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'keranjang.jpg');
    form.append('productId', product.body.id);
    const upload = await api('/api/media', { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    expect(upload.body.usable).toBe(false);

    const consent = await api(
      '/api/consents',
      json('POST', {
        subjectName: 'Warga Binaan Contoh',
        subjectIsMinor: false,
        purpose: 'Promosi produk anyaman di media sosial',
        channels: ['instagram', 'facebook', 'x'],
        validFrom: '2026-01-01',
      }),
    );
    expect(consent.status).toBe(201);
    const cleared = await api(
      `/api/media/${upload.body.id}/clearance`,
      json('POST', { clearance: 'consent', consentRecordId: consent.body.id, attestation: true }),
    );
    expect(cleared.status).toBe(200);
    expect((await api(`/api/media/${upload.body.id}`)).body.usable).toBe(true);

    const withdrawn = await api(
      `/api/consents/${consent.body.id}/withdraw`,
      json('POST', { reason: 'Permintaan yang bersangkutan' }),
    );
    expect(withdrawn.status).toBe(200);
    const blocked = await api(`/api/media/${upload.body.id}`);
    expect(blocked.body.usable).toBe(false);
    expect(blocked.body.blockedReason).toBe('consent_withdrawn');

    const tasks = await api('/api/takedown-tasks?status=open');
    const task = tasks.body.items.find(
      (t: { consentRecordId: string }) => t.consentRecordId === consent.body.id,
    );
    expect(task).toBeDefined();
    const detail = await api(`/api/takedown-tasks/${task.id}`);
    expect(JSON.stringify(detail.body)).toContain(upload.body.id);
  }, 60_000);

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) =>
      app.once('exit', (code) => resolve(code)),
    );
    app.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
