/**
 * Measures how the tool meets very bad input: a data file with a million duplicate
 * rows (refused as too long before it is parsed), one just under the row limit (every
 * row validated, the duplicates folded), a misspelt heading and a duplicated file. For each it prints the number of
 * problems, the size of the message, the wall time and the peak memory (RSS) of a
 * fresh process that loads and validates the data, and the exit code and stderr size
 * of the command itself. Asserts nothing.
 *
 *   npx tsx scripts/bench-bad-input.ts                 (1,000,000 and 199,000 duplicate rows)
 *   npx tsx scripts/bench-bad-input.ts --rows 500000
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

const SCRIPT = fileURLToPath(import.meta.url);
const BIN = fileURLToPath(new URL('../bin/scindex.mjs', import.meta.url));
const INDICATORS = ['新注册企业数', '新注册企业数环比增长率', '科技型企业数', '创业投资额', '众创空间数', '科技企业孵化器数', '知识产权保护程度', '社会关注度', '新增就业岗位数', '就业潜力', '高新技术产品产值'];
const ROW = [500, 5, 300, 5, 10, 3, 70, 20000, 8000, 50, 100];

interface ChildResult {
  ms: number;
  peakRssMb: number;
  problems: number;
  printed: number;
  messageBytes: number;
}

/** In a fresh process: load and validate the data, and report what the error cost. */
async function child(data: string): Promise<void> {
  const { loadInputs } = await import('../src/pipeline.js');
  const { InputError, countProblems } = await import('../src/errors.js');
  const t0 = performance.now();
  let result: ChildResult = { ms: 0, peakRssMb: 0, problems: 0, printed: 0, messageBytes: 0 };
  try {
    await loadInputs({ data });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    result = { ...result, problems: countProblems(e.problems) + e.notKept, printed: e.message.split('\n').filter((l) => l.startsWith('  - ')).length || 1, messageBytes: Buffer.byteLength(e.message) };
  }
  result.ms = performance.now() - t0;
  result.peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(result));
}

function districts(): string[] {
  const file = fileURLToPath(new URL('../config/districts.yaml', import.meta.url));
  return (parse(readFileSync(file, 'utf8')) as { districts: { name: string }[] }).districts.map((d) => d.name);
}

function table(quarters: string[], heading = INDICATORS): string[] {
  const lines = [['季度', '区县', ...heading].join(',')];
  for (const q of quarters) for (const d of districts()) lines.push([q, d, ...ROW].join(','));
  return lines;
}

function makeCases(root: string, sizes: number[]): { name: string; dir: string }[] {
  const quarters = ['2018Q1', '2018Q2', '2018Q3', '2018Q4'];
  const cases: { name: string; dir: string }[] = [];
  const add = (name: string, files: Record<string, string>) => {
    const dir = join(root, `case${cases.length}`);
    mkdirSync(dir);
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    cases.push({ name, dir });
  };
  const one = table(['2018Q3']);
  const body = one.slice(1);
  for (const rows of sizes) {
    const big = [one.join('\n')];
    for (let i = 0; i < rows; i++) big.push(body[i % body.length]);
    add(`${rows.toLocaleString('en-US')} duplicate rows`, { 'big.csv': big.join('\n') + '\n' });
  }
  add('one misspelt heading (4 quarters)', { 'a.csv': table(quarters, ['新注删企业数', ...INDICATORS.slice(1)]).join('\n') + '\n' });
  add('a duplicated file (4 quarters)', { 'a.csv': table(quarters).join('\n') + '\n', 'b.csv': table(quarters).join('\n') + '\n' });
  return cases;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', multiple: true }, child: { type: 'string' } } });
  if (values.child) return child(values.child);
  const root = mkdtempSync(join(tmpdir(), 'scindex-badinput-'));
  try {
    const { MAX_DATA_ROWS } = await import('../src/load/read.js');
    const sizes = values.rows?.map(Number) ?? [1_000_000, MAX_DATA_ROWS - 1000];
    for (const c of makeCases(root, sizes)) {
      const size = (readdirSync(c.dir).reduce((s, f) => s + statSync(join(c.dir, f)).size, 0) / 2 ** 20).toFixed(1);
      const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--child', c.dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
      const m = JSON.parse(r.stdout) as ChildResult;
      const t0 = performance.now();
      const cmd = spawnSync(process.execPath, [BIN, 'report', '--data', c.dir, '--out', join(root, 'out')], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const cmdMs = performance.now() - t0;
      console.log(`${c.name} (${size} MiB of data):`);
      console.log(`  load + validate: ${(m.ms / 1000).toFixed(2)} s, peak RSS ${Math.round(m.peakRssMb)} MB`);
      console.log(`  ${m.problems.toLocaleString('en-US')} problems, ${m.printed} printed, message ${m.messageBytes.toLocaleString('en-US')} bytes`);
      console.log(`  the command: exit ${cmd.status}, ${(cmdMs / 1000).toFixed(2)} s, stderr ${Buffer.byteLength(cmd.stderr).toLocaleString('en-US')} bytes`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
