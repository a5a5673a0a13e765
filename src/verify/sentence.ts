/**
 * One sentence under check: its numbers (with the fact a template printed, when it
 * did), the districts, indices and quarters it names, and the record of what the
 * rules found. Rules read claims from it and check them; a number a rule has
 * checked is consumed, so that each number is claimed by exactly one rule and a
 * number no rule understood is left for the last rule, which refuses to let it pass.
 */
import type { FactRef } from '../narrative/provenance.js';
import { type LedgerFacts, same, type Mention } from './facts.js';
import type { Lexicon } from './lexicon.js';
import type { ClaimRecord, FigureRef, VerifyProblem } from './types.js';

export const NUM = '-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
export const parseNum = (s: string) => Number(s.replace(/,/g, ''));
export const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(2));

export interface Token {
  value: number;
  start: number;
  end: number;
  consumed: boolean;
  /** Part of a quarter label (2018年第3季度): checked on its own, transparent to other claims. */
  quarter?: boolean;
  /** The fact the template printed here, if a helper printed it. */
  ref?: FactRef;
}

/** Which quarter a part of the sentence speaks of. */
export type Period = 'current' | 'previous' | 'yearAgo' | 'other';

export interface QuarterMention {
  start: number;
  end: number;
  period: Period;
  /** 'from': the quarter a change is measured from (较上季度, 从2018年第2季度的…); 'scope': what the words after it are about. */
  role: 'from' | 'scope';
}

/** What the sentences before this one established (passed in, never changed by a rule). */
export interface SentenceContext {
  /** The index of the section (from its heading). */
  section: string;
  /** The district the previous sentences were about. */
  subject: string | null;
  /** Where the text is: narrative, PDF, Word, and the heading path. */
  where: string;
  heading: string;
}

export class SentenceCheck {
  readonly districts: Mention[];
  readonly targets: Mention[];
  readonly tokens: Token[];
  readonly quarterMentions: QuarterMention[] = [];
  claims = 0;
  kind = 'number';
  readonly byKind: Record<string, number> = {};
  readonly records: ClaimRecord[] = [];
  /** The stretches of the sentence some rule has read as a claim. */
  readonly claimed: [number, number][] = [];
  /** The document's figures, when known (references are checked against them). */
  figures?: FigureRef[];
  /** Old and informal names of districts → the name the report uses. */
  aliases?: Record<string, string>;
  /** The sentence as written (before full-width digits were made half-width). */
  raw: string;

  constructor(
    readonly s: string,
    readonly f: LedgerFacts,
    readonly lex: Lexicon,
    readonly ctx: SentenceContext,
    readonly problems: VerifyProblem[],
    refs: { start: number; end: number; ref: FactRef }[] = [],
    raw?: string,
  ) {
    this.raw = raw ?? s;
    // Districts in a 次于 list (ranked above the subject) are not what the numbers are about.
    const excluded = [...s.matchAll(new RegExp(`次于(${f.listSource})`, 'g'))].map((m) => [m.index!, m.index! + m[0].length]);
    this.districts = f.districtMentions(s).filter((d) => !excluded.some(([a, b]) => d.start >= a && d.end <= b));
    this.targets = f.targetMentions(s);
    this.tokens = [...s.matchAll(new RegExp(NUM, 'g'))]
      .filter((m) => !/[\d.,]/.test(s[m.index! - 1] ?? ''))
      .map((m) => {
        let start = m.index!;
        let text = m[0];
        // 70-80分: a hyphen between digits is a range, not a minus.
        if (text.startsWith('-') && /\d/.test(s[start - 1] ?? '')) {
          start += 1;
          text = text.slice(1);
        }
        const end = m.index! + m[0].length;
        const ref = refs.find((r) => r.start <= start && r.end >= end && refs.filter((x) => x === r).length === 1)?.ref;
        return { value: parseNum(text), start, end, consumed: false, ...(ref ? { ref } : {}) };
      });
  }

  problem(message: string, kind = this.kind): void {
    this.problems.push({ sentence: this.raw, message, kind, where: this.ctx.where, heading: this.ctx.heading });
  }

  /** Records one claim checked; a false one is a problem. */
  check(ok: boolean, message: string, kind = this.kind): void {
    this.claims++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (!ok) this.problem(message, kind);
  }

  /** A claim the ledger cannot vouch for: it stops the build unless the sentence is marked as checked by hand. */
  unverifiable(message: string): void {
    this.claims++;
    this.byKind.unverifiable = (this.byKind.unverifiable ?? 0) + 1;
    this.problem(`无法核实：${message}`, 'unverifiable');
  }

  /**
   * The guard of a claim about a change said to be 同比 (at `pos`) where this view has no
   * year-ago facts: it is unverifiable (台账没有 `what`) and the rule stops (true).
   */
  lacksYearAgo(pos: number, what: string): boolean {
    if (!this.yoy(pos)) return false;
    this.unverifiable(`台账没有${what}`);
    return true;
  }

  /**
   * The guard of a claim about a change on the previous quarter whose facts (`facts`)
   * are missing, as when the data hold no previous quarter: it is unverifiable
   * (无法核实 `what`) and the rule stops (true).
   */
  lacksPrevious<T>(facts: T | null | undefined, what: string, missing = '数据'): facts is null | undefined {
    if (facts !== null && facts !== undefined) return false;
    this.unverifiable(`没有上一季度的${missing}，无法核实${what}`);
    return true;
  }

  /** Runs `fn` on each match whose numbers no earlier rule has claimed; claims them. */
  each(re: RegExp, fn: (m: RegExpMatchArray, inside: Token[]) => void, skip?: (m: RegExpMatchArray) => boolean): void {
    for (const m of this.s.matchAll(re)) {
      const a = m.index!;
      const b = a + m[0].length;
      if (skip?.(m)) continue;
      const inside = this.tokens.filter((t) => t.start >= a && t.start < b && !t.quarter);
      if (inside.some((t) => t.consumed)) continue;
      inside.forEach((t) => (t.consumed = true));
      this.claimed.push([a, b]);
      fn(m, inside);
    }
  }

  /** The position is inside the name of an index or indicator (新注册企业数环比增长率为……: a level, not a change). */
  insideTarget(pos: number): boolean {
    return this.targets.some((t) => pos > t.start && pos < t.end);
  }

  /** The token at the given position (start of a regex group), if any. */
  tokenAt(pos: number): Token | undefined {
    return this.tokens.find((t) => t.start === pos || t.start === pos + 1);
  }

  /** The district a claim at `pos` is about: the last named before it, else the first named after it in its clause (降幅达7.03%的荣昌区), else the subject of the paragraph so far. */
  districtBefore(pos: number): string | null {
    const before = this.districts.filter((d) => d.end <= pos);
    if (before.length) return before[before.length - 1].name;
    const end = this.clauseEnd(pos);
    const after = this.districts.find((d) => d.start >= pos && d.end <= end && this.s.slice(pos, d.start).includes('的'));
    return after?.name ?? this.ctx.subject;
  }

  /** The index or indicator named last before `pos`, else the section's. */
  targetBefore(pos: number): string {
    return this.explicitTargetBefore(pos) ?? this.ctx.section;
  }

  explicitTargetBefore(pos: number): string | null {
    const before = this.targets.filter((t) => t.end <= pos);
    return before.length ? before[before.length - 1].name : null;
  }

  /** For a phrase like 有16个区县的双创活力指数……: the index named after it in its clause, else before. */
  targetAround(pos: number): string {
    const end = this.clauseEnd(pos);
    const after = this.targets.find((t) => t.start >= pos && t.start < end);
    return after ? after.name : this.targetBefore(pos);
  }

  clauseStart(pos: number): number {
    return Math.max(this.s.lastIndexOf('，', pos - 1), this.s.lastIndexOf('：', pos - 1), this.s.lastIndexOf('；', pos - 1)) + 1;
  }

  clauseEnd(pos: number): number {
    const rest = this.s.slice(pos).search(/[，；。：]/);
    return rest < 0 ? this.s.length : pos + rest;
  }

  clause(pos: number): string {
    return this.s.slice(this.clauseStart(pos), this.clauseEnd(pos));
  }

  /** The period the words at `pos` speak of: the last quarter named before it as a scope, else this quarter. */
  periodAt(pos: number): Period {
    // 较上季度的20.85分 / 从2018年第2季度的86.67分: the level of that quarter.
    const adjacent = this.quarterMentions.find((q) => q.end <= pos && /^的$/.test(this.s.slice(q.end, pos)));
    if (adjacent) return adjacent.period;
    const before = this.quarterMentions.filter((q) => q.end <= pos && q.role === 'scope');
    return before.length ? before[before.length - 1].period : 'current';
  }

  /** Whether a change at `pos` is year on year (同比): the last of 同比/环比 said before the end of its clause. */
  yoy(pos: number): boolean {
    // A sentence read against the 同比 view has its year-ago facts: nothing to refuse.
    if (this.f.isYoy) return false;
    const upto = this.s.slice(0, this.clauseEnd(pos));
    const yoy = Math.max(...['同比', '去年同期', '上年同期', '去年同季度', '上年同季'].map((w) => upto.lastIndexOf(w)));
    const qoq = Math.max(...['环比', '上季度', '上一季度'].map((w) => upto.lastIndexOf(w)));
    return yoy > qoq;
  }

  /** The quarter key of a period. */
  quarterOf(p: Period): string | null {
    return p === 'current' ? this.f.ledger.meta.quarter : p === 'previous' ? this.f.ledger.meta.previous : p === 'yearAgo' ? this.f.yearAgo : null;
  }

  /**
   * A number the template printed is checked against its own fact: the words around it
   * must speak of the district, the index and the quarter the fact is about.
   */
  crossCheck(tok: Token | undefined, said: { district?: string | null; target?: string; period?: Period; measure?: string }): void {
    const ref = tok?.ref;
    if (!ref || !tok) return;
    const n = fmt(tok.value);
    if (said.district && ref.district && ref.district !== said.district && !(ref.districts ?? []).includes(said.district)) this.check(false, `${n}是${ref.district}的数值，句中说的是${said.district}`, 'provenance');
    else if (said.district && !ref.district && ref.districts && ref.districts.length > 0 && !ref.districts.includes(said.district)) this.check(false, `${n}是${ref.districts.join('、')}的数值，句中说的是${said.district}`, 'provenance');
    if (said.target && ref.target !== said.target && !['districtCount', 'tierCount', 'tierCountAll'].includes(ref.measure)) this.check(false, `${n}是${ref.target}的数值，句中说的是${said.target}`, 'provenance');
    if (said.period) {
      const q = this.quarterOf(said.period);
      if (q && ref.quarter !== q && !ref.from) this.check(false, `${n}是${this.f.label(ref.quarter)}的数值，句中说的是${this.f.label(q)}`, 'provenance');
    }
    if (said.measure && ref.measure !== said.measure) this.check(false, `${n}是${measureName(ref.measure)}，句中把它说成${measureName(said.measure)}`, 'provenance');
  }

  /** Records what a number was found to be, for factcheck.json and the workbench. */
  record(tok: Token | undefined, fact: Omit<FactRef, 'value'>): void {
    if (tok) this.records.push({ sentence: this.s, start: tok.start, end: tok.end, value: tok.value, fact: { ...fact, value: tok.value } });
  }

  /** A value check: the text's number against the ledger's. */
  value(got: number, want: number | null | undefined, what: string, kind = this.kind): void {
    this.check(want !== null && want !== undefined && same(got, want), `${what}：文中为${fmt(got)}，台账为${fmt(want)}`, kind);
  }

  /** A list check: the districts named against the ledger's list. */
  list(named: string[], expected: string[], what: string, kind = this.kind): void {
    this.check(named.join('、') === expected.join('、'), `${what}：文中为${named.join('、') || '（无）'}，台账为${expected.join('、') || '（无）'}`, kind);
  }
}

const MEASURES: Record<string, string> = {
  score: '得分',
  value: '指标值',
  rank: '排名',
  diff: '变化量',
  pct: '变化率（%）',
  share: '占全市比重',
  mean: '全市平均得分',
  meanPct: '全市平均变化率',
};
export const measureName = (m: string) => MEASURES[m] ?? m;
