/**
 * City means: the mean change (平均增长了0.69%, 平均变化率为……), the mean score
 * (全市双创活力指数平均得分为……, of the quarter the text speaks of), the direction of
 * the whole (整体有所上升), and rates never compared with scores (增幅高于平均分).
 */
import { NUM, parseNum } from '../sentence.js';
import { rule } from './rule.js';

type MeanClaim =
  | { form: 'meanChange'; at: number; sign: number; x: number; unit: string; pos: number }
  | { form: 'meanLevel'; at: number; x: number; pos: number }
  | { form: 'overall'; at: number; said: 'up' | 'down' | 'flat' }
  | { form: 'rateVsScore'; text: string };

export const means = rule<MeanClaim>({
  kind: 'mean',
  read(sc) {
    const { up, down, flat } = sc.lex;
    const out: MeanClaim[] = [];
    sc.each(new RegExp(`平均(?:得分|分值|指数值|指数|水平)?(?:较上季度|环比|同比)?(${up}|${down})了?(${NUM})(%|分|个百分点)?`, 'g'), (m) =>
      out.push({ form: 'meanChange', at: m.index!, sign: sc.lex.isUp(m[1]) ? 1 : -1, x: parseNum(m[2]), unit: m[3] ?? '', pos: m.index! + m[0].indexOf(m[2], 2) }),
    );
    sc.each(new RegExp(`平均(?:变化率|增长率|增幅|变化幅度)为(${NUM})(%|个百分点)`, 'g'), (m) => out.push({ form: 'meanChange', at: m.index!, sign: 1, x: parseNum(m[1]), unit: m[2], pos: m.index! + m[0].indexOf(m[1]) }));
    sc.each(new RegExp(`平均(?:得分|分值|指数值|值|分)(?:为|是|达到|达)?(${NUM})分?`, 'g'), (m) => out.push({ form: 'meanLevel', at: m.index!, x: parseNum(m[1]), pos: m.index! + m[0].indexOf(m[1]) }));
    sc.each(new RegExp(`整体(?:有所|呈|呈现|略有|小幅)?(${up}|${down})|整体(?:基本)?(?:${flat})`, 'g'), (m) => out.push({ form: 'overall', at: m.index!, said: m[1] ? (sc.lex.isUp(m[1]) ? 'up' : 'down') : 'flat' }));
    sc.each(/(?:幅度|增幅|降幅|增长率|变化率|增速)[^，；。]*?(?:高于|低于|大于|小于|超过|不及)(?:全市)?平均(?:分|得分|分值|指数值)/g, (m) => out.push({ form: 'rateVsScore', text: m[0] }));
    sc.each(/(?:得分|指数值|分值)[^，；。]*?(?:高于|低于|大于|小于|超过|不及)(?:全市)?平均(?:增幅|降幅|增长率|变化率|增速)/g, (m) => out.push({ form: 'rateVsScore', text: m[0] }));
    return out;
  },
  check(sc, c) {
    if (c.form === 'rateVsScore') return sc.check(false, `把变化幅度与得分相比（“${c.text}”）：增幅应与平均增幅相比，得分应与平均得分相比`, 'unit');
    const t = sc.targetBefore(c.at);
    const ch = sc.f.change(t);
    if (c.form === 'overall') {
      if (sc.lacksYearAgo(c.at, `${t}的同比变化`) || sc.lacksPrevious(ch, `${t}整体的升降`)) return;
      return sc.check(ch.direction === c.said, `${t}整体${{ up: '上升', down: '下降', flat: '持平' }[c.said]}：台账为${{ up: '上升', down: '下降', flat: '持平' }[ch.direction]}（平均变化率${ch.meanPct}%）`);
    }
    const tok = sc.tokenAt(c.pos);
    if (c.form === 'meanLevel') {
      const period = sc.periodAt(c.at);
      const n = sc.f.node(t);
      if (!n) return sc.unverifiable(`台账没有${t}的全市平均值`);
      const want = period === 'current' ? n.mean : period === 'previous' ? n.change?.previousMean : undefined;
      if (want === undefined) return sc.unverifiable(`台账没有${t}该季度的全市平均得分`);
      sc.record(tok, { target: t, quarter: sc.quarterOf(period) ?? '', measure: 'mean' });
      return sc.value(c.x, want, `${period === 'previous' ? '上一季度' : ''}全市${t}平均得分`);
    }
    if (sc.lacksYearAgo(c.at, `${t}的同比变化`) || sc.lacksPrevious(ch, `${t}的平均变化`)) return;
    sc.crossCheck(tok, { target: t });
    if (c.unit === '个百分点') return sc.check(false, `${t}的平均变化是得分的变化率，单位是%，不是个百分点（台账：平均${ch.meanPct}%）`, 'unit');
    if (c.unit === '分') return sc.value(c.sign * c.x, ch.meanDiff, `全市${t}平均得分的变化（分）`);
    sc.record(tok, { target: t, quarter: sc.f.ledger.meta.quarter, measure: 'meanPct' });
    sc.value(c.sign * c.x, ch.meanPct, `全市${t}的平均变化率（%）`);
  },
  examples: {
    pass: ['从双创活力指数的环比变化来看，38个区县平均增长了0.69%，全市双创活力指数整体有所上升。'],
    fail: ['从双创活力指数的环比变化来看，38个区县平均增长了0.70%。', '全市双创活力指数整体有所下降。', '38个区县的双创活力指数平均提高了0.69个百分点。', '其中有16个区县的双创活力指数增幅高于全市平均分。'],
  },
});
