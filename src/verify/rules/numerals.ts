/**
 * Numerals (GB/T 15835-2011): counts, measures and percentages in running text are
 * written in Arabic numerals with half-width digits. Chinese numerals (二十九个,
 * 百分之十二点七七) and full-width digits (５个) are reported with the form to write.
 * Fixed words keep their numerals: 一级指标, 一是/二是, 第一类, quarter titles
 * (第三季度); 三个一级指标 is a count of the indicator tree and is checked as one.
 */
import { rule } from './rule.js';

interface NumeralClaim {
  text: string;
  arabic: string;
  form: 'chinese' | 'fullwidth' | 'treeCount';
  n?: number;
  level?: string;
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** 二十九 → 29, 一百零五 → 105, 十二点七七 → 12.77. */
export function chineseToNumber(s: string): number | null {
  const [int, frac] = s.split('点');
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of int) {
    if (ch in DIGIT) digit = DIGIT[ch];
    else if (ch in UNIT) {
      const u = UNIT[ch];
      if (u === 10000) {
        total += (section + digit) * u;
        section = 0;
      } else section += (digit || 1) * u;
      digit = 0;
    } else return null;
  }
  let n = total + section + digit;
  if (frac) n += Number(`0.${[...frac].map((c) => DIGIT[c] ?? 0).join('')}`);
  return n;
}

const CN = '零〇一二三四五六七八九十百千万两';
/** Words whose numerals are not numbers (十分显著, 千家万户 …). */
// 一个/两个 are words in running text (一个区县, 两个季度), allowed by GB/T 15835 §5.1 for such set phrases.
const FIXED = ['一个', '两个', '百分之', '百分点', '百分比', '十分', '千家万户', '一分为二', '百分百', '万分', '一个个', '一家一户'];
const MEASURE_UNITS = '个|家|位|分|次|名|项|亿元|万元|元|倍|人|区县|季度';

export const numerals = rule<NumeralClaim>({
  kind: 'numeral',
  read(sc) {
    const raw = sc.raw;
    const out: NumeralClaim[] = [];
    for (const m of raw.matchAll(/[０-９]+(?:[．.][０-９]+)?[％%]?/g))
      out.push({
        text: m[0],
        arabic: m[0]
          .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
          .replace('％', '%')
          .replace('．', '.'),
        form: 'fullwidth',
      });
    for (const m of raw.matchAll(new RegExp(`百分之([${CN}点]+)`, 'g'))) out.push({ text: m[0], arabic: `${chineseToNumber(m[1]) ?? '?'}%`, form: 'chinese' });
    for (const m of raw.matchAll(new RegExp(`(?<![第前后${CN}\\d.])([${CN}][${CN}点]*)(?=${MEASURE_UNITS})`, 'g'))) {
      const after = raw.slice(m.index! + m[0].length);
      const before = raw.slice(Math.max(0, m.index! - 1), m.index!);
      if (before === '百' || (/^季度/.test(after) && before === '第')) continue;
      if (FIXED.some((w) => raw.startsWith(w, m.index!))) continue;
      const n = chineseToNumber(m[1]);
      if (n === null) continue;
      const tree = /^个(一|二|三)级指标/.exec(after);
      if (tree) {
        out.push({ text: m[0], arabic: String(n), form: 'treeCount', n, level: tree[1] });
        continue;
      }
      if (/^个(?:方面|维度)/.test(after)) continue;
      out.push({ text: `${m[0]}${/^(区县|个区县|个|家|位|分|次|名|项|人)/.exec(after)?.[0] ?? ''}`, arabic: `${n}${/^(区县|个区县|个|家|位|分|次|名|项|人)/.exec(after)?.[0] ?? ''}`, form: 'chinese' });
    }
    return out;
  },
  check(sc, c) {
    if (c.form === 'treeCount') {
      const want = c.level === '一' ? sc.f.ledger.meta.firstLevel.length : null;
      if (want === null) return sc.unverifiable(`“${c.text}个${c.level}级指标”：台账只记录一级指标的个数`);
      return sc.value(c.n!, want, '一级指标的个数', 'count');
    }
    sc.check(false, `“${c.text}”：按GB/T 15835，计数和计量用阿拉伯数字${c.form === 'fullwidth' ? '（半角）' : ''}，应写作“${c.arabic}”`);
  },
  examples: {
    pass: ['从三个一级指标来看，渝北区的双创活力指数和双创环境指数有所上升。'],
    fail: ['第三类有二十九个区县。', '渝北区的众创空间数达４３家。', '渝北区的众创空间数占全市总量的百分之十点零五。'],
  },
});
