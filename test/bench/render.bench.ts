/**
 * Renders per second for the Instagram portrait template, one at a time and on every core
 * (one worker thread per core), side by side with ImageMagick's `convert` making the same
 * composite: cover-resized photo with rounded corners, shading band, logo on a round plate,
 * price pill and three lines of text in the bundled fonts. Not a test: `npm run bench:render`.
 * BENCH_SECONDS sets the length of each measurement (default 10).
 */
import {
  FIXTURE_BRAND,
  FIXTURE_VARIABLES,
  fixtureLogo,
  fixturePhoto,
} from '../unit/render-fixtures';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { builtInTemplate } from '../../src/content/rendering/builtins';
import { fontFile } from '../../src/content/rendering/fonts';
import { RenderInput } from '../../src/content/rendering/render-input';
import { renderTemplate } from '../../src/content/rendering/renderer';

const CONVERT = '/usr/bin/convert';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CORES = availableParallelism();
const TEMPLATE = 'ig-portrait';
const run = promisify(execFile);

interface Result {
  engine: string;
  mode: string;
  renders: number;
  seconds: number;
  /** CPU time of this process, its worker threads and its finished child processes. */
  cpuSeconds: number;
}

/** Clock ticks per second of /proc/self/stat on Linux. */
const CLOCK_TICKS = 100;

/**
 * CPU seconds used so far by this process (all threads) and by the children it waited for
 * (`convert`). CPU time, unlike wall time, barely changes when other work shares the machine.
 */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  let children = 0;
  if (existsSync('/proc/self/stat')) {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  }
  return (user + system) / 1e6 + children;
}

/** Runs a measurement, adding the CPU time it used. */
async function measured(run: () => Promise<Omit<Result, 'cpuSeconds'>>): Promise<Result> {
  const before = cpuSeconds();
  const result = await run();
  return { ...result, cpuSeconds: cpuSeconds() - before };
}

async function benchInput(): Promise<RenderInput> {
  return {
    photos: [await fixturePhoto(0)],
    logo: await fixtureLogo(),
    brand: FIXTURE_BRAND,
    variables: FIXTURE_VARIABLES,
  };
}

/** Renders back to back until the deadline; returns how many finished. */
async function renderUntil(deadline: number, render: () => Promise<unknown>): Promise<number> {
  let count = 0;
  while (performance.now() < deadline) {
    await render();
    count++;
  }
  return count;
}

async function sharpSequential(): Promise<Omit<Result, 'cpuSeconds'>> {
  const template = builtInTemplate(TEMPLATE);
  const input = await benchInput();
  for (let i = 0; i < 3; i++) await renderTemplate(template, input);
  const start = performance.now();
  const renders = await renderUntil(start + SECONDS * 1000, () => renderTemplate(template, input));
  return {
    engine: 'sharp',
    mode: 'one at a time',
    renders,
    seconds: (performance.now() - start) / 1000,
  };
}

/** One worker per core, started together once all have warmed up. */
async function sharpParallel(): Promise<Omit<Result, 'cpuSeconds'>> {
  const workers = Array.from(
    { length: CORES },
    () => new Worker(__filename, { workerData: { seconds: SECONDS } }),
  );
  await Promise.all(workers.map((w) => new Promise((ready) => w.once('message', ready))));
  const start = performance.now();
  const counts = await Promise.all(
    workers.map((w) => {
      const done = new Promise<number>((resolve) => w.once('message', resolve));
      w.postMessage('go');
      return done;
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  return {
    engine: 'sharp',
    mode: `${CORES} worker threads`,
    renders: counts.reduce((a, b) => a + b, 0),
    seconds,
  };
}

async function workerMain(): Promise<void> {
  const template = builtInTemplate(TEMPLATE);
  const input = await benchInput();
  for (let i = 0; i < 3; i++) await renderTemplate(template, input);
  parentPort?.postMessage('ready');
  parentPort?.once('message', async () => {
    const seconds = (workerData as { seconds: number }).seconds;
    parentPort?.postMessage(
      await renderUntil(performance.now() + seconds * 1000, () => renderTemplate(template, input)),
    );
  });
}

/** The ig-portrait composite as one `convert` command (ImageMagick 6 syntax). */
function convertArgs(dir: string, output: string): string[] {
  const [photoW, photoH] = [960, 860];
  return [
    ...['-size', '1080x1350', 'xc:#0f4c81'],
    ...['(', join(dir, 'photo.jpg'), '-resize', `${photoW}x${photoH}^`, '-gravity', 'center'],
    ...['-extent', `${photoW}x${photoH}`, '-alpha', 'set'],
    ...['(', '-size', `${photoW}x${photoH}`, 'xc:none', '-fill', 'white'],
    ...['-draw', `roundrectangle 0,0 ${photoW - 1},${photoH - 1} 48,48`, ')'],
    ...['-compose', 'DstIn', '-composite', ')'],
    ...['-gravity', 'NorthWest', '-compose', 'Over', '-geometry', '+60+60', '-composite'],
    ...['(', '-size', '1080x610', 'gradient:rgba(0,0,0,0)-rgba(0,0,0,0.35)', ')'],
    ...['-geometry', '+0+740', '-composite'],
    ...['-fill', 'white', '-draw', 'circle 148,148 148,92'],
    ...['(', join(dir, 'logo.png'), '-resize', '84x84', ')', '-geometry', '+106+106', '-composite'],
    ...['-fill', '#f5b700', '-draw', 'roundrectangle 650,866 996,974 54,54'],
    ...[
      '-font',
      fontFile(800),
      '-pointsize',
      '54',
      '-fill',
      '#0f4c81',
      '-annotate',
      '+684+884',
      'Rp 150.000',
    ],
    ...['-pointsize', '66', '-fill', 'white', '-annotate', '+60+1040', 'Kemeja Batik Lintas 5'],
    ...[
      '-font',
      fontFile(700),
      '-pointsize',
      '34',
      '-fill',
      '#f5b700',
      '-annotate',
      '+60+1172',
      'Bengkel Konveksi',
    ],
    ...[
      '-font',
      fontFile(400),
      '-pointsize',
      '30',
      '-fill',
      'white',
      '-annotate',
      '+60+1226',
      'Lapas Kelas I Cipinang',
    ],
    ...['-quality', '88', output],
  ];
}

async function imageMagick(dir: string, processes: number): Promise<Omit<Result, 'cpuSeconds'>> {
  const once = (i: number) => run(CONVERT, convertArgs(dir, join(dir, `out-${i}.jpg`)));
  for (let i = 0; i < processes; i++) await once(i);
  const start = performance.now();
  const counts = await Promise.all(
    Array.from({ length: processes }, (_, i) => renderUntil(start + SECONDS * 1000, () => once(i))),
  );
  return {
    engine: 'ImageMagick',
    mode: processes === 1 ? 'one at a time' : `${processes} processes`,
    renders: counts.reduce((a, b) => a + b, 0),
    seconds: (performance.now() - start) / 1000,
  };
}

function rate(r: Result): number {
  return r.renders / r.seconds;
}

function printTable(results: Result[]): void {
  const rows = results.map((r) => [
    r.engine,
    r.mode,
    String(r.renders),
    r.seconds.toFixed(1),
    rate(r).toFixed(1),
    ((r.cpuSeconds * 1000) / r.renders).toFixed(0),
    (r.renders / r.cpuSeconds).toFixed(1),
  ]);
  const header = [
    'engine',
    'mode',
    'renders',
    'seconds',
    'renders/s',
    'cpu ms/render',
    'renders/cpu-s',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}

async function main(): Promise<void> {
  console.log(
    `${TEMPLATE} 1080×1350, ${SECONDS} s per measurement, ${CORES} cores (${cpus()[0]?.model ?? '?'})`,
  );
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}`,
  );
  const results = [await measured(sharpSequential), await measured(sharpParallel)];
  const hasConvert = existsSync(CONVERT);
  if (hasConvert) {
    const dir = mkdtempSync(join(tmpdir(), 'karya-bench-'));
    writeFileSync(join(dir, 'photo.jpg'), await fixturePhoto(0));
    writeFileSync(join(dir, 'logo.png'), await fixtureLogo());
    try {
      results.push(
        await measured(() => imageMagick(dir, 1)),
        await measured(() => imageMagick(dir, CORES)),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(results);
  const [seq, par] = results;
  const perCore = (r: Result) => (r.renders / r.cpuSeconds).toFixed(1);
  console.log(
    `sharp per core: ${perCore(seq)} renders per CPU-second one at a time, ${perCore(par)} on all cores (target ≥ 10)`,
  );
  if (!hasConvert) {
    console.log(
      `${CONVERT} is missing: install ImageMagick (apt-get install imagemagick) to compare.`,
    );
    return;
  }
  const [imSeq, imPar] = results.slice(2);
  const speedup = (a: Result, b: Result) => (rate(a) / rate(b)).toFixed(1);
  const cpuSpeedup = (a: Result, b: Result) =>
    (a.renders / a.cpuSeconds / (b.renders / b.cpuSeconds)).toFixed(1);
  console.log(
    `sharp vs ImageMagick, renders/s: ${speedup(seq, imSeq)}× one at a time, ${speedup(par, imPar)}× on all cores; ` +
      `per CPU-second: ${cpuSpeedup(seq, imSeq)}× and ${cpuSpeedup(par, imPar)}× (target ≥ 3×)`,
  );
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (other work on the machine lowers the renders/s figures)`,
  );
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  void workerMain();
}
