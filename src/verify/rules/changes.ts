/**
 * Changes on the previous quarter (环比) of one district: 上升了4.04分, 增幅为6.87%,
 * 环比下降7.03%, 提高了70.23个百分点, 与上季度持平, and shares of the city total
 * (占全市总量的10.05%). The unit must fit what changes: a score or a count changes in
 * % (or in 分 / its unit), a rate in 个百分点. A 同比 change needs year-ago facts.
 */
import { NUM, parseNum, type SentenceCheck, type Token } from '../sentence.js';
import { rule } from './rule.js';

const UNIT = '个百分点|%|分|家|个|次|亿元|元|项|人';

type ChangeClaim = { form: 'share'; at: number; x: number; tok?: Token } | { form: 'amount'; at: number; sign: number; x: number; unit: string; word: string; tok?: Token } | { form: 'flat'; at: number };

const pctOf = (sc: SentenceCheck, d: string, t: string) => (sc.f.isNode(t) ? sc.f.score(d, t)?.pct : sc.f.indicator(d, t)?.pct);
const diffOf = (sc: SentenceCheck, d: string, t: string) => (sc.f.isNode(t) ? sc.f.score(d, t)?.diff : sc.f.indicator(d, t)?.diff);

export const changes = rule<ChangeClaim>({
  kind: 'change',
  read(sc) {
    const out: ChangeClaim[] = [];
    const { up, down } = sc.lex;
    sc.each(new RegExp(`占(?:全市|全市的)?(?:总量|总数|合计)?的?比重?(?:为)?(${NUM})%|占全市(?:总量|总数)?的(${NUM})%`, 'g'), (m, inside) => out.push({ form: 'share', at: m.index!, x: parseNum(m[1] ?? m[2]), tok: inside[0] }));
    sc.each(
      new RegExp(`(增幅|降幅|增长幅度|上升幅度|下降幅度|降低幅度|变化率|变化幅度|变动幅度|增长率|增速|变化|变动)(?:均|仅)?(?:为|达到|达|是|约为)?(${NUM})(%|个百分点|分)`, 'g'),
      (m, inside) => {
        const word = m[1];
        const sign = /^[增上]/.test(word) ? 1 : /^[降下]/.test(word) ? -1 : 0;
        out.push({ form: 'amount', at: m.index!, sign, x: parseNum(m[2]), unit: m[3], word, tok: inside[0] });
      },
      (m) => sc.insideTarget(m.index!),
    );
    sc.each(new RegExp(`(${up}|${down})了?(${NUM})(${UNIT})?`, 'g'), (m, inside) => out.push({ form: 'amount', at: m.index!, sign: sc.lex.isUp(m[1]) ? 1 : -1, x: parseNum(m[2]), unit: m[3] ?? '', word: m[1], tok: inside[0] }));
    sc.each(new RegExp(`(?:与|较|和)(?:上一?季度|\\d{4}年第\\d季度)(?:相比)?(?:${sc.lex.flat})`, 'g'), (m) => out.push({ form: 'flat', at: m.index! }));
    return out;
  },
  check(sc, c) {
    const d = sc.districtBefore(c.at);
    const t = sc.targetBefore(c.at);
    const q = sc.f.ledger.meta.quarter;
    if (c.form === 'share') {
      if (!d) return sc.unverifiable('占全市总量的比重没有说明是哪个区县');
      sc.crossCheck(c.tok, { district: d, target: t, measure: 'share' });
      sc.record(c.tok, { target: t, district: d, quarter: q, measure: 'share' });
      return sc.value(c.x, sc.f.isNode(t) ? undefined : sc.f.indicator(d, t)?.share, `${d}${t}占全市总量的比重`, 'share');
    }
    if (c.form === 'flat') {
      if (/区县/.test(sc.clause(c.at))) return;
      if (!d) return sc.unverifiable(`“与上季度持平”没有说明是哪个区县`);
      return sc.value(0, diffOf(sc, d, t), `${d}${t}的变化`);
    }
    const _clause = sc.s.slice(sc.clauseStart(c.at), sc.clauseEnd(c.at));
    if (sc.lacksYearAgo(c.at, `${d ?? ''}${t}的同比变化（与${sc.f.label(sc.f.yearAgo)}相比）`)) return;
    if (!d && /平均/.test(sc.s.slice(0, c.at))) {
      // 全市……平均得分为60.94分，比上季度提高0.41分: the change of the city mean.
      const ch = sc.f.change(t);
      if (sc.lacksPrevious(ch, `全市${t}的平均变化`)) return;
      if (c.unit === '分') return sc.value((c.sign || 1) * c.x, ch.meanDiff, `全市${t}平均得分的变化（分）`, 'mean');
      if (c.unit === '%') return sc.value((c.sign || 1) * c.x, ch.meanPct, `全市${t}的平均变化率（%）`, 'mean');
      return sc.check(false, `全市${t}的平均变化以分或%表述，文中为“${c.unit || '（无单位）'}”`, 'unit');
    }
    if (!d) return sc.unverifiable(`${c.word}${c.x}${c.unit}没有说明是哪个区县（全市的平均变化请写“平均${c.word}”）`);
    if (sc.lacksPrevious(diffOf(sc, d, t), `${d}${t}的变化`)) return;
    const rate = sc.f.kindOf(t) === 'rate';
    const unit = c.unit;
    const x = (c.sign || 1) * c.x;
    if (unit === '个百分点') {
      if (!rate) return sc.check(false, `${t}不是比率：“个百分点”只用于比率的变化（得分和数量的变化用%或其单位）`, 'unit');
      sc.crossCheck(c.tok, { district: d, target: t, measure: 'diff' });
      sc.record(c.tok, { target: t, district: d, quarter: q, measure: 'diff' });
      return sc.value(x, diffOf(sc, d, t), `${d}${t}的变化（个百分点）`);
    }
    if (unit === '%' && rate) return sc.check(false, `${t}是比率：它的变化应以“个百分点”表述，不用%`, 'unit');
    if (unit === '%') {
      sc.crossCheck(c.tok, { district: d, target: t, measure: 'pct' });
      sc.record(c.tok, { target: t, district: d, quarter: q, measure: 'pct' });
      return sc.value(c.sign === 0 ? c.x : x, pctOf(sc, d, t), `${d}${t}的变化率（%）`);
    }
    if (unit === '') {
      const ok = [pctOf(sc, d, t), diffOf(sc, d, t)].some((v) => v !== null && v !== undefined && Math.abs(v - x) < 0.005);
      return sc.check(ok, `${d}${t}的变化：文中为${x}，台账为${diffOf(sc, d, t)}（${pctOf(sc, d, t)}%）`);
    }
    if (unit === '分' && !sc.f.isNode(t) && sc.f.unitOf(t) !== '分') return sc.check(false, `${t}的单位是${sc.f.unitOf(t) || '（无）'}，不是分`, 'unit');
    if (unit !== '分' && sc.f.isNode(t)) return sc.check(false, `${t}是指数，变化的单位是分或%，不是${unit}`, 'unit');
    sc.crossCheck(c.tok, { district: d, target: t, measure: 'diff' });
    sc.record(c.tok, { target: t, district: d, quarter: q, measure: 'diff' });
    sc.value(x, diffOf(sc, d, t), `${d}${t}的变化（${unit}）`);
  },
  examples: {
    pass: ['大渡口区双创指数得分62.88分，较2018年第2季度上升了4.04分，环比增长6.87%。', '大渡口区新注册企业数环比增长率为89.37%，较上季度提高了70.23个百分点。'],
    fail: ['大渡口区双创指数得分较2018年第2季度上升了4.04分，环比增长7.87%。', '大渡口区双创指数得分增幅为6.87个百分点。', '大渡口区新注册企业数环比增长率较上季度提高了70.23%。', '荣昌区双创指数得分较2018年第2季度上升了4.50分。'],
  },
});
