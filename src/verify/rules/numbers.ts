/**
 * The last rule: every number no other rule understood. A number a template printed
 * is checked against its own fact (value, and that the words around it speak of the
 * same district, index and quarter); a number written by hand must be a value of
 * the ledger for the district, index and quarter the sentence speaks of, in a unit
 * that fits it. A number whose meaning the sentence does not give is unverifiable:
 * it stops the build (an editor may mark the sentence as checked by hand).
 */
import { same } from '../facts.js';
import { fmt, measureName, type SentenceCheck, type Token } from '../sentence.js';
import { rule } from './rule.js';

interface NumberClaim {
  tok: Token;
  unit: string;
}

const UNIT = /^(个百分点|%|分|位|家|个|次|亿元|万元|元|项|人|倍)/;

interface Candidate {
  measure: string;
  period: 'current' | 'previous';
  value: number | undefined | null;
}

function candidates(sc: SentenceCheck, d: string, t: string): Candidate[] {
  const node = sc.f.isNode(t);
  const s = node ? sc.f.score(d, t) : undefined;
  const i = node ? undefined : sc.f.indicator(d, t);
  const abs = (x: number | null | undefined) => (x === null || x === undefined ? x : Math.abs(x));
  return node
    ? [
        { measure: 'score', period: 'current', value: s?.score },
        { measure: 'score', period: 'previous', value: s?.previousScore },
        { measure: 'rank', period: 'current', value: s?.rank },
        { measure: 'rank', period: 'previous', value: s?.previousRank },
        { measure: 'diff', period: 'current', value: abs(s?.diff) },
        { measure: 'pct', period: 'current', value: abs(s?.pct) },
      ]
    : [
        { measure: 'value', period: 'current', value: i?.value },
        { measure: 'value', period: 'previous', value: i?.previousValue },
        { measure: 'rank', period: 'current', value: i?.rank },
        { measure: 'rank', period: 'previous', value: i?.previousRank },
        { measure: 'share', period: 'current', value: i?.share },
        { measure: 'diff', period: 'current', value: abs(i?.diff) },
        { measure: 'pct', period: 'current', value: abs(i?.pct) },
      ];
}

/** Which measures a unit can state for a target. */
function fits(sc: SentenceCheck, t: string, unit: string, measure: string): boolean {
  const kind = sc.f.kindOf(t);
  const own = sc.f.unitOf(t);
  if (unit === '位') return measure === 'rank';
  if (unit === '%') return measure === 'pct' || measure === 'share' || (kind === 'rate' && measure === 'value');
  if (unit === '个百分点') return kind === 'rate' && measure === 'diff';
  if (unit === '分') return (kind === 'node' || own === '分') && (measure === 'score' || measure === 'value' || measure === 'diff');
  if (unit) return unit === own && (measure === 'value' || measure === 'diff');
  return measure !== 'rank' || true;
}

export const numbers = rule<NumberClaim>({
  kind: 'number',
  read(sc) {
    const out: NumberClaim[] = [];
    for (const tok of sc.tokens.filter((t) => !t.consumed)) {
      tok.consumed = true;
      out.push({ tok, unit: UNIT.exec(sc.s.slice(tok.end))?.[1] ?? '' });
    }
    return out;
  },
  check(sc, { tok, unit }) {
    const n = fmt(tok.value);
    const inSentence = sc.districts.filter((d) => d.end <= tok.start);
    const d = inSentence.length ? inSentence[inSentence.length - 1].name : sc.ctx.subject;
    const t = sc.explicitTargetBefore(tok.start) ?? sc.ctx.section;
    const period = sc.periodAt(tok.start);
    if (tok.ref) {
      // A template's number: its own fact, in the words around it.
      sc.crossCheck(tok, { district: d, target: sc.explicitTargetBefore(tok.start) ?? undefined, period: ['score', 'rank', 'value', 'mean'].includes(tok.ref.measure) ? period : undefined });
      if (typeof tok.ref.value === 'number' && !same(Math.abs(tok.value), Math.abs(tok.ref.value)))
        sc.check(false, `${n}：模板印出的是${fmt(tok.ref.value)}（${tok.ref.district ?? ''}${tok.ref.target}的${measureName(tok.ref.measure)}），文中读作${n}；请检查 wording.yaml 的数字格式`, 'number');
      if (unit && !fits(sc, tok.ref.target, unit, tok.ref.measure) && tok.ref.district) sc.check(false, `${n}${unit}：${tok.ref.target}的${measureName(tok.ref.measure)}不以“${unit}”表述`, 'unit');
      sc.record(tok, tok.ref);
      return sc.check(true, '');
    }
    if (!d) {
      // City level: a mean, in the quarter spoken of.
      const node = sc.f.node(t);
      const mean = period === 'previous' ? node?.change?.previousMean : node?.mean;
      if (/平均/.test(sc.s.slice(0, tok.start)) && mean !== undefined && (unit === '分' || unit === '')) return sc.value(tok.value, mean, `全市${t}平均得分`, 'mean');
      return sc.unverifiable(`${n}${unit}：句中没有说明这是哪个区县、哪项指标的数值`);
    }
    const all = candidates(sc, d, t);
    const wantPeriod = period === 'previous' ? 'previous' : 'current';
    const fitting = all.filter((c) => fits(sc, t, unit, c.measure));
    const hit = fitting.find((c) => c.value !== null && c.value !== undefined && same(c.value, tok.value) && (c.period === wantPeriod || c.measure === 'diff' || c.measure === 'pct'));
    if (hit) {
      sc.record(tok, { target: t, district: d, quarter: sc.quarterOf(hit.period) ?? '', measure: hit.measure });
      return sc.check(true, '');
    }
    const other = fitting.find((c) => c.value !== null && c.value !== undefined && same(c.value, tok.value));
    if (other) return sc.check(false, `${n}${unit}是${d}${t}${other.period === 'previous' ? '上一季度' : '本季度'}的${measureName(other.measure)}，句中说的是${wantPeriod === 'previous' ? '上一季度' : '本季度'}`, 'provenance');
    const byValue = all.find((c) => c.value !== null && c.value !== undefined && same(c.value, tok.value));
    if (byValue) return sc.check(false, `${n}是${d}${t}的${measureName(byValue.measure)}，不能以“${unit || '（无单位）'}”表述`, 'unit');
    const want = fitting.filter((c) => c.period === wantPeriod && c.value !== undefined && c.value !== null);
    sc.check(false, `${n}${unit}不是台账中${d}${t}的数值（${want.map((c) => `${measureName(c.measure)}${fmt(c.value)}`).join('，') || '台账没有相应的数值'}）`);
  },
  examples: {
    pass: ['渝北区双创指数得分88.59分。', '渝北区众创空间数达43家。'],
    fail: ['渝北区双创指数得分86.67分。', '渝北区双创指数得分87.59分。', '渝北区众创空间数达44家。'],
  },
});
