/**
 * Runs battery cases through the harness and says what became of each: a wrong
 * case is caught when the check stops and a problem names its sentence (the one
 * holding its mark); a true case passes when nothing stops the build.
 */
import type { BatteryCase } from './cases.js';
import { checkEdits, type CheckResult } from './harness.js';

export type Verdict =
  /** Wrong case: stopped, and a problem names the wrong sentence. */
  | 'caught'
  /** Wrong case: stopped by a template (or wording) error: reported apart, counted as stopped. */
  | 'template-error'
  /** Wrong case: stopped, but no problem names the wrong sentence. */
  | 'stopped-elsewhere'
  /** Wrong case: the build would go on. */
  | 'missed'
  /** True case: nothing stops the build. */
  | 'passed'
  /** True case: the check (or a template error) stops the build. */
  | 'refused';

export interface CaseOutcome {
  case: BatteryCase;
  verdict: Verdict;
  result: CheckResult;
  /** The rendered sentence holding the mark (wrong cases), for reports. */
  sentence: string | null;
}

/** Whitespace is not part of a sentence (PDF text has stray spaces; Chinese running text has none). */
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The sentence of `text` holding `mark` (sentences end at 。；！？ or a line break). */
function sentenceWith(text: string, mark: string): string | null {
  for (const line of text.split('\n')) for (const s of squeeze(line).split(/(?<=[。；！？])/)) if (s.includes(mark)) return s;
  return null;
}

export async function runCase(c: BatteryCase): Promise<CaseOutcome> {
  const result = await checkEdits(c.edits, { quarter: c.quarter });
  if (c.expect === 'pass') return { case: c, verdict: result.ok ? 'passed' : 'refused', result, sentence: null };
  if (!c.mark) throw new Error(`battery case ${c.id}: a wrong case needs a mark`);
  const mark = squeeze(c.mark);
  if (result.templateError) return { case: c, verdict: 'template-error', result, sentence: null };
  const sentence = sentenceWith(c.where === 'document' ? result.document : result.narrative, mark);
  if (sentence === null) throw new Error(`battery case ${c.id}: its mark ${JSON.stringify(c.mark)} is not in the rendered ${c.where ?? 'narrative'} (stale case?)`);
  if (result.ok) return { case: c, verdict: 'missed', result, sentence };
  const named = result.problems.some((p) => squeeze(p.sentence).includes(mark));
  return { case: c, verdict: named ? 'caught' : 'stopped-elsewhere', result, sentence };
}

export async function runCases(cases: BatteryCase[]): Promise<CaseOutcome[]> {
  const out: CaseOutcome[] = [];
  // One at a time: the harness's temporary folders and the ledger cache are cheap, CPU is shared.
  for (const c of cases) out.push(await runCase(c));
  return out;
}

/** A wrong case counts as stopped-and-named when caught, or stopped by a template error (listed apart). */
export const isCaught = (o: CaseOutcome) => o.verdict === 'caught' || o.verdict === 'template-error';
