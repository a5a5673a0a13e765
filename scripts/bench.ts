/**
 * Benchmark of issue #17's four targets, measured side by side in one run, with
 * LibreOffice's headless conversion of our own DOCX to PDF as the yardstick:
 *
 *  1. the command (`scindex report`, a fresh process, archive included) ÷ the conversion;
 *     twice: with the caches as an editor's machine has them (figures drawn before are
 *     read), and with every figure drawn (new data; the bundle and code cache kept);
 *  2. a warm rebuild in one process ÷ the conversion: after new data (one cell changed),
 *     and after a wording change only (lead.hbs);
 *  3. a batch of 100 quarters (made by scripts/make-sample-data.ts) against the 8 sample
 *     quarters: cost per quarter and peak memory, each batch in a process of its own;
 *  4. peak RSS of the command, and the RSS of a warm process after 10, 25 and 50 rebuilds.
 *
 * Wall time, CPU time (all threads), per-stage times, peak memory. Prints figures;
 * asserts nothing (speed is never a test). The workbench's own benchmark, through
 * HTTP, is `npm run bench:workbench`.
 *
 *   npm run bench                          (5 runs each; the 100-quarter batch included)
 *   npm run bench -- --runs 3 --no-scale   (no 100-quarter batch)
 *   options: --runs N, --no-scale, --no-batch (no batch at all), --no-libreoffice, --rebuilds N (default 50),
 *            --only fresh,warm,memory,batch,libreoffice (some parts only)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildReport, DEFAULT_TEMPLATES } from '../src/report.js';
import { writeFiles } from '../src/archive/write.js';
import { buildMany } from '../src/archive/batch.js';
import { loadInputs, SAMPLE_DATA } from '../src/pipeline.js';
import { cacheDirs } from '../src/bundle.mjs';
import { takeRenderTimings } from '../src/figures/render.js';

const QUARTER = '2018Q3';
const STAGES = ['load', 'compute', 'narrative', 'figures', 'model', 'pdf', 'docx', 'factcheck', 'write', 'archive'] as const;
const BIN = fileURLToPath(new URL('../bin/scindex.mjs', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const GENERATOR = fileURLToPath(new URL('./make-sample-data.ts', import.meta.url));

interface Run {
  total: number;
  /** CPU time of all the process's threads during the build, ms. */
  cpu: number;
  timings: Record<string, number>;
  /** Peak resident set size of the process so far, MB. */
  peakRssMb: number;
  pdfBytes: number;
  docxBytes: number;
  /** Figures drawn (not reused) in the build: full and half width; in-process builds only. */
  drawn?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const stats = (xs: number[]) => `median ${ms(median(xs))}, min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}`;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const temp = (name: string) => mkdtempSync(join(tmpdir(), `scindex-bench-${name}-`));

/** A workspace of its own: the sample data and the templates, copied, to change for the rebuilds. */
function workspace(): { data: string; templates: string; root: string } {
  const root = temp('ws');
  const data = join(root, 'data');
  mkdirSync(data);
  for (const f of readdirSync(SAMPLE_DATA)) cpSync(join(SAMPLE_DATA, f), join(data, f));
  cpSync(DEFAULT_TEMPLATES, join(root, 'templates'), { recursive: true });
  return { data, templates: join(root, 'templates'), root };
}

const originals = new Map<string, string>();

/**
 * New data: one cell of the quarter (城口县's 新注册企业数, the first indicator) corrected to
 * 1.2–1.4 times its value, another each time: enough to move the district's scores, so the
 * figures of the total and of its first-level index are drawn again.
 */
function changeData(data: string, i: number): void {
  const file = join(data, readdirSync(data).find((f) => f.includes(QUARTER.slice(0, 4)))!);
  if (!originals.has(file)) originals.set(file, readFileSync(file, 'utf8'));
  const lines = originals.get(file)!.split('\n');
  const row = lines.findIndex((l) => l.startsWith(QUARTER) && l.includes('城口县'));
  const cells = lines[row].split(',');
  cells[2] = String(Math.round(Number(cells[2]) * (1.2 + 0.05 * (i % 5))));
  lines[row] = cells.join(',');
  writeFileSync(file, lines.join('\n'));
}

/** A wording change: 客观反映 ↔ 如实反映 in the lead paragraph's template. */
function changeWording(templates: string, i: number): void {
  const lead = join(templates, 'report/lead.hbs');
  writeFileSync(lead, readFileSync(lead, 'utf8').replace(/客观反映|如实反映/, i % 2 ? '客观反映' : '如实反映'));
}

/** One full build in this process, its files written to a temporary folder (the write stage). */
async function buildOnce(inputs: { data: string; templatesDir?: string } = { data: SAMPLE_DATA }): Promise<Run> {
  takeRenderTimings();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { files, timings } = await buildReport({ ...inputs, quarter: QUARTER, sampleData: true });
  const drawn = takeRenderTimings().length;
  const tw = performance.now();
  const dir = temp('out');
  writeFiles(dir, files);
  timings.write = performance.now() - tw;
  const total = performance.now() - t0;
  const c = process.cpuUsage(c0);
  rmSync(dir, { recursive: true, force: true });
  return { total, cpu: cpuMs(c), timings, peakRssMb: process.resourceUsage().maxRSS / 1024, pdfBytes: files.get('report.pdf')!.length, docxBytes: files.get('report.docx')!.length, drawn };
}

/**
 * One run of the command as an editor types it (`scindex report -q 2018Q3`, into a
 * fresh archive), in a process of its own: start-up, module loading and font
 * loading included. Stage times, CPU and peak memory come from its --timings line.
 */
function commandOnce(env: Record<string, string> = {}): Run {
  const root = temp('cli');
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'report', '-q', QUARTER, '-o', root, '--timings'], { encoding: 'utf8', env: { ...process.env, ...env } });
    const total = performance.now() - t0;
    if (r.status !== 0) throw new Error(`scindex report failed: ${r.stderr}`);
    const line = r.stdout.split('\n').find((l) => l.startsWith('timings: '));
    if (!line) throw new Error(`scindex report printed no timings line:\n${r.stdout}`);
    const timings = Object.fromEntries([...line.split(';')[0].matchAll(/(\w+) (\d+) ms/g)].map((m) => [m[1], Number(m[2])]));
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

/** A cache folder like this machine's (the bundle, the code cache, map layouts) without the drawn figures. */
function cacheWithoutFigures(): string {
  const from = cacheDirs().find((d) => {
    try {
      return readdirSync(d).some((f) => f.endsWith('.mjs'));
    } catch {
      return false;
    }
  });
  const to = temp('cache');
  if (from) for (const f of readdirSync(from)) if (f !== 'blobs') cpSync(join(from, f), join(to, f), { recursive: true });
  return to;
}

function printRuns(title: string, runs: Run[], opts: { startup?: boolean } = {}): void {
  console.log(`\n## ${title} (${runs.length} runs)`);
  console.log(`total wall time: ${stats(runs.map((r) => r.total))}`);
  const cpu = median(runs.map((r) => r.cpu));
  console.log(`CPU time (all threads): median ${ms(cpu)}, i.e. ${(cpu / median(runs.map((r) => r.total))).toFixed(2)} cores busy on average`);
  console.log('per stage (median):');
  if (opts.startup) console.log(`  ${'start-up'.padEnd(10)} ${ms(median(runs.map((r) => r.total - Object.values(r.timings).reduce((a, b) => a + b, 0)))).padStart(8)}  (and exit: wall time less the stages)`);
  for (const s of STAGES) if (runs.some((r) => s in r.timings)) console.log(`  ${s.padEnd(10)} ${ms(median(runs.map((r) => r.timings[s] ?? 0))).padStart(8)}`);
  if (runs[0].drawn !== undefined) console.log(`figures drawn (the others reused): median ${median(runs.map((r) => r.drawn ?? 0))}`);
  console.log(`peak RSS: ${Math.round(Math.max(...runs.map((r) => r.peakRssMb)))} MB`);
  console.log(`PDF ${(runs[0].pdfBytes / 1024 / 1024).toFixed(2)} MB, DOCX ${(runs[0].docxBytes / 1024 / 1024).toFixed(2)} MB`);
}

/** The command in fresh processes: with this machine's caches, and with every figure drawn. */
function freshCommands(n: number): { cached: Run[]; drawn: Run[] } {
  commandOnce(); // the first run after a source change makes the bundle, the code cache and the figures; not timed
  const cached: Run[] = [];
  for (let i = 0; i < n; i++) cached.push(commandOnce());
  printRuns('the command, a fresh process per build (scindex report, start-up and archive included; figures drawn before are read from the cache)', cached, { startup: true });
  const drawn: Run[] = [];
  for (let i = 0; i < n; i++) {
    const cache = cacheWithoutFigures();
    drawn.push(commandOnce({ SCINDEX_CACHE_DIR: cache }));
    rmSync(cache, { recursive: true, force: true });
  }
  printRuns('the command, a fresh process per build, every figure drawn (no figure in the cache: new data)', drawn, { startup: true });
  return { cached, drawn };
}

/** One warm process: the same build again, then rebuilds after a wording change and after new data. */
async function warmRebuilds(n: number): Promise<{ same: Run[]; wording: Run[]; data: Run[] }> {
  const ws = workspace();
  const inputs = { data: ws.data, templatesDir: ws.templates };
  await buildOnce(inputs);
  await buildOnce(inputs); // the second build is the first on warm code paths
  const same: Run[] = [];
  for (let i = 0; i < n; i++) same.push(await buildOnce(inputs));
  printRuns('warm process, the same inputs again', same);
  const wording: Run[] = [];
  for (let i = 0; i < n; i++) {
    changeWording(ws.templates, i);
    wording.push(await buildOnce(inputs));
  }
  printRuns('warm process, rebuild after a wording change (lead.hbs)', wording);
  const data: Run[] = [];
  for (let i = 0; i < n; i++) {
    changeData(ws.data, i);
    data.push(await buildOnce(inputs));
  }
  printRuns('warm process, rebuild after new data (one cell of 2018Q3 changed)', data);
  rmSync(ws.root, { recursive: true, force: true });
  return { same, wording, data };
}

/** A warm process's memory over many rebuilds (wording and data changes in turn): RSS after 10, 25 and 50 by default. */
async function memoryOverRebuilds(count: number): Promise<{ at: number; rssMb: number; heapMb: number }[]> {
  const ws = workspace();
  const inputs = { data: ws.data, templatesDir: ws.templates };
  const marks = new Set([10, 25, count].filter((m) => m <= count));
  const out: { at: number; rssMb: number; heapMb: number }[] = [];
  console.log(`\n## warm process: memory over ${count} rebuilds (wording and data changed in turn)`);
  for (let i = 1; i <= count; i++) {
    if (i % 2) changeWording(ws.templates, i);
    else changeData(ws.data, i);
    await buildOnce(inputs);
    if (marks.has(i)) {
      const m = process.memoryUsage();
      out.push({ at: i, rssMb: mb(m.rss), heapMb: mb(m.heapUsed) });
      console.log(`after ${String(i).padStart(3)} rebuilds: RSS ${mb(m.rss)} MB, JS heap used ${mb(m.heapUsed)} MB`);
    }
  }
  console.log(`peak RSS of this process so far: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  rmSync(ws.root, { recursive: true, force: true });
  return out;
}

interface BatchFigures {
  /** Quarters built (or stopped by their own inputs: `failed`). */
  quarters: number;
  failed: string[];
  ms: number;
  cpuMs: number;
  peakRssMb: number;
}

/** `--batch-child DIR`: every quarter of the data in DIR built by the batch (one worker a core), in this process; prints its figures as JSON. */
async function batchChild(data: string): Promise<void> {
  const { dataset } = await loadInputs({ data });
  const root = temp('archive');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await buildMany({ data, root, quarters: dataset.quarters, jobs: cpus().length });
  const t = performance.now() - t0;
  rmSync(root, { recursive: true, force: true });
  // A quarter whose build stops (its fact check fails, say) has done nearly all the work: counted, and named.
  const failed = results.filter((r) => !r.ok).map((r) => `${r.quarter}: ${(r.error ?? '').split('\n')[0]}`);
  const figures: BatchFigures = { quarters: results.length, ms: t, cpuMs: cpuMs(process.cpuUsage(c0)), peakRssMb: process.resourceUsage().maxRSS / 1024, failed };
  console.log(JSON.stringify(figures));
}

/** A batch in a process of its own (its peak memory is the batch's). */
function batchInChild(data: string): BatchFigures {
  const r = spawnSync(process.execPath, [...process.execArgv, SELF, '--batch-child', data], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`batch failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as BatchFigures;
}

function batches(scale: boolean): { eight: BatchFigures; hundred?: BatchFigures } {
  const line = (label: string, b: BatchFigures) => console.log(`${label}: ${(b.ms / 1000).toFixed(1)} s, ${ms(b.ms / b.quarters)} a quarter, CPU ${ms(b.cpuMs / b.quarters)} a quarter, peak RSS ${Math.round(b.peakRssMb)} MB`);
  console.log(`\n## batch (scindex batch: ${cpus().length} workers, one process a batch, into a fresh archive)`);
  const eight = batchInChild(SAMPLE_DATA);
  line(`the ${eight.quarters} sample quarters`, eight);
  if (!scale) return { eight };
  const data = temp('data100');
  const g = spawnSync(process.execPath, [...process.execArgv, GENERATOR, data, '--quarters', '100'], { encoding: 'utf8' });
  if (g.status !== 0) throw new Error(`make-sample-data failed: ${g.stderr}`);
  const hundred = batchInChild(data);
  rmSync(data, { recursive: true, force: true });
  line(`${hundred.quarters} quarters (scripts/make-sample-data.ts --quarters 100)`, hundred);
  return { eight, hundred };
}

/** LibreOffice's headless conversion of our DOCX to PDF, median ms; undefined without soffice. */
async function libreOffice(n: number): Promise<number | undefined> {
  const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
  if (!soffice) {
    console.log('\n(LibreOffice not found: no comparison; apt-get install libreoffice-writer-nogui to add it)');
    return undefined;
  }
  const dir = temp('lo');
  const { files } = await buildReport({ data: SAMPLE_DATA, quarter: QUARTER });
  writeFileSync(join(dir, 'report.docx'), files.get('report.docx')!);
  const times: number[] = [];
  for (let i = 0; i < Math.max(3, Math.min(n, 5)); i++) {
    const t0 = performance.now();
    const r = spawnSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n## LibreOffice: headless conversion of our DOCX to PDF (${times.length} runs)`);
  console.log(`soffice --convert-to pdf: ${stats(times)}`);
  return median(times);
}

interface Measured {
  fresh: { cached: Run[]; drawn: Run[] };
  warm: { same: Run[]; wording: Run[]; data: Run[] };
  memory: { at: number; rssMb: number; heapMb: number }[];
  batch?: { eight: BatchFigures; hundred?: BatchFigures };
  lo?: number;
}

/** The four targets of #17, side by side. */
function printTargets(m: Measured): void {
  const wall = (runs: Run[]) => (runs.length ? median(runs.map((r) => r.total)) : Number.NaN);
  const ratio = (x: number, limit: number) => (m.lo ? `${(x / m.lo).toFixed(2)} (target ≤ ${limit.toFixed(2)}) ${x / m.lo <= limit ? 'met' : 'MISSED'}` : 'no LibreOffice to compare');
  console.log('\n## the targets of #17 (medians; LibreOffice converting our DOCX' + (m.lo ? ` = ${ms(m.lo)}` : '') + ')');
  console.log(`1. the command, fresh process ÷ conversion:            ${ratio(wall(m.fresh.cached), 1)}   [${ms(wall(m.fresh.cached))}]`);
  console.log(`   … every figure drawn (new data) ÷ conversion:       ${ratio(wall(m.fresh.drawn), 1)}   [${ms(wall(m.fresh.drawn))}]`);
  console.log(`2. warm rebuild after new data ÷ conversion:           ${ratio(wall(m.warm.data), 0.35)}   [${ms(wall(m.warm.data))}]`);
  console.log(`   warm rebuild after a wording change ÷ conversion:   ${ratio(wall(m.warm.wording), 0.2)}   [${ms(wall(m.warm.wording))}]`);
  const b = m.batch;
  if (b?.hundred) {
    const per8 = b.eight.ms / b.eight.quarters;
    const per100 = b.hundred.ms / b.hundred.quarters;
    const flat = Math.abs(per100 / per8 - 1) <= 0.1;
    console.log(
      `3. batch, per quarter: ${b.hundred.quarters} quarters ${ms(per100)}, ${b.eight.quarters} quarters ${ms(per8)}: ${(per100 / per8).toFixed(2)}× (target 1.00 ± 0.10) ${flat ? 'met' : per100 < per8 ? 'cheaper' : 'MISSED'}; peak RSS ${Math.round(b.hundred.peakRssMb)} MB vs ${Math.round(b.eight.peakRssMb)} MB`,
    );
  } else if (b) console.log(`3. batch: ${b.eight.quarters} quarters ${ms(b.eight.ms / b.eight.quarters)} a quarter, peak RSS ${Math.round(b.eight.peakRssMb)} MB (100 quarters skipped: --no-scale)`);
  else console.log('3. batch: skipped (--no-batch)');
  const peaks = [...m.fresh.cached, ...m.fresh.drawn].map((r) => r.peakRssMb);
  if (peaks.length) {
    const cached = Math.max(...m.fresh.cached.map((r) => r.peakRssMb));
    const drawn = Math.max(...m.fresh.drawn.map((r) => r.peakRssMb));
    console.log(`4. peak RSS of the command: ${Math.round(cached)} MB, every figure drawn ${Math.round(drawn)} MB (target ≤ 400) ${Math.max(cached, drawn) <= 400 ? 'met' : cached <= 400 ? 'met with figures from the cache' : 'MISSED'}`);
  }
  const last = m.memory.at(-1);
  if (last) {
    const growing = m.memory.length > 1 && last.rssMb > m.memory[0].rssMb * 1.1;
    console.log(`   warm process RSS after ${m.memory.map((x) => `${x.at}: ${x.rssMb} MB`).join(', ')} (target ≤ 600, not growing) ${last.rssMb <= 600 && !growing ? 'met' : 'MISSED'}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'no-batch': { type: 'boolean' },
      'no-scale': { type: 'boolean' },
      'no-libreoffice': { type: 'boolean' },
      rebuilds: { type: 'string', default: '50' },
      only: { type: 'string' },
      'batch-child': { type: 'string' },
    },
  });
  if (values['batch-child']) return batchChild(values['batch-child']);
  const n = Number(values.runs);
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  const run = (part: string) => !only || only.has(part);
  console.log(`# Benchmark: ${QUARTER} full report (facts, narrative, figures, PDF, DOCX, fact check)`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
  const fresh = run('fresh') ? freshCommands(n) : { cached: [], drawn: [] };
  const warm = run('warm') ? await warmRebuilds(n) : { same: [], wording: [], data: [] };
  const memory = run('memory') ? await memoryOverRebuilds(Number(values.rebuilds)) : [];
  const batch = values['no-batch'] || !run('batch') ? undefined : batches(!values['no-scale']);
  const lo = values['no-libreoffice'] || !run('libreoffice') ? undefined : await libreOffice(n);
  printTargets({ fresh, warm, memory, batch, lo });
}

await main();
