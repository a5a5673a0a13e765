import type { TreeNode } from '../config/types.js';
import { hiddenCharacters, visible } from '../errors.js';
import type { CellValue } from '../load/read.js';

/** What is wrong with a cell, and how to fix it. */
export interface CellProblem {
  message: string;
  hint: string;
  /** Groups the problem with others of its kind in one file and column, for folding. */
  kind: string;
}

const EXCEL_ERRORS = /^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)$/i;
/** A comma separates thousands only in groups of three: 1,241 and 12,345.6, never 32,50 or 1,2,4,1. */
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const SIMPLE = /^-?\d{1,15}(\.\d{1,15})?$/;
const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A number as people type it: 1241, 1,241, 12.5%, full-width digits, spaces around it.
 * Returns the number or what is wrong with the text.
 */
export function readNumber(v: CellValue): number | CellProblem {
  if (typeof v === 'number') return Number.isFinite(v) ? v : { message: `"${v}" 不是有限的数`, hint: '填入一个数值', kind: 'not-a-number' };
  const raw = String(v);
  if (SIMPLE.test(raw)) return Number(raw); // the common case, a million times over in a big file
  const hidden = hiddenCharacters(raw);
  if (hidden.length) return { message: `"${visible(raw)}" 含不可见字符 ${hidden.join('、')}`, hint: '删去这些字符（多半是复制时带入的），重新输入数值', kind: 'hidden-characters' };
  if (EXCEL_ERRORS.test(raw.trim())) return { message: `单元格是 Excel 的错误值 ${raw.trim()}，不是数值`, hint: '在 Excel 中改正该单元格的公式，或直接填入数值', kind: 'excel-error' };
  const s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/%$/, '');
  if (s.includes(',')) {
    if (GROUPED.test(s)) return Number(s.replace(/,/g, ''));
    return {
      message: `"${raw}" 不是数值：逗号只能作千位分隔符（从个位起每三位一组，如 1,241）`,
      hint: /^[-+]?\d+,\d{1,2}$/.test(s) ? `小数点要用"."而不是逗号：写成 ${s.replace(',', '.')}` : '删去多余的逗号，写成一个数，如 1241 或 12.5',
      kind: 'bad-comma',
    };
  }
  if (!PLAIN.test(s)) return { message: `"${raw}" 不是数值`, hint: '填入一个数，如 1241 或 12.5（可带千位分隔符 1,241 或百分号 12.5%）', kind: 'not-a-number' };
  return Number(s);
}

/** Tolerance when a given score is checked against the sum of its given parts: each part is rounded to 2 decimals. */
export function sumTolerance(parts: number): number {
  return Math.round(0.5 * (parts + 1)) / 100;
}

/** What makes a number impossible for its node, regardless of other values. */
export function impossibleValue(node: TreeNode, n: number): CellProblem | null {
  const fmt = (x: number) => String(+x.toFixed(6));
  if (node.children.length > 0) {
    if (n < 0 || n > node.points + 1e-9)
      return {
        message: `${node.name}为${fmt(n)}分，超出可能的范围0—${fmt(node.points)}分`,
        hint: `按 config/index.yaml 的指标体系，${node.name}满分${fmt(node.points)}分；检查该值是否录错，或是否用了另一种分制（如百分制）`,
        kind: `out-of-range:${node.name}`,
      };
    return null;
  }
  if (node.kind === 'count' && n < 0) return { message: `${node.name}是计数，不能为负数（${fmt(n)}）`, hint: '检查该值的正负号', kind: `negative:${node.name}` };
  if (node.kind === 'count' && !Number.isInteger(n)) return { message: `${node.name}是计数，必须是整数（${fmt(n)}）`, hint: '计数没有小数；检查是否错填了别的指标', kind: `fraction:${node.name}` };
  if (node.kind === 'rate' && n < -100)
    return {
      message: `${node.name}为${fmt(n)}%，低于−100%：下降不可能超过100%`,
      hint: '下降100%即降为零；检查该值，以及是否以%为单位填写（12.5% 写作 12.5）',
      kind: `below-minus-100:${node.name}`,
    };
  return null;
}
