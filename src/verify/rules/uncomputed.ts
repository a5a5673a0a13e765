/**
 * Nodes left uncomputed (missing: uncomputed in the indicator tree): a district whose
 * indicator is missing has no score of the indices above it. The ledger then has no
 * score, rank or tier of it there, so every other rule refuses a claim about them;
 * this rule checks the sentences that say so (城口县……其双创环境和双创指数未计算,
 * 城口县不参与双创指数的排名), and gives the count rule what 全市N个区县 counts:
 * the districts that have a score of the node the clause is about.
 */
import type { SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

/** How many districts a count of "all districts" of the node at `pos` means: those with a score (and with a change, for a mean change). */
export function districtsCounted(sc: SentenceCheck, pos: number): number {
  const node = sc.f.node(sc.targetAround(pos));
  if (!node) return sc.f.ledger.meta.districtCount;
  const clause = sc.s.slice(pos, sc.clauseEnd(pos));
  return (/平均/.test(clause) && node.change ? node.change.counted : node.ranked) ?? sc.f.ledger.meta.districtCount; // absent in ledgers written before uncomputed nodes
}

type UncomputedClaim = { at: number; named: string[]; nodes: string[]; form: 'uncomputed' | 'unranked' } | { at: number; named: string[]; nodes: string[]; form: 'about' };

export const uncomputed = rule<UncomputedClaim>({
  kind: 'uncomputed',
  read(sc) {
    const out: UncomputedClaim[] = [];
    // A clause naming a district and an index it has no score of, saying anything but that: refused with the reason.
    for (const t of sc.targets) {
      const left = sc.f.isNode(t.name) ? (sc.f.node(t.name)?.uncomputed ?? []) : [];
      const clause = sc.clause(t.start);
      const d = sc.districts.find((x) => left.includes(x.name) && sc.clauseStart(x.start) === sc.clauseStart(t.start));
      if (d && !/未计算|不参与/.test(clause)) out.push({ at: t.start, named: [d.name], nodes: [t.name], form: 'about' });
    }
    if (!/未计算|不参与/.test(sc.s)) return out;
    // The districts named in the sentence before the words, and the indices named between them and the words.
    for (const m of sc.s.matchAll(/未计算|不参与[^，；。]*?(?:排名|分类)/g)) {
      const at = m.index!;
      const before = sc.districts.filter((d) => d.end <= at);
      if (!before.length) continue;
      const from = before[0].start;
      const nodes = sc.targets.filter((t) => t.start >= from && t.end <= at + m[0].length && sc.f.isNode(t.name)).map((t) => t.name);
      out.push({ at, named: [...new Set(before.map((d) => d.name))], nodes: [...new Set(nodes)], form: m[0] === '未计算' ? 'uncomputed' : 'unranked' });
    }
    return out;
  },
  check(sc, c) {
    if (c.form === 'about') return sc.check(false, `${c.named[0]}的${c.nodes[0]}未计算（指标缺失，指标体系设为不填补），台账没有它的得分、排名和变化`);
    const nodes = c.nodes.length ? c.nodes : [sc.ctx.section];
    for (const d of c.named)
      for (const n of nodes) {
        const left = sc.f.node(n)?.uncomputed ?? [];
        sc.check(left.includes(d), `${d}的${n}${sc.f.score(d, n) ? `已计算（${sc.f.score(d, n)!.score.toFixed(2)}分，第${sc.f.score(d, n)!.rank}位）` : '在台账中没有记录'}，文中却说${c.form === 'uncomputed' ? '未计算' : '不参与排名'}`);
      }
  },
  examples: {
    // The sample quarter computes every district (test/method/uncomputed.test.ts checks a quarter that leaves one uncomputed).
    pass: [],
    fail: ['城口县的双创指数未计算。', '渝北区不参与双创指数的排名。'],
  },
});
