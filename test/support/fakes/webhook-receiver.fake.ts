/**
 * A webhook receiver on 127.0.0.1: records every call with its raw body and headers, answers
 * 200 unless told to answer something else for the next calls.
 */
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: Record<string, unknown>;
}

export class WebhookReceiverFake {
  readonly received: ReceivedWebhook[] = [];
  private readonly scripted: number[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) });
        res.writeHead(this.scripted.shift() ?? 200, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/karya-hook`;
    return this;
  }

  /** The next calls answer these statuses, in order. */
  answerNext(...statuses: number[]): void {
    this.scripted.push(...statuses);
  }

  reset(): void {
    this.received.length = 0;
    this.scripted.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
