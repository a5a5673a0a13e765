/**
 * The optional audit appendix (bulletin.yaml `appendix: audit`): per first-level index
 * the statistical audit of the quarter (src/method/audit.ts, the same object written to
 * audit.json) — Cronbach's alpha, the first principal component's share of variance,
 * the indicators that correlate negatively with their index — and what was done to its
 * data (values treated for outliers, cells imputed, from facts.json). The cells are set
 * from those two objects, as the appendix table's are from the ledger; the note states
 * no number, so the fact check has nothing in it to take on trust.
 */
import type { Ledger } from '../facts/types.js';
import type { TableAsset } from '../markup/parse.js';
import type { StatisticalAudit } from '../method/audit.js';

const fixed2 = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const percent = (x: number | null) => (x === null ? '—' : (x * 100).toFixed(2));

/** The indicators below each first-level index (the audit's own grouping); the total's row: every indicator. */
function indicatorsOf(audit: StatisticalAudit, index: string, root: string): string[] {
  return audit.indicators.filter((a) => index === root || a.index === index).map((a) => a.indicator);
}

export function auditTable(ledger: Ledger, audit: StatisticalAudit): TableAsset {
  const { root, quarter, quarterLabel } = ledger.meta;
  const header = ['指数', '指标数', 'α系数', '第一主成分方差贡献率（%）', '与所属指数负相关的指标', '异常值处理（个）', '缺失值填补（个）'];
  // First-level indices in the tree's order, then the total (its items are the first-level indices).
  const order = [...ledger.meta.firstLevel, root];
  const rows = order.flatMap((index) => {
    const a = audit.indices.find((x) => x.index === index);
    if (!a) return [];
    const below = indicatorsOf(audit, index, root);
    const negative =
      index === root
        ? '—'
        : audit.indicators
            .filter((i) => i.index === index && i.correlationWithIndex !== null && i.correlationWithIndex < 0)
            .map((i) => i.indicator)
            .join('、') || '无';
    const treated = ledger.dataTreatment.treatments.filter((t) => t.quarter === quarter && below.includes(t.indicator)).reduce((s, t) => s + t.values.length, 0);
    const imputed = ledger.dataTreatment.imputed.filter((c) => c.quarter === quarter && below.includes(c.indicator)).length;
    return [[index, String(a.indicators.length), fixed2(a.cronbachAlpha), percent(a.firstComponentShare), negative, String(treated), String(imputed)]];
  });
  const n = header.length;
  return {
    caption: `${quarterLabel}${root}统计检验`,
    header: [header],
    rows,
    align: header.map((_, i) => (i === 4 ? 'left' : 'center')),
    widths: header.map((_, i) => (i === 4 ? 2 : i === 3 ? 1.4 : 1)).map((w) => w / (n + 1.4)),
    note:
      `注：α系数为克龙巴赫α系数，衡量一个指数所含各指标的内部一致性；第一主成分方差贡献率为各指标标准化得分的第一主成分所解释的方差比例；` +
      `${root}一行以各一级指标为构成项；异常值处理为按JRC规则缩尾或取对数后计分的指标值，缺失值填补为按配置方法填补的缺失单元格，均为${quarterLabel}的个数；检验结果的全部数据见audit.json。`,
  };
}
