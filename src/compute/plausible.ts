import type { IndexConfig } from '../config/types.js';
import { ProblemList } from '../errors.js';
import { quarterLabels } from '../quarter.js';
import type { Dataset } from '../validate/dataset.js';

const fmt = (x: number) => (+x.toFixed(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });

/**
 * Values far beyond their goalposts are refused rather than clipped and printed: a value
 * more than `normalisation.plausibility` goalpost spans outside them (a typo, or 元 for
 * 亿元) would otherwise become 增长了55,765.36%. Values just outside are clipped, and the
 * ledger and the report's appendix say so.
 */
export function checkPlausible(config: IndexConfig, dataset: Dataset, quarters: string[], posts: Map<string, [number, number]>): void {
  const limit = config.normalisation.plausibility;
  if (limit === null) return;
  const problems = new ProblemList();
  for (const q of quarters) {
    const rows = dataset.values.get(q);
    if (!rows) continue;
    for (const [leaf, [lo, hi]] of posts) {
      const node = config.nodes.find((n) => n.name === leaf)!;
      const reach = limit * (hi - lo);
      for (const [district, given] of rows) {
        const x = given.get(leaf);
        if (x === undefined || Number.isNaN(x) || (x >= lo - reach && x <= hi + reach)) continue; // NaN: left uncomputed
        const origin = dataset.origins?.get(q)?.get(district);
        const source = dataset.sources.get(q)?.get(district);
        problems.add({
          file: origin?.file ?? source?.file ?? '数据',
          row: origin?.row ?? source?.row,
          column: origin?.columns.get(leaf),
          kind: `implausible:${leaf}`,
          message: `${district}${quarterLabels(q).label}的${leaf}为${fmt(x)}${node.unit}，远超目标值范围${fmt(lo)}—${fmt(hi)}${node.unit}（超出部分大于范围宽度的${limit}倍），不可信`,
          hint: `检查数值和单位（如 元 与 亿元、% 与小数）；如果数值属实，在 config/index.yaml 中放宽${leaf}的 bounds，或调大 normalisation.plausibility`,
        });
      }
    }
  }
  problems.throwIfAny();
}
