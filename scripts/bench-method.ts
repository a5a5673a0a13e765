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

function time(label: string, fn: () => unknown): number[] {
  const t0 = performance.now();
  fn(); // the first call runs on cold code, as in a fresh process
  const first = performance.now() - t0;
  for (let i = 0; i < 2; i++) fn(); // warm-up: let V8 optimise first
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ms[ms.length >> 1].toFixed(1).padStart(7)} ms   (min ${ms[0].toFixed(1)}, max ${ms[ms.length - 1].toFixed(1)}; first call ${first.toFixed(1)})`);
  return ms;
}

console.log(`${quarter}, ${config.districts.length} districts, ${repeats} timed repeats after 3 warm-up runs`);
const without = time('compute + ledger, robustness off', () => buildLedger(off, dataset, computeQuarter(off, dataset, quarter)));
const withMc = time(`compute + ledger, robustness on (${config.method.robustness.runs} runs)`, () => buildLedger(config, dataset, computeQuarter(config, dataset, quarter)));
const result = computeQuarter(off, dataset, quarter);
time('statistical audit (audit.json)', () => statisticalAudit(config, result));
const med = (xs: number[]) => xs[xs.length >> 1];
console.log(`the Monte Carlo adds ${(med(withMc) - med(without)).toFixed(1)} ms to a warm build (budget: 300 ms)`);
