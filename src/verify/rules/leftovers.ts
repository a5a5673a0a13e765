/**
 * Claim words no rule read: a superlative (最活跃, 最多), 并列, 首位/末位 the other
 * rules did not understand in this sentence cannot be checked, so it cannot pass:
 * it is unverifiable (rewrite it in words the check reads, or mark it as checked
 * by hand).
 */
import { rule } from './rule.js';

interface Leftover {
  word: string;
}

const WORDS = /最(?:高|低|大|小|多|少|强|弱|好|差|快|慢|活跃|突出|显著|优|佳|领先|靠前|靠后)|并列|首位|末位|榜首|倒数第一|名列前茅|遥遥领先|第一名|第一位|前[二三四五六七八九十\d]+(?:位|名)?|第[二三四五六七八九十](?!类|季度|期|是)/g;

export const leftovers = rule<Leftover>({
  kind: 'unverifiable',
  read(sc) {
    const out: Leftover[] = [];
    // A general statement (得分相同的区县排名并列) names nobody: it claims nothing to check.
    if (!sc.districts.length && !sc.targets.length) return out;
    for (const m of sc.s.matchAll(WORDS)) {
      const a = m.index!;
      if (!sc.claimed.some(([s, e]) => a >= s && a < e)) out.push({ word: m[0] });
    }
    return out;
  },
  check(sc, c) {
    sc.unverifiable(`“${c.word}”：句中没有核查能读懂的比较对象（指数、区县和季度）`);
  },
  examples: {
    pass: ['渝北区、南岸区、沙坪坝区、渝中区、九龙坡区的双创活力突出，其中，双创活力指数最高的为渝北区，指数值为30.11。'],
    fail: ['渝北区是全市创新创业最活跃的区县。', '渝北区的创业氛围名列前茅。'],
  },
});
