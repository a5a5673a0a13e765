import type { Ledger, NodeScore } from '../facts/types.js';
import type { TableAsset } from '../markup/parse.js';
import { imputationNotes, uncomputedNotes } from '../facts/imputation.js';

const score = (x: number) => x.toFixed(2);
const UNCOMPUTED = '未计算';
/** A rank move as the bulletin's tables print it: ↑6, ↓8, — (unchanged). */
const move = (s: NodeScore) => (s.rankMove === undefined ? '' : s.rankMove > 0 ? `↑${s.rankMove}` : s.rankMove < 0 ? `↓${-s.rankMove}` : '—');
const pct = (s: NodeScore) => (s.pct === null || s.pct === undefined ? '—' : s.pct.toFixed(2));

/**
 * The appendix table: every district's total and first-level indices with ranks,
 * and (when there is a previous quarter) the total's % change and rank move.
 * Rows in rank order; tied districts keep the registry order.
 */
export function appendixTable(ledger: Ledger): TableAsset {
  const root = ledger.meta.root;
  const firstLevel = ledger.meta.firstLevel;
  const withChange = ledger.meta.previous !== null;
  const header = ['排名', '区县', root, ...(withChange ? ['环比变化（%）', '排名变化'] : []), ...firstLevel.flatMap((n) => [n, '排名'])];
  // Districts whose total is left uncomputed (missing: uncomputed) follow the ranked ones, marked 未计算.
  const ranked = ledger.districts.filter((d) => d.scores[root]).sort((a, b) => a.scores[root].rank - b.scores[root].rank);
  const unranked = ledger.districts.filter((d) => !d.scores[root]);
  const levels = (d: (typeof ledger.districts)[number]) => firstLevel.flatMap((n) => (d.scores[n] ? [score(d.scores[n].score), String(d.scores[n].rank)] : [UNCOMPUTED, '—']));
  const rows = [
    ...ranked.map((d) => {
      const t = d.scores[root];
      return [String(t.rank), d.district, score(t.score), ...(withChange ? [pct(t), move(t)] : []), ...levels(d)];
    }),
    ...unranked.map((d) => ['—', d.district, UNCOMPUTED, ...(withChange ? ['—', '—'] : []), ...levels(d)]),
  ];
  const n = header.length;
  const notes = [`${root}为${firstLevel.join('、')}得分之和`];
  if (withChange) notes.push(`环比变化为较${ledger.meta.previousLabel}的变化率，排名变化中↑表示上升、↓表示下降、—表示不变`);
  notes.push('得分相同的区县排名并列');
  const clipped = clippedNote(ledger);
  if (clipped) notes.push(clipped);
  notes.push(...imputationNotes(ledger), ...uncomputedNotes(ledger));
  return {
    caption: `${ledger.meta.quarterLabel}${ledger.districts.length}个区县${root}及一级指标得分与排名`,
    header: [header],
    rows,
    align: header.map((_, i) => (i === 1 ? 'left' : 'center')),
    widths: header.map((_, i) => (i === 1 ? 1.6 : i === 0 ? 0.8 : 1)).map((w) => w / n),
    note: `注：${notes.join('；')}。`,
  };
}

/**
 * Values outside their goalposts were scored at the nearer goalpost: the reader of the
 * table must be told how many and which, not only the ledger (facts.json).
 */
function clippedNote(ledger: Ledger): string | null {
  const parts: string[] = [];
  let count = 0;
  for (const [indicator, { values }] of Object.entries(ledger.indicators)) {
    const districts = ledger.districts.map((d) => d.district).filter((d) => values[d]?.clipped);
    if (districts.length === 0) continue;
    count += districts.length;
    parts.push(`${indicator}${districts.length}个（${districts.join('、')}）`);
  }
  return count === 0 ? null : `有${count}个指标值超出目标值范围，标准化时按边界值计：${parts.join('，')}`;
}
