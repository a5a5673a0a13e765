/**
 * Benchmark: the sample quarter's full report (facts, narrative, 13 figures, PDF,
 * DOCX) built by the command in fresh processes and in one warm process; all
 * sample quarters one by one and in parallel; and, when LibreOffice is installed,
 * its headless conversion of our DOCX to PDF for comparison. Wall time, CPU time
 * (all threads) and peak memory. Prints figures; asserts nothing.
 *
 *   npm run bench                 (defaults: 5 fresh runs, 5 warm runs, batch of all quarters)
 *   npm run bench -- --runs 3 --no-batch
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const STAGES = ['load', 'compute', 'narrative', 'figures', 'model', 'pdf', 'docx', 'factcheck', 'write', 'archive'] as const;
const BIN = fileURLToPath(new URL('../bin/scindex.mjs', import.meta.url));

interface Run {
  total: number;
  /** CPU time of all the process's threads during the build, ms. */
  cpu: number;
  timings: Record<string, number>;
  /** Peak resident set size of the process so far, MB. */
  peakRssMb: number;
  pdfBytes: number;
  docxBytes: number;
}

/** One full build in this process, its files written to a temporary folder (the write stage). */
async function buildOnce(): Promise<Run> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { files, timings } = await buildReport({ data: SAMPLE_DATA, quarter: QUARTER });
  const tw = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'scindex-bench-'));
  writeFiles(dir, files);
  timings.write = performance.now() - tw;
  const total = performance.now() - t0;
  const c = process.cpuUsage(c0);
  rmSync(dir, { recursive: true, force: true });
  return { total, cpu: (c.user + c.system) / 1000, timings, peakRssMb: process.resourceUsage().maxRSS / 1024, pdfBytes: files.get('report.pdf')!.length, docxBytes: files.get('report.docx')!.length };
}

/**
 * One run of the command as an editor types it (`scindex report -q 2018Q3`, into a
 * fresh archive), in a process of its own: start-up, module loading and font
 * loading included. Stage times, CPU and peak memory come from its --timings line.
 */
function commandOnce(): Run {
  const root = mkdtempSync(join(tmpdir(), 'scindex-bench-cli-'));
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'report', '-q', QUARTER, '-o', root, '--timings'], { encoding: 'utf8' });
    const total = performance.now() - t0;
    if (r.status !== 0) throw new Error(`scindex report failed: ${r.stderr}`);
    const line = r.stdout.split('\n').find((l) => l.startsWith('timings: '));
    if (!line) throw new Error(`scindex report printed no timings line:\n${r.stdout}`);
    const timings = Object.fromEntries([...line.matchAll(/(\w+) (\d+) ms/g)].map((m) => [m[1], Number(m[2])]));
    const dir = join(root, QUARTER, 'v1');
    return {
      total,
      cpu: Number(/CPU (\d+) ms/.exec(line)![1]),
      timings,
      peakRssMb: Number(/peak RSS (\d+) MB/.exec(line)![1]),
      pdfBytes: statSync(join(dir, 'report.pdf')).size,
      docxBytes: statSync(join(dir, 'report.docx')).size,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const stats = (xs: number[]) => `median ${ms(median(xs))}, min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}`;

function printRuns(title: string, runs: Run[]): void {
  console.log(`\n## ${title} (${runs.length} runs)`);
  console.log(`total wall time: ${stats(runs.map((r) => r.total))}`);
  const cpu = median(runs.map((r) => r.cpu));
  console.log(`CPU time (all threads): median ${ms(cpu)}, i.e. ${(cpu / median(runs.map((r) => r.total))).toFixed(2)} cores busy on average`);
  console.log('per stage (median):');
  for (const s of STAGES) if (runs.some((r) => s in r.timings)) console.log(`  ${s.padEnd(10)} ${ms(median(runs.map((r) => r.timings[s] ?? 0))).padStart(8)}`);
  console.log(`peak RSS: ${Math.round(Math.max(...runs.map((r) => r.peakRssMb)))} MB`);
  console.log(`PDF ${(runs[0].pdfBytes / 1024 / 1024).toFixed(2)} MB, DOCX ${(runs[0].docxBytes / 1024 / 1024).toFixed(2)} MB`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'no-batch': { type: 'boolean' }, 'no-libreoffice': { type: 'boolean' } } });
  const n = Number(values.runs);
  console.log(`# Benchmark: ${QUARTER} full report (facts, narrative, figures, PDF, DOCX, fact check)`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);

  // The command in a fresh process each time: what one `scindex report` costs an editor.
  commandOnce(); // the first run after a source change makes the cached bundle; not timed
  const fresh: Run[] = [];
  for (let i = 0; i < n; i++) fresh.push(commandOnce());
  printRuns('the command, a fresh process per build (scindex report, start-up and archive included)', fresh);

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
    const c1 = process.cpuUsage();
    batchOne = await time(1);
    const cpuOne = cpuMs(process.cpuUsage(c1));
    const c2 = process.cpuUsage();
    const batchAll = await time(cpus().length);
    const cpuAll = cpuMs(process.cpuUsage(c2));
    console.log(`\n## batch: all ${quarters.length} sample quarters into a fresh archive`);
    console.log(`one by one (1 worker):  ${ms(batchOne)}  (${ms(batchOne / quarters.length)} a quarter), CPU ${ms(cpuOne)} = ${(cpuOne / batchOne).toFixed(2)} cores busy`);
    console.log(`in parallel (${cpus().length} workers): ${ms(batchAll)}  → ${(batchOne / batchAll).toFixed(2)}× faster, CPU ${ms(cpuAll)} = ${(cpuAll / batchAll).toFixed(2)} cores busy`);
    // Amdahl: one worker already keeps this many cores busy, so more workers can win at most cores ÷ that.
    console.log(
      `bound: one worker keeps ${(cpuOne / batchOne).toFixed(2)} cores busy, so ${cpus().length} cores allow at most ${(cpus().length / (cpuOne / batchOne)).toFixed(2)}× at equal CPU per quarter; a worker's start-up costs ${ms((cpuAll - cpuOne) / Math.max(1, cpus().length - 1))} CPU more`,
    );
    const t0 = performance.now();
    for (const q of quarters) {
      const root = mkdtempSync(join(tmpdir(), 'scindex-bench-archive-'));
      const r = spawnSync(process.execPath, [BIN, 'report', '-q', q, '-o', root], { encoding: 'utf8' });
      rmSync(root, { recursive: true, force: true });
      if (r.status !== 0) throw new Error(`scindex report -q ${q} failed: ${r.stderr}`);
    }
    const byCommand = performance.now() - t0;
    console.log(`the command once per quarter (${quarters.length} fresh processes): ${ms(byCommand)} → batch in parallel is ${(byCommand / batchAll).toFixed(2)}× faster`);
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
  } else if (values['no-libreoffice']) console.log('\n(LibreOffice comparison skipped: --no-libreoffice)');
  else console.log('\n(LibreOffice not found: no comparison; apt-get install libreoffice-writer-nogui to add it)');
}

await main();
