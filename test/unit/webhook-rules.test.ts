import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  MAX_DELIVERY_ATTEMPTS,
  newWebhookSecret,
  nextDeliveryAttempt,
  signWebhook,
  verifyWebhook,
  webhookUrlProblem,
} from '../../src/notifications/webhook-rules';
import { minutesLate } from '../../src/publishing/dispatcher/target-events';

const NOW = new Date('2026-03-10T02:00:00Z');
const TS = NOW.getTime() / 1000;
const BODY = '{"event":"publish_failed","postId":"p-1"}';

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of "timestamp.body", as the README tells receivers', () => {
    const expected = createHmac('sha256', 'whsec_abc').update(`${TS}.${BODY}`).digest('hex');
    expect(signWebhook('whsec_abc', TS, BODY)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, a wrong secret or a replay', () => {
    const signature = signWebhook('whsec_abc', TS, BODY);
    const headers = { signature, timestamp: String(TS) };
    expect(verifyWebhook('whsec_abc', headers, BODY, NOW)).toBe(true);
    expect(verifyWebhook('whsec_abc', headers, BODY.replace('p-1', 'p-2'), NOW)).toBe(false);
    expect(verifyWebhook('whsec_other', headers, BODY, NOW)).toBe(false);
    const sixMinutesLater = new Date(NOW.getTime() + 6 * 60_000);
    expect(verifyWebhook('whsec_abc', headers, BODY, sixMinutesLater)).toBe(false);
    expect(verifyWebhook('whsec_abc', { signature, timestamp: 'x' }, BODY, NOW)).toBe(false);
    expect(
      verifyWebhook('whsec_abc', { signature: undefined, timestamp: String(TS) }, BODY, NOW),
    ).toBe(false);
  });

  it('makes a different 256-bit secret each time', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

describe('webhook URL', () => {
  it('takes https anywhere and http only to this machine outside production', () => {
    expect(webhookUrlProblem('https://contoh.go.id/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://localhost/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)?.en).toMatch(/https/);
    expect(webhookUrlProblem('http://contoh.go.id/hook', false)?.en).toMatch(/https/);
    expect(webhookUrlProblem('ftp://contoh.go.id/hook', false)?.en).toMatch(/https/);
    expect(webhookUrlProblem('https://user:pw@contoh.go.id/', false)?.en).toMatch(/password/);
    expect(webhookUrlProblem('contoh.go.id', false)?.id).toBe('URL webhook tidak valid');
  });
});

describe('webhook retry schedule', () => {
  it('doubles from 30 s with ±20 % jitter and gives up after the last attempt', () => {
    const wait = (attempts: number, random: number) =>
      nextDeliveryAttempt(attempts, NOW, random)!.getTime() - NOW.getTime();
    expect(wait(1, 0.5)).toBe(30_000);
    expect(wait(2, 0.5)).toBe(60_000);
    expect(wait(1, 0)).toBe(24_000);
    expect(wait(1, 1)).toBe(36_000);
    expect(wait(MAX_DELIVERY_ATTEMPTS - 1, 0.5)).toBe(30_000 * 2 ** (MAX_DELIVERY_ATTEMPTS - 2));
    expect(nextDeliveryAttempt(MAX_DELIVERY_ATTEMPTS, NOW, 0.5)).toBeNull();
  });
});

describe('published late', () => {
  const planned = new Date('2026-03-10T03:00:00Z');
  const at = (minutes: number) => new Date(planned.getTime() + minutes * 60_000);

  it('counts as late only beyond 15 minutes after the planned time', () => {
    expect(minutesLate(planned, at(15))).toBeNull();
    expect(minutesLate(planned, at(15.5))).toBe(15);
    expect(minutesLate(planned, at(42))).toBe(42);
    expect(minutesLate(planned, at(-5))).toBeNull();
    expect(minutesLate(null, at(60))).toBeNull();
  });
});
