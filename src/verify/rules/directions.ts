/**
 * Direction words without a number: 双创活力指数有所上升, 得分有所下降, 双创活力指数和
 * 双创环境指数均呈上升趋势, 各区县的得分均有所提升. The sign of the ledger's change of
 * each index named (for the district the sentence is about, or the whole city) must
 * be the word's. Direction words with a number, in counts, lists, rank moves or
 * drivers are the other rules'.
 */
import type { SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

interface DirectionClaim {
  at: number;
  word: string;
  targets: string[];
  /** Every district (各区县……均上升). */
  all: boolean;
  /** The city as a whole (全市……平均水平有所回落). */
  city: boolean;
}

/** The indices joined before a verb: 双创活力指数和双创环境指数有所上升 → both. */
function targetsBefore(sc: SentenceCheck, pos: number): string[] {
  const start = sc.clauseStart(pos);
  const inClause = sc.targets.filter((t) => t.start >= start && t.end <= pos);
  if (!inClause.length) return [];
  const out = [inClause[inClause.length - 1]];
  for (let i = inClause.length - 2; i >= 0; i--) {
    const gap = sc.s.slice(inClause[i].end, out[0].start).replace(/指数|得分/g, '');
    if (/^[、和与及]$/.test(gap)) out.unshift(inClause[i]);
    else break;
  }
  return out.map((t) => t.name);
}

export const directions = rule<DirectionClaim>({
  kind: 'direction',
  read(sc) {
    const out: DirectionClaim[] = [];
    const re = new RegExp(`(${sc.lex.move})`, 'g');
    // 有待提升 is an adjective of the lexicon, not a move.
    const adjectives = [...sc.s.matchAll(new RegExp(`${sc.lex.strong}|${sc.lex.weak}`, 'g'))].map((m) => [m.index!, m.index! + m[0].length]);
    for (const m of sc.s.matchAll(re)) {
      const at = m.index!;
      if (adjectives.some(([a, b]) => at >= a && at < b)) continue;
      const after = sc.s.slice(at + m[0].length, at + m[0].length + 3);
      const clause = sc.clause(at);
      const before = sc.s.slice(sc.clauseStart(at), at);
      if (/^了?-?\d|^(?:到|至|为)/.test(after)) continue; // a number follows: a change or a move
      if (sc.insideTarget(at) || sc.insideTarget(at + 1)) continue; // 新注册企业数环比增长率
      if (/\d+个区县|没有(?:一个)?区县|增幅较大|降幅较大|整体/.test(clause)) continue; // counts, lists, the city mean
      if (/(?:得益于|受益于|受到|受|由于|源于)[^，]*$/.test(before)) continue; // drivers
      if (/第\d+位[^，]*$/.test(before) || /排名/.test(before.slice(-4))) continue; // ranks
      if (/主要指标/.test(sc.s.slice(at, at + 8))) continue; // 带动……上升的主要指标有
      if (/(?:表示|意为|代表|是指|指)$/.test(before)) continue; // a legend: ↑表示上升
      if (/^的区县/.test(sc.s.slice(at + m[0].length))) continue; // ……上升的区县有29个: a count
      const all = /各区县|所有区县|全部区县/.test(sc.s.slice(0, at));
      const named = sc.districts.some((d) => d.end <= at);
      const city = !named && /全市|平均|整体/.test(sc.s.slice(0, at));
      out.push({ at, word: m[0], targets: targetsBefore(sc, at), all, city });
    }
    return out;
  },
  check(sc, c) {
    const up = sc.lex.isUp(c.word);
    const targets = c.targets.length ? c.targets : [sc.targetBefore(c.at)];
    if (sc.lacksYearAgo(c.at, `${targets.join('、')}的同比变化`)) return;
    const d = sc.districtBefore(c.at);
    for (const t of targets) {
      if (c.all || c.city || !d) {
        const ch = sc.f.change(t);
        if (sc.lacksPrevious(ch, `${t}的升降`)) return;
        if (c.all) sc.check(up ? ch.fell === 0 && ch.same === 0 : ch.rose === 0 && ch.same === 0, `文中说各区县的${t}均${c.word}，台账：${ch.rose}个上升、${ch.fell}个下降、${ch.same}个持平`);
        else if (c.city) sc.check(ch.direction === (up ? 'up' : 'down'), `全市${t}${c.word}：台账的全市平均变化率为${ch.meanPct}%（平均得分从${ch.previousMean}到${ch.mean}）`);
        else sc.unverifiable(`“${t}${c.word}”没有说明是哪个区县`);
        continue;
      }
      const diff = sc.f.isNode(t) ? sc.f.score(d, t)?.diff : sc.f.indicator(d, t)?.diff;
      if (sc.lacksPrevious(diff, `${d}${t}的升降`)) continue;
      sc.check(up ? diff > 0 : diff < 0, `${d}${t}较上季度${diff > 0 ? '上升' : diff < 0 ? '下降' : '持平'}（${diff > 0 ? '+' : ''}${diff}），文中为“${c.word}”`);
    }
  },
  examples: {
    pass: ['渝北区双创指数得分有所上升。', '渝北区的双创活力指数和双创环境指数有所上升，双创成效指数有所下降。'],
    fail: ['荣昌区双创指数得分有所上升。', '渝北区的双创活力指数和双创成效指数有所上升。'],
  },
});
