/**
 * Runs the calendar unit tests again in child Jest processes whose TZ is America/New_York and
 * UTC. Setting process.env.TZ inside a Jest test does not reach the real process (Jest hands
 * tests a copy of the environment), so only a fresh process really changes the zone;
 * calendar-timezone.test.ts checks in the child that it did.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve('.');
const files = readdirSync(join(root, 'test/unit'))
  .filter((f) => /^calendar-.*\.test\.ts$/.test(f) && f !== 'calendar-process-tz.test.ts')
  .map((f) => join(root, 'test/unit', f));

interface JestJson {
  success: boolean;
  numFailedTests: number;
  numPassedTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

async function runJestWithTz(tz: string): Promise<JestJson> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    jest: Record<string, unknown>;
  };
  // The calendar tests need no database: leave out the global setup that starts one.
  const { globalSetup: _setup, globalTeardown: _teardown, ...config } = pkg.jest;
  const { stdout } = await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      join(root, 'node_modules/jest/bin/jest.js'),
      '--config',
      JSON.stringify({ ...config, rootDir: root }),
      '--json',
      '--runInBand',
      '--runTestsByPath',
      ...files,
    ],
    {
      cwd: root,
      env: { ...process.env, TZ: tz, KARYA_EXPECTED_TZ: tz },
      maxBuffer: 64 * 1024 * 1024,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => {
    if (error.stdout?.trim().startsWith('{')) return { stdout: error.stdout };
    throw new Error(`jest under TZ=${tz} did not run: ${error.stderr ?? String(error)}`);
  });
  return JSON.parse(stdout) as JestJson;
}

const ZONES = ['America/New_York', 'UTC'];
let runs: Map<string, Promise<JestJson>>;

beforeAll(() => {
  // Both children at once: each takes several seconds, mostly start-up.
  runs = new Map(ZONES.map((tz) => [tz, runJestWithTz(tz)]));
  for (const run of runs.values()) run.catch(() => undefined);
});

describe.each(ZONES)('calendar tests with TZ=%s', (tz) => {
  it('all pass, and the child really runs in that zone', async () => {
    const result = await runs.get(tz)!;
    const failed = result.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status === 'failed')
      .map((test) => test.fullName);
    expect(failed).toEqual([]);
    expect(result.numPassedTests).toBeGreaterThan(50);
    const probe = result.testResults
      .flatMap((file) => file.assertionResults)
      .find((test) => test.fullName.startsWith('process time zone is the zone the runner asked'));
    expect(probe?.status).toBe('passed');
  }, 180_000);
});
