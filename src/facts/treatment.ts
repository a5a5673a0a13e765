/** What was done to the data before scoring, as ledger facts (rounded as printed where printed). */
import type { IndexConfig } from '../config/types.js';
import type { QuarterResult } from '../compute/index.js';
import type { Dataset } from '../validate/dataset.js';
import type { DataTreatmentFacts } from './types.js';

/** The nodes above an indicator, nearest first, up to the total: those an uncomputed cell leaves without a score. */
function ancestors(config: IndexConfig, indicator: string): string[] {
  const out: string[] = [];
  for (let n = config.nodes.find((x) => x.name === indicator)?.parent; n; n = config.nodes.find((x) => x.name === n)?.parent) out.push(n);
  return out;
}

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

export function dataTreatmentFacts(config: IndexConfig, dataset: Dataset, result: QuarterResult, clipped: DataTreatmentFacts['clipped']): DataTreatmentFacts {
  return {
    outliers: config.method.outliers,
    treatments: result.treatments.map((t) => ({
      quarter: t.quarter,
      indicator: t.indicator,
      method: t.method,
      skewBefore: r4(t.skewBefore)!,
      kurtosisBefore: r4(t.kurtosisBefore)!,
      skewAfter: r4(t.skewAfter),
      kurtosisAfter: r4(t.kurtosisAfter),
      values: t.values.map((v) => ({ district: v.district, value: v.value, treated: r4(v.treated)! })),
    })),
    clipped,
    // The cells of the quarters this report compares (the reported, previous and year-ago quarters).
    imputed: (dataset.imputed ?? [])
      .filter((c) => [result.quarter, result.previous, result.yearAgo].includes(c.quarter))
      .map((c) => ({ quarter: c.quarter, district: c.district, indicator: c.indicator, method: c.method, value: c.value, from: c.from, source: c.source })),
    uncomputed: (dataset.uncomputed ?? []).filter((c) => [result.quarter, result.previous, result.yearAgo].includes(c.quarter)).map((c) => ({ ...c, nodes: ancestors(config, c.indicator) })),
  };
}
