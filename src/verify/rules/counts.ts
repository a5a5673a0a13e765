/**
 * Counts of districts: N个区县 (all of them, those that rose, fell, stayed, or changed
 * more than the mean — as the clause says), 没有区县……, and N个区县上升、M个区县下降.
 * A count the clause does not say the meaning of cannot be checked: it is unverifiable.
 */
import type { SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';
import { districtsCounted } from './uncomputed.js';

type CountClaim = { form: 'none'; at: number; text: string } | { form: 'n'; at: number; n: number; all: boolean } | { form: 'after'; at: number; n: number; word: string } | { form: 'tree'; at: number; n: number; level: string };

/** What a count counts: the first word after it that says (高于平均, 上升, 下降, 持平 …). */
function meaning(sc: SentenceCheck, clause: string): 'aboveMean' | 'belowMean' | 'same' | 'rose' | 'fell' | null {
  // 环比增长率高于平均水平: the comparison with the mean is what is counted, whatever verb precedes it.
  if (/高于平均|超过平均/.test(clause)) return 'aboveMean';
  if (/低于平均/.test(clause)) return 'belowMean';
  const words: [RegExp, 'same' | 'rose' | 'fell'][] = [
    [new RegExp(sc.lex.flat), 'same'],
    [new RegExp(sc.lex.up), 'rose'],
    [new RegExp(sc.lex.down), 'fell'],
  ];
  let best: { at: number; what: 'same' | 'rose' | 'fell' } | null = null;
  for (const [re, what] of words) {
    const m = re.exec(clause);
    if (m && (!best || m.index < best.at)) best = { at: m.index, what };
  }
  return best?.what ?? null;
}

const NAMES = { aboveMean: '变化高于平均水平的', belowMean: '变化低于平均水平的', same: '持平的', rose: '上升的', fell: '下降的' };

export const counts = rule<CountClaim>({
  kind: 'count',
  read(sc) {
    const out: CountClaim[] = [];
    sc.each(/没有(?:一个)?区县的?[^，；。]*/g, (m) => out.push({ form: 'none', at: m.index!, text: m[0] }));
    sc.each(/(全市|各|全部)?(\d+)个区县(平均)?/g, (m) => out.push({ form: 'n', at: m.index!, n: Number(m[2]), all: !!(m[1] || m[3]) }));
    // ……上升的区县有29个 / 高于平均增幅的区县共16个: the count after what it counts.
    sc.each(new RegExp(`(${sc.lex.up}|${sc.lex.down}|${sc.lex.flat}|高于平均[^，；。的]*|低于平均[^，；。的]*)的(?:区县)?(?:共有|共|有|为)(\\d+)个`, 'g'), (m) => out.push({ form: 'after', at: m.index!, n: Number(m[2]), word: m[1] }));
    // 3个一级指标、11项具体指标: counts of the indicator tree.
    sc.each(/(\d+)(?:个|项)(一级指标|二级指标|具体指标|三级指标|指标)/g, (m) => out.push({ form: 'tree', at: m.index!, n: Number(m[1]), level: m[2] }));
    return out;
  },
  check(sc, c) {
    if (c.form === 'tree') {
      const want = c.level === '一级指标' ? sc.f.ledger.meta.firstLevel.length : c.level === '二级指标' ? null : sc.f.indicators.length;
      if (want === null) return sc.unverifiable(`台账没有${c.level}的个数`);
      return sc.value(c.n, want, `${c.level}的个数`);
    }
    // 全市38个区县 (all of them); 全市24个区县……上升 counts the risers.
    // The districts with a score of the clause's index (all of them, unless a cell is left uncomputed).
    const counted = districtsCounted(sc, c.at);
    if (
      c.form === 'n' &&
      ((c.n === counted && /平均/.test(sc.s.slice(c.at, sc.clauseEnd(c.at)))) ||
        (c.all && (c.n === counted || c.n === sc.f.ledger.districts.length || /平均/.test(sc.s.slice(c.at, c.at + 12)))) ||
        (c.n === counted && !meaning(sc, sc.s.slice(c.at, sc.clauseEnd(c.at)))))
    ) {
      sc.crossCheck(sc.tokenAt(c.at), { measure: 'districtCount' });
      return sc.value(c.n, counted, counted < sc.f.ledger.districts.length ? '有得分（参与排名）的区县数' : '区县数');
    }
    const t = c.form === 'after' ? sc.targetBefore(c.at) : sc.targetAround(c.at);
    const ch = sc.f.change(t);
    const clause = c.form === 'none' ? c.text : c.form === 'after' ? c.word : sc.s.slice(c.at, sc.clauseEnd(c.at));
    const what = meaning(sc, clause);
    const n = c.form === 'none' ? 0 : c.n;
    if (c.form === 'after' && sc.districtBefore(c.at) && sc.districts.some((x) => x.end <= c.at)) return sc.unverifiable(`“${c.word}的区县有${c.n}个”前面的区县与这个数目的关系不明`);
    if (!what) return sc.unverifiable(`“${clause}”中的${n}个区县没有说明是哪一类区县`);
    if (sc.lacksYearAgo(c.at, `${t}同比${NAMES[what]}区县数`) || sc.lacksPrevious(ch, `${t}${NAMES[what]}区县数`)) return;
    const want = what === 'belowMean' ? (ch.counted ?? sc.f.ledger.meta.districtCount) - ch.aboveMean : ch[what];
    if (c.form === 'n') sc.crossCheck(sc.tokenAt(c.at), { target: t });
    sc.value(n, want, `${t}${NAMES[what]}区县数`);
  },
  examples: {
    pass: ['其中有16个区县的双创活力指数增幅高于平均增幅。', '其中有24个区县的双创指数得分较上季度有所提升。'],
    fail: ['其中有15个区县的双创活力指数增幅高于平均增幅。', '其中有20个区县的双创指数得分较上季度有所提升。', '没有区县的双创指数得分较上季度提升。'],
  },
});
