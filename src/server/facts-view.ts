/**
 * The report's text with the fact behind each number and district name, for the
 * 报告 page's links: the spans the narrative carries (which fact of the ledger a
 * number printed by a template is) and the districts the ledger lists, each
 * explained as an editor asks it — which index, which district and quarter, what
 * measure, how it is computed, and the data file and row it came from.
 */
import type { Ledger } from '../facts/types.js';
import type { Narrative } from '../narrative/index.js';
import type { FactSpan } from '../narrative/provenance.js';

import type { FactCard, LinkedBlock, LinkedSpan } from './api-types.js';

export type { FactCard, LinkedSpan, LinkedBlock } from './api-types.js';

const MEASURES: Record<string, [string, string]> = {
  score: ['指数得分', '由下级指标标准化后按权重加总，保留两位小数'],
  value: ['指标数值', '数据表中的原始数值'],
  rank: ['排名', '按得分从高到低排序，得分相同者并列（取较好的名次）'],
  diff: ['变化量', '本季度得分（数值）减上季度，按印出的两位小数计算'],
  pct: ['变化率', '（本季度 − 上季度）÷ 上季度 × 100%，按印出的得分计算'],
  share: ['占全市比重', '该区县数值 ÷ 38个区县合计 × 100%'],
  mean: ['全市平均', '38个区县得分的算术平均'],
  meanPct: ['平均变化率', '38个区县各自变化率的算术平均'],
  aboveMean: ['高于平均的区县数', '变化率高于全市平均变化率的区县个数'],
  rose: ['上升的区县数', '得分比上季度高的区县个数'],
  fell: ['下降的区县数', '得分比上季度低的区县个数'],
  same: ['持平的区县数', '得分与上季度相同的区县个数'],
  count: ['个数', '符合条件的区县个数'],
  tierCount: ['该类区县数', '双创指数得分落在该类分数段内的区县个数'],
  districtCount: ['区县总数', '参与评价的区县个数'],
  runs: ['模拟次数', '排名稳健性随机模拟的次数（robustness.runs）'],
  rankLow: ['模拟排名区间下限', '各次模拟中该区县排名的第5百分位'],
  rankHigh: ['模拟排名区间上限', '各次模拟中该区县排名的第95百分位'],
  narrowCount: ['排名区间较窄的区县数', '5%—95%排名区间跨度不超过 robustness.narrowSpan 位的区县个数'],
  narrowWithin: ['区间跨度阈值', '配置项 robustness.narrowSpan'],
};

const source = (s: { file: string; sheet?: string; row: number } | undefined) => (s ? `${s.file}${s.sheet ? ` 工作表“${s.sheet}”` : ''} 第${s.row}行` : '—');

function numberCard(ref: FactSpan['ref'], ledger: Ledger): FactCard {
  const [name, how] = MEASURES[ref.measure] ?? [ref.measure, '见事实台账 facts.json'];
  const rows: [string, string][] = [
    ['指标', ref.target],
    ['季度', ref.from ? `${ref.from} → ${ref.quarter}` : ref.quarter],
  ];
  if (ref.district) rows.push(['区县', ref.district]);
  else if (ref.districts?.length) rows.push(['区县', ref.districts.join('、')]);
  rows.push(['度量', name], ['台账中的值', String(ref.value)], ['计算方法', how]);
  const row = ref.district ? ledger.districts.find((d) => d.district === ref.district) : undefined;
  if (row) {
    rows.push(['数据来源', source(row.source)]);
    if (ref.from && row.previousSource) rows.push(['上季度数据来源', source(row.previousSource)]);
  } else rows.push(['数据来源', `全市38个区县的数据（${ledger.meta.normalisation} 标准化，${ledger.meta.aggregation} 加总）`]);
  return { title: `${ref.district ?? '全市'} · ${ref.target} · ${name}`, rows };
}

function districtCard(d: Ledger['districts'][number], ledger: Ledger): FactCard {
  const rows: [string, string][] = [
    ['季度', ledger.meta.quarter],
    ['类别', d.tier ?? '未计算'],
  ];
  for (const [node, s] of Object.entries(d.scores)) rows.push([node, `${s.score.toFixed(2)}，第${s.rank}位${s.previousRank !== undefined ? `（上季度第${s.previousRank}位）` : ''}`]);
  rows.push(['数据来源', source(d.source)]);
  if (d.previousSource) rows.push(['上季度数据来源', source(d.previousSource)]);
  return { title: `${d.district}（区县代码 ${d.code}）`, rows };
}

/** The narrative's blocks with their links: numbers by their spans, then district names not inside a number's span. */
export function linkedBlocks(narrative: Narrative, ledger: Ledger): LinkedBlock[] {
  const names = ledger.districts.map((d) => d.district).sort((a, b) => b.length - a.length);
  const pattern = names.length ? new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
  return narrative.sections.map((b): LinkedBlock => {
    if (b.type === 'heading') return b;
    const links: LinkedSpan[] = b.spans.map((s) => ({ start: s.start, end: s.end, kind: 'number' as const, fact: numberCard(s.ref, ledger) }));
    const taken = (a: number, z: number) => links.some((l) => a < l.end && z > l.start);
    for (const m of pattern ? b.text.matchAll(pattern) : []) {
      const start = m.index!;
      const end = start + m[0].length;
      if (taken(start, end)) continue;
      links.push({ start, end, kind: 'district', fact: districtCard(ledger.districts.find((d) => d.district === m[0])!, ledger) });
    }
    links.sort((x, y) => x.start - y.start);
    return { type: 'paragraph', text: b.text, links };
  });
}
