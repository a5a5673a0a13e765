/**
 * Benchmark: the sample quarter's full report (facts, narrative, 13 figures, PDF,
 * DOCX) built in fresh processes and in one warm process; all sample quarters one
 * by one and in parallel; and, when LibreOffice is installed, its headless
 * conversion of our DOCX to PDF for comparison. Prints figures; asserts nothing.
 *
 *   npm run bench                 (defaults: 5 fresh runs, 5 warm runs, batch of all quarters)
 *   npm run bench -- --runs 3 --no-batch
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildReport } from '../src/report.js';
import { writeFiles } from '../src/archive/write.js';
import { buildMany } from '../src/archive/batch.js';
import { loadInputs, SAMPLE_DATA } from '../src/pipeline.js';

const QUARTER = '2018Q3';
const STAGES = ['load', 'compute', 'narrative', 'figures', 'model', 'pdf', 'docx', 'factcheck', 'write'] as const;

interface Run {
  total: number;
  timings: Record<string, number>;
  /** Peak resident set size of the process so far, MB. */
  peakRssMb: number;
  pdfBytes: number;
  docxBytes: number;
}

/** One full build, its files written to a temporary folder (the write stage). */
async function buildOnce(): Promise<Run> {
  const t0 = performance.now();
  const { files, timings } = await buildReport({ data: SAMPLE_DATA, quarter: QUARTER });
  const tw = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'scindex-bench-'));
  writeFiles(dir, files);
  timings.write = performance.now() - tw;
  const total = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  return { total, timings, peakRssMb: process.resourceUsage().maxRSS / 1024, pdfBytes: files.get('report.pdf')!.length, docxBytes: files.get('report.docx')!.length };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const stats = (xs: number[]) => `median ${ms(median(xs))}, min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}`;

function printRuns(title: string, runs: Run[]): void {
  console.log(`\n## ${title} (${runs.length} runs)`);
  console.log(`total wall time: ${stats(runs.map((r) => r.total))}`);
  console.log('per stage (median):');
  for (const s of STAGES) console.log(`  ${s.padEnd(10)} ${ms(median(runs.map((r) => r.timings[s] ?? 0))).padStart(8)}`);
  console.log(`peak RSS: ${Math.round(Math.max(...runs.map((r) => r.peakRssMb)))} MB`);
  console.log(`PDF ${(runs[0].pdfBytes / 1024 / 1024).toFixed(2)} MB, DOCX ${(runs[0].docxBytes / 1024 / 1024).toFixed(2)} MB`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { child: { type: 'boolean' }, runs: { type: 'string', default: '5' }, 'no-batch': { type: 'boolean' }, 'no-libreoffice': { type: 'boolean' } } });
  if (values.child) {
    process.stdout.write(JSON.stringify(await buildOnce()));
    return;
  }
  const n = Number(values.runs);
  console.log(`# Benchmark: ${QUARTER} full report (facts, narrative, figures, PDF, DOCX, fact check)`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);

  // Fresh processes: what one `npm run report` pays, start-up and font loading included.
  const fresh: Run[] = [];
  const self = fileURLToPath(import.meta.url);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`child build failed: ${r.stderr}`);
    const run = JSON.parse(r.stdout) as Run;
    fresh.push({ ...run, total: performance.now() - t0 });
  }
  printRuns('fresh process per build (wall time includes node start-up)', fresh);

  // One warm process: fonts, templates and geometry already loaded (the batch case).
  await buildOnce();
  const warm: Run[] = [];
  for (let i = 0; i < n; i++) warm.push(await buildOnce());
  printRuns('warm process (after one build)', warm);

  let batchOne = 0;
  if (!values['no-batch']) {
    const { dataset } = await loadInputs({ data: SAMPLE_DATA });
    const quarters = dataset.quarters;
    const time = async (jobs: number) => {
      const root = mkdtempSync(join(tmpdir(), 'scindex-bench-archive-'));
      const t0 = performance.now();
      const results = await buildMany({ data: SAMPLE_DATA, root, quarters, jobs });
      const t = performance.now() - t0;
      rmSync(root, { recursive: true, force: true });
      if (results.some((r) => !r.ok)) throw new Error(results.find((r) => !r.ok)!.error);
      return t;
    };
    batchOne = await time(1);
    const batchAll = await time(cpus().length);
    console.log(`\n## batch: all ${quarters.length} sample quarters into a fresh archive`);
    console.log(`one by one (1 worker):  ${ms(batchOne)}  (${ms(batchOne / quarters.length)} a quarter)`);
    console.log(`in parallel (${cpus().length} workers): ${ms(batchAll)}  → ${(batchOne / batchAll).toFixed(2)}× faster`);
  }

  const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
  if (soffice && !values['no-libreoffice']) {
    const dir = mkdtempSync(join(tmpdir(), 'scindex-bench-lo-'));
    const { files } = await buildReport({ data: SAMPLE_DATA, quarter: QUARTER });
    writeFileSync(join(dir, 'report.docx'), files.get('report.docx')!);
    const times: number[] = [];
    for (let i = 0; i < Math.max(3, Math.min(n, 5)); i++) {
      const t0 = performance.now();
      const r = spawnSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
      times.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
    }
    const lo = median(times);
    const ours = median(fresh.map((r) => r.total));
    const oursWarm = median(warm.map((r) => r.total));
    console.log(`\n## LibreOffice: headless conversion of our DOCX to PDF (${times.length} runs)`);
    console.log(`soffice --convert-to pdf: ${stats(times)}`);
    console.log(`our full build ÷ LibreOffice's conversion: fresh process ${(ours / lo).toFixed(2)}, warm process ${(oursWarm / lo).toFixed(2)} (target ≤ 0.20)`);
    rmSync(dir, { recursive: true, force: true });
  } else console.log('\n(LibreOffice not found: no comparison; apt-get install libreoffice-writer-nogui to add it)');
}

await main();
