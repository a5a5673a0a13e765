/**
 * The tests of a held-out set (issue 12): cases written without seeing the tuned
 * battery or the checker's rules, run through the battery's own harness and
 * verdicts (harness.ts, run.ts). Each held-out folder calls `heldOutTests` with its
 * cases; `printOutcomes` is its report.ts.
 *
 * - every TRUE case must pass (a true sentence refused is a bug of the check);
 * - the catch rate of the WRONG cases is printed per kind, with every case not
 *   caught (its sentence and why it is wrong), and asserted against the set's
 *   target. That last assertion is a measurement: it is allowed to fail, and says
 *   by how much.
 */
import { describe, expect, it } from 'vitest';
import type { BatteryCase } from './cases.js';
import { isCaught, runCase, runCases, type CaseOutcome } from './run.js';

/** A held-out case: a battery case, and for a wrong one its true twin. */
export type HeldOutCase = BatteryCase & {
  /**
   * Wrong cases: the id of a TRUE case of the same form with the true value. If the twin
   * is refused too, the wrong case was stopped by something other than its error.
   */
  twin?: string;
};

export interface HeldOutSet {
  /** How the set is named in test titles and the printed figures (held-out, held-out 2). */
  name: string;
  CASES: HeldOutCase[];
  TRUE: HeldOutCase[];
  WRONG: HeldOutCase[];
  /** The least number of wrong and true cases the set must have. */
  least: { wrong: number; true: number };
  /** The share of wrong cases that must be caught. */
  target: number;
}

/** Per kind: caught / total, in the order the kinds first appear. */
function byKind(outcomes: CaseOutcome[]): string[] {
  const kinds = [...new Set(outcomes.map((o) => o.case.kind))];
  return kinds.map((k) => {
    const of = outcomes.filter((o) => o.case.kind === k);
    const caught = of.filter(isCaught).length;
    return `  ${k.padEnd(22)} ${caught}/${of.length}${caught < of.length ? '  ←' : ''}`;
  });
}

/** The figures of a run of the wrong cases: caught, caught for their own error (their true twin passes), by kind, and each one not caught. */
async function wrongCaseFigures(set: HeldOutSet): Promise<{ share: number; summary: string; misses: string[] }> {
  const { WRONG, TRUE } = set;
  const outcomes = await runCases(WRONG);
  const caught = outcomes.filter(isCaught);
  const twinPassed = new Map<string, boolean>();
  for (const t of TRUE.filter((t) => WRONG.some((w) => w.twin === t.id))) twinPassed.set(t.id, (await runCase(t)).verdict === 'passed');
  const twinOf = (o: CaseOutcome) => WRONG.find((w) => w.id === o.case.id)?.twin;
  const forOtherReason = caught.filter((o) => twinOf(o) && !twinPassed.get(twinOf(o)!));
  const strict = (caught.length - forOtherReason.length) / outcomes.length;
  const share = caught.length / outcomes.length;
  const misses = outcomes
    .filter((o) => !isCaught(o))
    .map((o) => {
      const others = o.verdict === 'stopped-elsewhere' ? `\n      stopped by: ${o.result.problems.map((p) => `${p.message}「${p.sentence}」`).join(' | ')}` : '';
      return `  - [${o.case.kind}] ${o.case.id} (${o.verdict}): 「${o.sentence}」 — ${o.case.note}${others}`;
    });
  const templateErrors = outcomes.filter((o) => o.verdict === 'template-error').map((o) => `  - ${o.case.id}: ${o.result.templateError}`);
  const summary =
    `${set.name}: ${caught.length} of ${outcomes.length} wrong cases caught (${(100 * share).toFixed(1)} %); ` +
    `${caught.length - forOtherReason.length} caught for their own error (${(100 * strict).toFixed(1)} %)\nby kind:\n${byKind(outcomes).join('\n')}` +
    (forOtherReason.length
      ? `\ncaught, but their true twin is refused too (stopped for another reason):\n${forOtherReason.map((o) => `  - ${o.case.id} (twin ${twinOf(o)}): 「${o.sentence}」 — ${o.result.problems.map((p) => p.message).join(' | ')}`).join('\n')}`
      : '') +
    (templateErrors.length ? `\nstopped by a template error (counted as caught):\n${templateErrors.join('\n')}` : '') +
    (misses.length ? `\nnot caught:\n${misses.join('\n')}` : '');
  return { share, summary, misses };
}

export function heldOutTests(set: HeldOutSet): void {
  const { CASES, TRUE, WRONG } = set;
  describe(`${set.name}: the set itself`, () => {
    it(`has at least ${set.least.wrong} wrong and ${set.least.true} true cases, unique ids, a mark on every wrong case`, () => {
      expect(WRONG.length).toBeGreaterThanOrEqual(set.least.wrong);
      expect(TRUE.length).toBeGreaterThanOrEqual(set.least.true);
      const ids = CASES.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of WRONG) expect(c.mark, c.id).toBeTruthy();
      for (const c of TRUE) expect(c.kind.startsWith('true:'), c.id).toBe(true);
      for (const c of WRONG)
        if (c.twin)
          expect(
            TRUE.some((t) => t.id === c.twin),
            `${c.id}: twin ${c.twin}`,
          ).toBe(true);
    });
  });

  describe(`${set.name}: true sentences pass`, () => {
    it.each(TRUE.map((c) => [c.id, c] as const))(
      '%s',
      async (_, c) => {
        const o = await runCase(c);
        const messages = o.result.problems.map((p) => `${p.message}「${p.sentence}」`);
        if (o.result.templateError) messages.push(`template error: ${o.result.templateError}`);
        expect(messages, `${c.id} (${c.note})`).toEqual([]);
      },
      60_000,
    );
  });

  describe(`${set.name}: wrong sentences stop the build, naming the sentence`, () => {
    it(`at least ${100 * set.target} % are caught (a measurement)`, async () => {
      const { share, summary, misses } = await wrongCaseFigures(set);
      console.log(summary);
      expect(share, `${misses.length} wrong cases not caught:\n${misses.join('\n')}`).toBeGreaterThanOrEqual(set.target);
    }, 600_000);
  });
}

/**
 * Prints every case chosen (by id or kind prefix; all without filters) with its verdict
 * and the checker's messages: to judge whether a wrong case was caught for the right
 * reason, and why a true one was refused. A case that cannot run (a stale mark) is
 * printed as INVALID and the rest go on.
 */
export async function printOutcomes(cases: BatteryCase[], filters: string[]): Promise<void> {
  const chosen = filters.length ? cases.filter((c) => filters.some((f) => c.id === f || c.kind.startsWith(f))) : cases;
  for (const c of chosen) {
    let o: CaseOutcome;
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
}
