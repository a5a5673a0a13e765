/**
 * What the statistical method (issue 16) adds to a build: the facts stage of the
 * sample quarter (load → validate → compute → ledger) with the robustness Monte
 * Carlo on (the default, 1,000 runs) and off, and the statistical audit, each
 * timed in one warm process. Prints medians and ranges; asserts nothing.
 *
 *   npx tsx scripts/bench-method.ts [--runs N] [--quarter 2018Q3]
 */
import { performance } from 'node:perf_hooks';
import { loadInputs, SAMPLE_DATA } from '../src/pipeline.js';
import { computeQuarter } from '../src/compute/index.js';
import { buildLedger } from '../src/facts/build.js';
import { statisticalAudit } from '../src/method/audit.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const repeats = Number(arg('runs', '15'));
const quarter = arg('quarter', '2018Q3');

const { config, dataset } = await loadInputs({ data: SAMPLE_DATA, quarter });
const off = { ...config, method: { ...config.method, robustness: { ...config.method.robustness, enabled: false } } };

/** Wall and CPU time (ms) of one call. CPU time is what the build itself costs when other processes share the cores. */
function once(fn: () => unknown): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const u = process.cpuUsage(c);
  return { wall: performance.now() - t, cpu: (u.user + u.system) / 1000 };
}

function time(label: string, fn: () => unknown): { wall: number; cpu: number; first: { wall: number; cpu: number } } {
  const first = once(fn); // the first call runs on cold code, as in a fresh process
  for (let i = 0; i < 2; i++) fn(); // warm-up: let V8 optimise first
  const runs = Array.from({ length: repeats }, () => once(fn));
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const wall = med(runs.map((r) => r.wall));
  const cpu = med(runs.map((r) => r.cpu));
  const f = (x: number) => x.toFixed(1).padStart(6);
  console.log(`${label.padEnd(44)} warm: wall ${f(wall)} ms, CPU ${f(cpu)} ms   first call: wall ${f(first.wall)} ms, CPU ${f(first.cpu)} ms`);
  return { wall, cpu, first };
}

console.log(`${quarter}, ${config.districts.length} districts, ${repeats} timed repeats after 3 warm-up runs`);
const without = time('compute + ledger, robustness off', () => buildLedger(off, dataset, computeQuarter(off, dataset, quarter)));
const withMc = time(`compute + ledger, robustness on (${config.method.robustness.runs} runs)`, () => buildLedger(config, dataset, computeQuarter(config, dataset, quarter)));
const result = computeQuarter(off, dataset, quarter);
time('statistical audit (audit.json)', () => statisticalAudit(config, result));
console.log(`the Monte Carlo adds ${(withMc.cpu - without.cpu).toFixed(1)} ms CPU to a warm build, ${(withMc.first.cpu - without.first.cpu).toFixed(1)} ms CPU to a fresh one (budget: 300 ms)`);
