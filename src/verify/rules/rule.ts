/**
 * A claim rule: `read` finds the claims of its kind in a sentence (claiming their
 * numbers, so no later rule reads them again), `check` checks one against the ledger.
 * The rules run in the order of rules/index.ts; each has true and false example
 * sentences beside it (test/verify/rules.test.ts runs them on the sample ledger).
 */
import type { SentenceCheck } from '../sentence.js';

export interface Rule<C = unknown> {
  kind: string;
  read(sc: SentenceCheck): C[];
  check(sc: SentenceCheck, claim: C): void;
  /** Sentences about the sample quarter 2018Q3 (data/sample): `pass` are true, `fail` false. */
  examples: { pass: string[]; fail: string[] };
}

/** Matches of `re` whose numbers no earlier rule claimed (claiming them), with their tokens. */
export function claimsOf(sc: SentenceCheck, re: RegExp): { m: RegExpMatchArray; at: number }[] {
  const out: { m: RegExpMatchArray; at: number }[] = [];
  sc.each(re, (m) => out.push({ m, at: m.index! }));
  return out;
}

export const rule = <C>(r: Rule<C>): Rule<C> => r;
