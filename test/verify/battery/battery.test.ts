/**
 * Issue 12's battery: the fact check holds for any sentence an editor writes.
 *
 * - every TRUE case (a hand-written true sentence, a synonym in wording.yaml …) passes;
 * - of the WRONG cases (one editor's edit each, false by the ledger), at least 95 %
 *   stop the build with a problem naming the wrong sentence;
 * - replacing a verb or a rank phrase of wording.yaml by a synonym keeps every claim
 *   it touches in its own check (no claim falls back to the plain number check).
 *
 * `npx tsx scripts/battery-report.ts` prints the same figures per kind, to iterate with.
 */
import { describe, expect, it } from 'vitest';
import { CASES, synonymEdits, TRUE, WRONG } from './cases.js';
import { checkEdits, checkUnedited } from './harness.js';
import { isCaught, runCase, runCases } from './run.js';

/** The kinds of wrong claim issue 12 lists; each needs several cases. */
const ISSUE_KINDS = [
  'previous-as-current',
  'unit',
  'direction-word',
  'list-name',
  'list-members',
  'list-order',
  'tie',
  'superlative',
  'figure-ref',
  'caption-footnote-note',
  'quarter-label',
  'yoy',
  'rate-vs-score',
  'count-other-claim',
  'numerals',
  'adjective',
  'driver',
  'city-mean',
  'verb',
  'derived',
  'no-previous',
];

describe('the battery itself', () => {
  it('has at least 90 wrong and 25 true cases, unique ids, a mark on every wrong case', () => {
    expect(WRONG.length).toBeGreaterThanOrEqual(90);
    expect(TRUE.length).toBeGreaterThanOrEqual(25);
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of WRONG) expect(c.mark, c.id).toBeTruthy();
    expect(TRUE.filter((c) => c.kind !== 'true:wording' && c.kind !== 'true:figure').length).toBeGreaterThanOrEqual(15);
  });

  it('covers every kind of issue 12 with several cases', () => {
    for (const kind of ISSUE_KINDS) expect(WRONG.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    expect(WRONG.filter((c) => c.kind === 'derived').length).toBeGreaterThanOrEqual(3);
    expect([...new Set(WRONG.map((c) => c.kind))].sort()).toEqual([...ISSUE_KINDS].sort());
  });
});

describe('the unedited templates', () => {
  it.each(['2018Q3', '2017Q1'])('%s: pass, so that every problem of a case comes from its edit', async (quarter) => {
    const r = await checkUnedited({ quarter });
    expect(r.templateError).toBeUndefined();
    expect(r.problems).toEqual([]);
  });
});

describe('true sentences pass', () => {
  it.each(TRUE.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const o = await runCase(c);
    expect(o.result.templateError, `${c.note}: template error`).toBeUndefined();
    expect(
      o.result.problems.map((p) => `${p.message}「${p.sentence}」`),
      c.note,
    ).toEqual([]);
  });
});

describe('wrong sentences stop the build, naming the sentence', () => {
  it('at least 95 % of the wrong cases are caught', async () => {
    const outcomes = await runCases(WRONG);
    const caught = outcomes.filter(isCaught);
    const notCaught = outcomes.filter((o) => !isCaught(o));
    const share = caught.length / outcomes.length;
    const lines = notCaught.map((o) => `  - [${o.case.kind}] ${o.case.id} (${o.verdict}): 「${o.sentence}」 — ${o.case.note}`);
    const templateErrors = outcomes.filter((o) => o.verdict === 'template-error').map((o) => `  - ${o.case.id}: ${o.result.templateError}`);
    console.log(
      `battery: ${caught.length} of ${outcomes.length} wrong cases caught (${(100 * share).toFixed(1)} %)` +
        (templateErrors.length ? `\nstopped by a template error (counted as caught):\n${templateErrors.join('\n')}` : '') +
        (lines.length ? `\nnot caught:\n${lines.join('\n')}` : ''),
    );
    expect(share, `${notCaught.length} wrong cases not caught:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0.95);
  }, 300_000);
});

describe('a synonym in wording.yaml keeps its claims in their proper check', () => {
  it.each(synonymEdits.map((s) => [s.id, s] as const))('%s', async (_, s) => {
    const base = await checkUnedited();
    const after = await checkEdits(s.edits);
    expect(after.templateError, s.note).toBeUndefined();
    expect(after.problems, s.note).toEqual([]);
    expect(base.byKind, 'the fact check reports no claim counts by kind (byKind)').toBeDefined();
    const before = base.byKind!;
    const now = after.byKind ?? {};
    // No claim may fall from its own check to the plain number check, nor vanish.
    for (const [kind, n] of Object.entries(before)) if (kind !== 'number') expect(now[kind] ?? 0, `${s.note}: claims of kind ${kind}`).toBeGreaterThanOrEqual(n);
    expect(now.number ?? 0, `${s.note}: claims left to the plain number check`).toBeLessThanOrEqual(before.number ?? 0);
    expect(after.claims ?? 0, `${s.note}: claims checked`).toBeGreaterThanOrEqual(base.claims ?? 0);
  });
});
