/**
 * Prints every case of the second held-out set with its verdict and the checker's
 * messages (to judge whether a wrong case was caught for the right reason):
 *   npx tsx test/verify/heldout2/report.ts [id-or-kind-prefix …]
 */
import { CASES } from './cases.js';
import { runCase } from '../battery/run.js';

const filters = process.argv.slice(2);
const chosen = filters.length ? CASES.filter((c) => filters.some((f) => c.id === f || c.kind.startsWith(f))) : CASES;
for (const c of chosen) {
  let o;
  try {
    o = await runCase(c);
  } catch (e) {
    console.log(`INVALID           [${c.kind}] ${c.id} — ${(e as Error).message}`);
    continue;
  }
  console.log(`${o.verdict.padEnd(17)} [${c.kind}] ${c.id} — ${c.note}`);
  if (o.sentence) console.log(`    「${o.sentence}」`);
  if (o.result.templateError) console.log(`    template error: ${o.result.templateError}`);
  for (const p of o.result.problems) console.log(`    · ${p.message}「${p.sentence}」`);
}
