/** What was done to the data before scoring, as ledger facts (rounded as printed where printed). */
import type { IndexConfig } from '../config/types.js';
import type { QuarterResult } from '../compute/index.js';
import type { Dataset } from '../validate/dataset.js';
import type { DataTreatmentFacts } from './types.js';

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
    imputed: [],
  };
}
