/**
 * The fact-check battery of issue 12, as a report to iterate with:
 *
 *   npx tsx scripts/battery-report.ts            every case
 *   npx tsx scripts/battery-report.ts unit tie   only the kinds named (prefix match; true:… kinds too)
 *
 * Per kind of wrong case: how many, how many caught (stopped, and a problem names
 * the wrong sentence), and each one not caught with its sentence; then the true
 * cases the check refuses, with its messages. Nothing is asserted here; the test
 * is test/verify/battery/battery.test.ts.
 */
import { CASES } from '../test/verify/battery/cases.js';
import { isCaught, runCases, type CaseOutcome } from '../test/verify/battery/run.js';

const wanted = process.argv.slice(2);
const selected = CASES.filter((c) => wanted.length === 0 || wanted.some((w) => c.kind.startsWith(w) || c.id === w));
const t0 = performance.now();
const outcomes = await runCases(selected);
const ms = performance.now() - t0;

const wrong = outcomes.filter((o) => o.case.expect === 'fail');
const right = outcomes.filter((o) => o.case.expect === 'pass');
const byKind = new Map<string, CaseOutcome[]>();
for (const o of wrong) byKind.set(o.case.kind, [...(byKind.get(o.case.kind) ?? []), o]);

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
const first = (o: CaseOutcome) => o.result.problems[0]?.message ?? '';

console.log(`# Fact-check battery (issue 12): ${wrong.length} wrong cases, ${right.length} true cases, ${(ms / 1000).toFixed(1)} s\n`);
console.log('## Wrong cases by kind\n');
console.log('| kind | cases | caught | not caught |');
console.log('| --- | ---: | ---: | ---: |');
for (const [kind, list] of byKind) {
  const caught = list.filter(isCaught).length;
  console.log(`| ${kind}${list.some((o) => o.case.where === 'document') ? ' (document)' : ''} | ${list.length} | ${caught} | ${list.length - caught} |`);
}
const caughtAll = wrong.filter(isCaught).length;
console.log(`| **all** | **${wrong.length}** | **${caughtAll}** (${pct(caughtAll, wrong.length)}) | **${wrong.length - caughtAll}** |\n`);

for (const [kind, list] of byKind) {
  const notCaught = list.filter((o) => !isCaught(o));
  const templateErrors = list.filter((o) => o.verdict === 'template-error');
  if (!notCaught.length && !templateErrors.length) continue;
  console.log(`### ${kind}`);
  for (const o of notCaught) {
    const where = o.case.where === 'document' ? ' [document]' : '';
    const how = o.verdict === 'missed' ? 'missed' : `stopped, but no problem names this sentence (first problem: ${first(o)}「${o.result.problems[0]?.sentence ?? ''}」)`;
    console.log(`- ${o.case.id}${where}: ${how}\n    「${o.sentence}」\n    ledger: ${o.case.note}`);
  }
  for (const o of templateErrors) console.log(`- ${o.case.id}: stopped by a template error (counted as caught): ${o.result.templateError}`);
  console.log('');
}

const refused = right.filter((o) => o.verdict === 'refused');
console.log(`## True cases: ${right.length - refused.length} of ${right.length} pass\n`);
for (const o of refused) {
  console.log(`- ${o.case.id} (${o.case.kind}${o.case.quarter ? `, ${o.case.quarter}` : ''}): ${o.case.note}`);
  if (o.result.templateError) console.log(`    template error: ${o.result.templateError}`);
  for (const p of o.result.problems) console.log(`    ${p.message}\n      「${p.sentence}」`);
}
