/**
 * Quarters: every quarter label names the quarter reported, the one before, or (for
 * 同比) the same quarter a year before; and what each label does in the sentence —
 * the quarter a change is measured from (较上季度, 相比2018年第2季度), or the quarter
 * the words after it are about (2018年第2季度，渝北区……) — is recorded for the rules
 * that follow, which check levels against the quarter the text speaks of.
 */
import { quarterKey } from '../../quarter.js';
import type { Period } from '../sentence.js';
import { rule } from './rule.js';

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
/** Words before a quarter that make it the base of a comparison. */
const FROM = /(?:较|比|相比|相比于|相较于|与|同|从|由|对比|较之)$/;
const RELATIVE: [RegExp, Period][] = [
  [/上一?季度|上期|前一季度/g, 'previous'],
  [/本季度|本期|当季|本季|这一季度/g, 'current'],
  [/去年同期|上年同期|去年同季度|上年同季/g, 'yearAgo'],
];

interface QuarterClaim {
  text: string;
  at: number;
  end: number;
  key: string | null;
  year: number;
  n: number | null;
}

export const quarters = rule<QuarterClaim>({
  kind: 'quarter',
  read(sc) {
    const out: QuarterClaim[] = [];
    const mark = (a: number, b: number) => sc.tokens.filter((t) => t.start >= a && t.start < b).forEach((t) => ((t.consumed = true), (t.quarter = true)));
    const cur = sc.f.quarters[0];
    for (const m of sc.s.matchAll(/(\d{4})年(?:第([1-4一二三四])季度)?/g)) {
      mark(m.index!, m.index! + m[0].length);
      const year = Number(m[1]);
      const n = m[2] ? (CN[m[2]] ?? Number(m[2])) : null;
      out.push({ text: m[0], at: m.index!, end: m.index! + m[0].length, key: n ? quarterKey({ year, n }) : null, year, n });
    }
    for (const m of sc.s.matchAll(/(?<!\d年)第([1-4])季度/g)) {
      mark(m.index!, m.index! + m[0].length);
      const n = Number(m[1]);
      out.push({ text: m[0], at: m.index!, end: m.index! + m[0].length, key: quarterKey({ year: cur.year, n }), year: cur.year, n });
    }
    for (const [re, period] of RELATIVE)
      for (const m of sc.s.matchAll(re)) {
        const role = FROM.test(sc.s.slice(Math.max(0, m.index! - 3), m.index!)) ? 'from' : 'scope';
        sc.quarterMentions.push({ start: m.index!, end: m.index! + m[0].length, period, role });
      }
    for (const q of out) {
      const period: Period = q.key === sc.f.ledger.meta.quarter ? 'current' : q.key && q.key === sc.f.ledger.meta.previous ? 'previous' : q.key === sc.f.yearAgo ? 'yearAgo' : q.key === null && q.year === cur.year ? 'current' : 'other';
      const before = sc.s.slice(Math.max(0, q.at - 3), q.at);
      // 从2018年第2季度的86.67分: the base of the change that follows.
      const role = FROM.test(before) ? 'from' : 'scope';
      sc.quarterMentions.push({ start: q.at, end: q.end, period, role });
    }
    sc.quarterMentions.sort((a, b) => a.start - b.start);
    return out;
  },
  check(sc, q) {
    const meta = sc.f.ledger.meta;
    // Without a previous quarter in the data, the text may still name it (to say it is missing).
    const known = [meta.quarter, meta.previous ?? quarterKey(sc.f.quarters[1]), sc.f.yearAgo];
    if (q.key === null) {
      sc.check(
        sc.f.quarters.some((x) => x.year === q.year),
        `${q.text}既不是本期报告的年份，也不是上一季度的年份`,
      );
      return;
    }
    if (sc.f.isYoy && q.key !== meta.quarter && q.key !== sc.f.yearAgo) {
      sc.check(false, `同比是与上年同季度（${sc.f.label(sc.f.yearAgo)}）相比，句中写的是${q.text}`);
      return;
    }
    if (!known.includes(q.key)) {
      sc.check(false, `${q.text}既不是本期报告的季度（${sc.f.label(meta.quarter)}），也不是上一季度${meta.previous ? `（${sc.f.label(meta.previous)}）` : ''}`);
      return;
    }
    if (q.key === sc.f.yearAgo && !/同比|去年同期|上年同期/.test(sc.s)) {
      sc.check(false, `${q.text}是上年同季度：与它相比的变化是同比，句中没有说明“同比”`);
      return;
    }
    const here = sc.quarterMentions.find((x) => x.start === q.at);
    if (here?.role === 'from' && q.key === meta.quarter && sc.quarterMentions.some((x) => x.role === 'scope' && x.period === 'previous')) {
      sc.check(false, `变化是${sc.f.label(meta.quarter)}相对上一季度的；“相比${q.text}”把两个季度说反了`);
      return;
    }
    if (/^[^，。；]{0,20}报告/.test(sc.s.slice(q.end)) && q.key !== meta.quarter) {
      sc.check(false, `报告题目中的季度是${q.text}，本期报告的是${sc.f.label(meta.quarter)}`);
      return;
    }
    if (!sc.f.isYoy && q.key === meta.previous && /同比/.test(sc.s) && !/环比/.test(sc.s)) {
      sc.check(false, `同比是与上年同季度（${sc.f.label(sc.f.yearAgo)}）相比；与${q.text}相比是环比`);
      return;
    }
    sc.check(true, '');
  },
  examples: {
    pass: ['相比2018年第2季度，2018年第3季度全市38个区县的双创指数得分平均增长了0.70%。'],
    fail: ['相比2018年第1季度，2018年第3季度全市38个区县的双创指数得分平均增长了0.70%。', '2018年第3季度渝北区双创指数得分同比增长2.22%，较2018年第2季度上升了1.92分。'],
  },
});
