/**
 * The districts a quarter leaves without a total (an indicator missing and the tree
 * saying missing: uncomputed), as the tiers section states them: who, which
 * indicator, which indices are not computed. Selects only (from facts.json).
 */
import type { Ledger } from '../facts/types.js';

export interface UncomputedView {
  /** Districts without a total, in registry order. */
  districts: string[];
  /** Each missing cell of the quarter: the district, the indicator, the indices it leaves uncomputed (first-level index, total). */
  cells: { district: string; indicator: string; nodes: string[] }[];
}

export function uncomputedView(ledger: Ledger): UncomputedView | null {
  const { root, firstLevel, quarter } = ledger.meta;
  const districts = ledger.nodes[root]?.uncomputed ?? [];
  if (!districts.length) return null;
  const shown = new Set([root, ...firstLevel]);
  const cells = (ledger.dataTreatment?.uncomputed ?? []).filter((c) => c.quarter === quarter).map((c) => ({ district: c.district, indicator: c.indicator, nodes: c.nodes.filter((n) => shown.has(n)) }));
  return { districts, cells };
}
