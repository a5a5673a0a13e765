/**
 * How the report and the command state the imputed cells (one home for the
 * wording): 注：城口县2018年第3季度众创空间数缺失，以上季度数据代替。
 */
import { previousQuarter, quarterLabels } from '../quarter.js';
import type { ImputedCell, Ledger } from './types.js';

function how(c: ImputedCell): string {
  switch (c.method) {
    case 'carry-forward':
      return c.from[0] === previousQuarter(c.quarter) ? '以上季度数据代替' : '以此前最近一期数据代替';
    case 'interpolate':
      return '以前后季度数据插值代替';
    case 'mean':
      return '以其他区县平均值代替';
    default:
      return '以其他区县中位数代替';
  }
}

/** The cells the report's text may name: those of the reported and the previous quarter (and the year-ago one when the 同比 paragraph is written). */
function stated(ledger: Ledger): ImputedCell[] {
  const quarters = [ledger.meta.quarter, ledger.meta.previous, ledger.meta.yearOnYearParagraph ? ledger.meta.yearAgo : null];
  return (ledger.dataTreatment?.imputed ?? []).filter((c) => quarters.includes(c.quarter));
}

/** One clause per imputed cell, for the 注 under the appendix table (without 注： and the full stop). */
export function imputationNotes(ledger: Ledger): string[] {
  return stated(ledger).map((c) => `${c.district}${quarterLabels(c.quarter).label}${c.indicator}缺失，${how(c)}`);
}

/** One line per imputed cell for the command's output: where it is, how it was filled, the value used; then the cells left uncomputed. */
export function imputationLines(ledger: Ledger): string[] {
  return [
    ...(ledger.dataTreatment?.imputed ?? []).map((c) => `缺失值已填补：${c.source.file}${c.source.sheet ? ` [${c.source.sheet}]` : ''} 第${c.source.row}行 ${c.district} ${quarterLabels(c.quarter).label} ${c.indicator} = ${c.value}（${how(c)}）`),
    ...uncomputedLines(ledger),
  ];
}

/**
 * One clause per cell left uncomputed in the reported quarter, for the 注 under the appendix table:
 * 城口县2018年第3季度众创空间数缺失，双创环境和双创指数未计算，不参与排名.
 */
export function uncomputedNotes(ledger: Ledger): string[] {
  return (ledger.dataTreatment?.uncomputed ?? [])
    .filter((c) => c.quarter === ledger.meta.quarter)
    .map((c) => `${c.district}${quarterLabels(c.quarter).label}${c.indicator}缺失，${joinNames(c.nodes.filter((n) => n === ledger.meta.root || ledger.meta.firstLevel.includes(n)))}未计算，不参与排名`);
}

/** Uncomputed cells for the command's output. */
function uncomputedLines(ledger: Ledger): string[] {
  return (ledger.dataTreatment?.uncomputed ?? []).map(
    (c) => `缺失值未填补：${c.source.file}${c.source.sheet ? ` [${c.source.sheet}]` : ''} 第${c.source.row}行 ${c.district} ${quarterLabels(c.quarter).label} ${c.indicator}（${c.nodes.join('、')}未计算）`,
  );
}

const joinNames = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}和${names[names.length - 1]}`);
