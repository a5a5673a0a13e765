/**
 * Measures the figures' two hand-written pieces against well-kept libraries, on the
 * 13 figures of the sample 2018Q3 report, and prints the figures:
 *   - PNG encoding (src/figures/png.ts) against pngjs, fast-png, UPNG.js and Skia's own
 *     encoder (@napi-rs/canvas): bytes, time, and whether the pixels decode unchanged;
 *   - SVG number compaction (src/figures/svg-compact.ts) against svgo with the same
 *     precision: bytes and time.
 * The libraries are not dependencies of the product; install them for the run:
 *   npm install --no-save pngjs fast-png upng-js svgo
 *   npx tsx scripts/bench-figure-libs.ts [--runs 5]
 */
import { performance } from 'node:perf_hooks';
import { createCanvas } from '@napi-rs/canvas';
import { buildFigures } from '../src/figures/build.js';
import { encodeOpaquePng } from '../src/figures/png.js';
import { keepRawSvgs, takeRawSvgs } from '../src/figures/render.js';
import { loadFigureSpecs, numberFigures } from '../src/figures/spec.js';
import { compactSvg } from '../src/figures/svg-compact.js';
import { buildFacts, SAMPLE_DATA } from '../src/pipeline.js';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;

async function need<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    console.error(`${name} is not installed: npm install --no-save pngjs fast-png upng-js svgo`);
    process.exit(2);
  }
}

type Png = {
  sync: { read(b: Buffer): { data: Buffer; width: number; height: number }; write(p: unknown, o?: unknown): Buffer };
  new (o: unknown): { data: Buffer; pack(): NodeJS.ReadableStream };
};
const { PNG } = (await need<{ default: { PNG: Png } }>('pngjs')).default as unknown as { PNG: Png };
const fastPng = await need<{ encode(img: { width: number; height: number; data: Uint8Array; channels?: number }, o?: unknown): Uint8Array; decode(b: Uint8Array): { data: Uint8Array } }>('fast-png');
const UPNG = (await need<{ default: { encode(imgs: ArrayBuffer[], w: number, h: number, cnum: number): ArrayBuffer } }>('upng-js')).default;
const svgo = await need<{ optimize(s: string, o: unknown): { data: string } }>('svgo');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

/**
 * Median wall time and CPU time (all threads of the process: the machine is shared,
 * so CPU time is the steadier figure) of `RUNS` runs of `fn`, and the bytes of the last run.
 */
async function measure(fn: () => Promise<number> | number): Promise<{ ms: number; cpuMs: number; bytes: number }> {
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    bytes = await fn();
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu), bytes };
}
const timesOf = (r: { ms: number; cpuMs: number }) => `${r.ms.toFixed(0).padStart(5)} ms wall ${r.cpuMs.toFixed(0).padStart(5)} ms CPU`;

const { ledger } = await buildFacts({ data: SAMPLE_DATA, quarter: '2018Q3' });
keepRawSvgs();
const figures = await buildFigures(ledger, numberFigures(loadFigureSpecs()));
const rawSvgs = takeRawSvgs();
const images = figures.map((f) => PNG.sync.read(Buffer.from(f.rendered.png)));
const ppi = 144;
const samePixels = (decoded: Uint8Array, i: number) => Buffer.from(decoded).equals(images[i].data);

console.log(`PNG encoding of the ${images.length} figures (RGBA, ${images.reduce((s, im) => s + im.width * im.height, 0) / 1e6} Mpx in all), median of ${RUNS} runs`);
const pngRows: [string, () => Promise<number> | number, (b: Uint8Array) => Uint8Array][] = [
  ['ours (png.ts, unfiltered, zlib 6, thread pool)', async () => (await Promise.all(images.map((im) => encodeOpaquePng(im.data, im.width, im.height, ppi)))).reduce((s, b) => s + b.length, 0), (b) => PNG.sync.read(Buffer.from(b)).data],
  ['pngjs 7 (adaptive filters, zlib 9)', () => images.reduce((s, im) => s + PNG.sync.write(im).length, 0), (b) => PNG.sync.read(Buffer.from(b)).data],
  ['pngjs 7 (no filter, zlib 6, default strategy)', () => images.reduce((s, im) => s + PNG.sync.write(im, { filterType: 0, deflateLevel: 6, deflateStrategy: 0 }).length, 0), (b) => PNG.sync.read(Buffer.from(b)).data],
  [
    'pngjs 7 async pack() (no filter, zlib 6, default strategy)',
    async () => {
      const out = await Promise.all(
        images.map(
          (im) =>
            new Promise<number>((resolve, reject) => {
              const png = new PNG({ width: im.width, height: im.height, filterType: 0, deflateLevel: 6, deflateStrategy: 0 });
              png.data = im.data;
              let n = 0;
              png
                .pack()
                .on('data', (c: Buffer) => (n += c.length))
                .on('end', () => resolve(n))
                .on('error', reject);
            }),
        ),
      );
      return out.reduce((s, n) => s + n, 0);
    },
    (b) => PNG.sync.read(Buffer.from(b)).data,
  ],
  ['fast-png 8', () => images.reduce((s, im) => s + fastPng.encode({ width: im.width, height: im.height, data: im.data, channels: 4 }).length, 0), (b) => fastPng.decode(b).data],
  ['UPNG.js 2 (lossless)', () => images.reduce((s, im) => s + UPNG.encode([new Uint8Array(im.data).buffer], im.width, im.height, 0).byteLength, 0), (b) => PNG.sync.read(Buffer.from(b)).data],
  [
    "Skia's encoder (@napi-rs/canvas encode('png'))",
    async () => {
      const out = await Promise.all(
        images.map((im) => {
          const c = createCanvas(im.width, im.height);
          const ctx = c.getContext('2d');
          const data = ctx.createImageData(im.width, im.height);
          data.data.set(im.data);
          ctx.putImageData(data, 0, 0);
          return c.encode('png');
        }),
      );
      return out.reduce((s, b) => s + b.length, 0);
    },
    (b) => PNG.sync.read(Buffer.from(b)).data,
  ],
];
const check = async (row: (typeof pngRows)[number]) => {
  // lossless? encode the first image once and decode it
  const im = images[0];
  let one: Uint8Array;
  if (row[0].startsWith('ours')) one = await encodeOpaquePng(im.data, im.width, im.height, ppi);
  else if (row[0].startsWith('pngjs 7 (no') || row[0].startsWith('pngjs 7 async')) one = PNG.sync.write(im, { filterType: 0, deflateLevel: 6, deflateStrategy: 0 });
  else if (row[0].startsWith('pngjs')) one = PNG.sync.write(im);
  else if (row[0].startsWith('fast-png')) one = fastPng.encode({ width: im.width, height: im.height, data: im.data, channels: 4 });
  else if (row[0].startsWith('UPNG')) one = new Uint8Array(UPNG.encode([new Uint8Array(im.data).buffer], im.width, im.height, 0));
  else return 'n/a';
  return samePixels(row[2](one), 0) ? 'same pixels' : 'PIXELS DIFFER';
};
for (const row of pngRows) {
  const r = await measure(row[1]);
  console.log(`  ${row[0].padEnd(58)} ${kib(r.bytes).padStart(9)}  ${timesOf(r)}  ${await check(row)}`);
}
// In a build the figures are drawn on the main thread while the PNGs deflate on the
// thread pool: what counts there is the main thread's share (the libraries' encoders
// are synchronous: all of their time).
const mainThread = await measure(async () => {
  const pending = images.map((im) => encodeOpaquePng(im.data, im.width, im.height, ppi));
  await Promise.all(pending);
  return 0;
});
const syncPart: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const t = performance.now();
  const pending = images.map((im) => encodeOpaquePng(im.data, im.width, im.height, ppi));
  syncPart.push(performance.now() - t);
  await Promise.all(pending);
}
console.log(`  ours: main thread busy ${median(syncPart).toFixed(0)} ms of ${mainThread.ms.toFixed(0)} ms wall (the deflating runs on the thread pool, overlapping the drawing)`);

const rawBytes = rawSvgs.reduce((s, b) => s + b.length, 0);
console.log(`\nSVG compaction of the ${rawSvgs.length} figures as Skia writes them (${kib(rawBytes)}), median of ${RUNS} runs`);
const svgoConfig = {
  multipass: false,
  js2svg: { pretty: false },
  plugins: [
    { name: 'cleanupNumericValues', params: { floatPrecision: 2 } },
    { name: 'convertPathData', params: { floatPrecision: 2, transformPrecision: 5, makeArcs: false } },
  ],
};
const svgRows: [string, () => number][] = [
  ['ours (svg-compact.ts: 0.01 pt, relative paths)', () => rawSvgs.reduce((s, b) => s + Buffer.byteLength(compactSvg(b)), 0)],
  ['svgo 4 (numbers and path data at 2 decimals)', () => rawSvgs.reduce((s, b) => s + Buffer.byteLength(svgo.optimize(b.toString('utf8'), svgoConfig).data), 0)],
  ['svgo 4 preset-default, 2 decimals', () => rawSvgs.reduce((s, b) => s + Buffer.byteLength(svgo.optimize(b.toString('utf8'), { multipass: false, floatPrecision: 2 }).data), 0)],
];
for (const [name, fn] of svgRows) {
  const r = await measure(fn);
  console.log(`  ${name.padEnd(58)} ${kib(r.bytes).padStart(9)}  ${timesOf(r)}`);
}

// What the half-width set-up of the paired figures costs the figures stage (warm process).
const specs = loadFigureSpecs();
const unpaired = specs.map(({ pair: _pair, ...s }) => s);
for (const [name, list] of [
  ['13 figures, no pairs', unpaired],
  [`13 figures + ${specs.filter((s) => s.pair).length * 2} half-width (pairs of templates/figures.yaml)`, specs],
] as const) {
  const r = await measure(async () => (await buildFigures(ledger, numberFigures(list))).length);
  console.log(`figures stage, ${name}: ${timesOf(r)} (median of ${RUNS}, warm)`);
}
