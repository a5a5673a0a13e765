import { distance } from 'fastest-levenshtein';
import type { IndexConfig, TreeNode } from '../config/types.js';
import { ProblemList, hiddenCharacters, visible } from '../errors.js';
import { parseQuarter, compareQuarters, quarterLabels } from '../quarter.js';
import { columnLetter, type CellValue, type RawTable } from '../load/read.js';
import { DistrictRegistry } from './districts.js';
import { impossibleValue, readNumber, sumTolerance } from './numbers.js';
import { fillMethod, imputeMissing, isMissingMarker, type ImputedCell, type MissingCell, type UncomputedCell } from './missing.js';

/** Where a value came from: enough for a reader to find the cell. */
export interface SourceRef {
  file: string;
  sheet?: string;
  row: number;
}

/** The validated data: for each quarter and district, the value of every node that the data gives. */
export interface Dataset {
  quarters: string[];
  /** quarter → district name → node name → value */
  values: Map<string, Map<string, Map<string, number>>>;
  /** quarter → district name → the row it came from */
  sources: Map<string, Map<string, SourceRef>>;
  /** quarter → district name → the file, row and columns as messages name them (absent in hand-made data sets). */
  origins?: Map<string, Map<string, CellOrigin>>;
  /** Cells missing in the data and filled as the tree says (src/validate/missing.ts); their values are in `values`. */
  imputed?: ImputedCell[];
  /** Cells missing in the data that the tree leaves uncomputed (missing: uncomputed); `values` holds NaN for them. */
  uncomputed?: UncomputedCell[];
}

const QUARTER_HEADINGS = ['季度', '时间', '统计季度', '期间', 'quarter'];
const DISTRICT_HEADINGS = ['区县', '区县名称', '地区', '行政区', 'district'];
/** Columns that identify a row and carry no indicator: accepted and left alone. */
const IGNORED_HEADINGS = ['区县代码', '行政区划代码', '代码', '序号', '备注'];
/**
 * Provenance columns, written by the archive's input snapshot: they carry the original
 * file, sheet and row through a rebuild, so a rebuilt facts.json cites the same sources.
 */
const PROVENANCE_HEADINGS = { file: '来源文件', sheet: '来源工作表', row: '来源行' } as const;

/** Where each value of the data set stands in the user's files, for messages of later stages. */
export interface CellOrigin {
  /** The file as messages show it, with the sheet: data/2018.xlsx [Sheet1]. */
  file: string;
  row: number;
  /** node → column letter and heading, e.g. C（新注册企业数） */
  columns: Map<string, string>;
}

interface Context {
  config: IndexConfig;
  registry: DistrictRegistry;
  nodeByLabel: Map<string, TreeNode>;
  problems: ProblemList;
  values: Dataset['values'];
  sources: Dataset['sources'];
  origins: NonNullable<Dataset['origins']>;
  /** quarter|district of rows with a bad cell: already reported, kept out of the coverage checks. */
  faulty: Set<string>;
  /** A heading could not be read: the coverage checks would only repeat it under every row. */
  headingTrouble: boolean;
  /** quarter → rows whose district was not recognised (they explain as many missing districts). */
  unresolved: Map<string, number>;
  /** Gaps the tree says how to fill, imputed once every row is read. */
  missingCells: MissingCell[];
}

interface Layout {
  where: { file: string };
  quarterCol: number;
  districtCol: number;
  qHead: string;
  dHead: string;
  nodeCols: { index: number; node: TreeNode; column: string }[];
  provenance: { file?: number; sheet?: number; row?: number };
}

const headingOf = (h: { text: string; column: string }) => `${h.column}（${h.text}）`;
const squeeze = (text: string) => text.replace(/\s+/g, '');

export function validateTables(tables: RawTable[], config: IndexConfig): Dataset {
  const nodeByLabel = new Map<string, TreeNode>();
  for (const n of config.nodes) for (const label of [n.name, ...n.aliases]) nodeByLabel.set(label, n);
  const ctx: Context = {
    config,
    registry: new DistrictRegistry(config.districts),
    nodeByLabel,
    problems: new ProblemList(),
    values: new Map(),
    sources: new Map(),
    origins: new Map(),
    faulty: new Set(),
    headingTrouble: false,
    unresolved: new Map(),
    missingCells: [],
  };
  for (const table of tables) {
    const layout = readHeadings(ctx, table);
    if (!layout) continue;
    checkUnheadedCells(ctx, table, layout.where);
    for (const row of table.rows) validateRow(ctx, table, layout, row);
  }
  const { imputed, uncomputed } = imputeMissing(config, ctx.values, ctx.missingCells, ctx.problems, ctx.faulty);
  const quarters = [...ctx.values.keys()].sort(compareQuarters);
  if (!ctx.headingTrouble) for (const q of quarters) checkCoverage(ctx, q);
  ctx.problems.throwIfAny();
  return { quarters, values: ctx.values, sources: ctx.sources, origins: ctx.origins, ...(imputed.length ? { imputed } : {}), ...(uncomputed.length ? { uncomputed } : {}) };
}

/** Maps the headings to the quarter, the district and the tree's nodes; null when the table cannot be read. */
function readHeadings(ctx: Context, table: RawTable): Layout | null {
  const where = { file: table.sheet ? `${table.file} [${table.sheet}]` : table.file };
  const row = table.headerRow;
  const isHeadingRow = (cells: CellValue[]) => cells.some((c) => QUARTER_HEADINGS.includes(squeeze(String(c ?? '')))) && cells.some((c) => DISTRICT_HEADINGS.includes(squeeze(String(c ?? ''))));
  const found = isHeadingRow(table.headers.map((h) => h.text)) ? undefined : table.rows.slice(0, 10).find((r) => isHeadingRow(r.cells));
  if (found) {
    ctx.headingTrouble = true;
    ctx.problems.add({ ...where, row: found.row, message: `表头应在第${row}行，实际在第${found.row}行`, hint: `删去表头上方的第${row}—${found.row - 1}行（表格标题可写在工作表名中），使季度、区县等表头位于第${row}行` });
    return null;
  }
  let quarterCol = -1;
  let districtCol = -1;
  const nodeCols: Layout['nodeCols'] = [];
  const provenance: Layout['provenance'] = {};
  table.headers.forEach((h, i) => {
    const text = squeeze(h.text);
    const column = headingOf(h);
    if (text === PROVENANCE_HEADINGS.file) provenance.file = i;
    else if (text === PROVENANCE_HEADINGS.sheet) provenance.sheet = i;
    else if (text === PROVENANCE_HEADINGS.row) provenance.row = i;
    else if (QUARTER_HEADINGS.includes(text)) quarterCol = i;
    else if (DISTRICT_HEADINGS.includes(text)) districtCol = i;
    else if (IGNORED_HEADINGS.includes(text) || text === '') return;
    else {
      const { node, unitProblem } = nodeOfHeading(ctx, text);
      if (!node || unitProblem) {
        ctx.headingTrouble = true;
        ctx.problems.add({ ...where, row, column, ...(unitProblem ?? unknownHeading(ctx, h.text)) });
      } else if (nodeCols.some((c) => c.node === node)) {
        ctx.headingTrouble = true;
        ctx.problems.add({ ...where, row, column, message: `列"${h.text}"再次给出了${node.name}（已在列 ${nodeCols.find((c) => c.node === node)!.column}）`, hint: '每个指标只保留一列' });
      } else nodeCols.push({ index: i, node, column });
    }
  });
  if (quarterCol < 0 || districtCol < 0) {
    ctx.headingTrouble = true;
    if (quarterCol < 0) ctx.problems.add({ ...where, row, message: '没有"季度"列', hint: `在第${row}行加一列，表头写"季度"，下面填 2018Q3 或 2018年第3季度 等` });
    if (districtCol < 0) ctx.problems.add({ ...where, row, message: '没有"区县"列', hint: `在第${row}行加一列，表头写"区县"，下面填区县名称` });
    return null;
  }
  return { where, quarterCol, districtCol, qHead: headingOf(table.headers[quarterCol]), dHead: headingOf(table.headers[districtCol]), nodeCols, provenance };
}

/**
 * The node a heading names: its name or an alias, optionally with its unit in brackets
 * (新注册企业数（家）, 创业投资额(亿元)). A different unit is a problem, not a value to rescale.
 */
function nodeOfHeading(ctx: Context, text: string): { node?: TreeNode; unitProblem?: { message: string; hint: string } } {
  const exact = ctx.nodeByLabel.get(text);
  if (exact) return { node: exact };
  const m = /^(.+?)[（(]([^（()）]*)[）)]$/.exec(text);
  const node = m ? ctx.nodeByLabel.get(m[1]) : undefined;
  if (!m || !node) return {};
  if (m[2] === node.unit) return { node };
  return {
    unitProblem: {
      message: `列"${text}"的单位"${m[2]}"与指标体系中${node.name}的单位"${node.unit || '（无）'}"不同`,
      hint: `把数值换算为${node.unit || '指标体系所用的单位'}后填入，表头写"${node.name}"${node.unit ? `或"${node.name}（${node.unit}）"` : ''}；若单位确应改变，修改 config/index.yaml 中${node.name}的 unit 和 bounds`,
    },
  };
}

function unknownHeading(ctx: Context, heading: string): { message: string; hint: string } {
  const hidden = hiddenCharacters(heading);
  if (hidden.length) return { message: `表头"${visible(heading)}"含不可见字符 ${hidden.join('、')}`, hint: '删去这些字符（多半是复制时带入的），重新输入表头' };
  const text = squeeze(heading);
  const near = [...ctx.nodeByLabel.keys(), QUARTER_HEADINGS[0], DISTRICT_HEADINGS[0]].sort((a, b) => distance(text, a) - distance(text, b))[0];
  return {
    message: `无法识别的列"${heading}"（该列未读取，因此引起的各行缺少指标等问题未列出）`,
    hint: `表头应是指标体系中的指标名称（最接近的是"${near}"），或在 config/index.yaml 中把"${heading}"添加为该指标的别名（aliases）`,
  };
}

/** Values in a column without a heading, or beyond the last heading, are an error rather than silently dropped. */
function checkUnheadedCells(ctx: Context, table: RawTable, where: { file: string }): void {
  const byColumn = new Map<number, number[]>();
  for (const { row, cells } of table.rows)
    cells.forEach((c, i) => {
      if (c !== null && (i >= table.headers.length || table.headers[i].text === '')) byColumn.set(i, [...(byColumn.get(i) ?? []), row]);
    });
  const last = [...table.headers].reverse().find((h) => h.text !== '');
  for (const [i, rows] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    const letter = columnLetter(i);
    const which = `第${rows.slice(0, 3).join('、')}行${rows.length > 3 ? `等${rows.length}行` : ''}`;
    ctx.problems.add({
      ...where,
      row: rows[0],
      column: letter,
      message: i >= table.headers.length && last ? `列 ${letter} 在最后一个表头（列 ${headingOf(last)}）之后，但${which}有数值` : `列 ${letter} 没有表头，但${which}有数值`,
      hint: `在第${table.headerRow}行给列 ${letter} 写上指标名称，或删去这些数值；CSV 中未加引号的 1,241 也会被逗号拆成两列，请写成 1241 或 "1,241"`,
    });
  }
}

function validateRow(ctx: Context, table: RawTable, layout: Layout, { row, cells }: RawTable['rows'][number]): void {
  const { problems } = ctx;
  const at = { ...layout.where, row };
  const qText = cells[layout.quarterCol] ?? null;
  const quarter = parseQuarter(qText);
  if (!quarter) problems.add({ ...at, column: layout.qHead, kind: 'bad-quarter', message: qText === null ? '季度为空' : `"${visible(String(qText))}"不是季度`, hint: '季度写成 2018Q3、2018-Q3 或 2018年第3季度' });
  const dText = cells[layout.districtCol] ?? null;
  const district = dText === null ? undefined : ctx.registry.resolve(String(dText));
  if (!district) {
    problems.add({ ...at, column: layout.dHead, kind: 'bad-district', ...districtProblem(ctx, dText) });
    if (quarter) ctx.unresolved.set(quarter, (ctx.unresolved.get(quarter) ?? 0) + 1);
  }
  const before = problems.size;
  if (!quarter || !district) {
    readRowValues(ctx, layout, cells, at);
    return;
  }
  const qValues = ctx.values.get(quarter) ?? new Map<string, Map<string, number>>();
  const qSources = ctx.sources.get(quarter) ?? new Map<string, SourceRef>();
  const qOrigins = ctx.origins.get(quarter) ?? new Map<string, CellOrigin>();
  ctx.values.set(quarter, qValues);
  ctx.sources.set(quarter, qSources);
  ctx.origins.set(quarter, qOrigins);
  const earlier = qOrigins.get(district.name);
  if (earlier) {
    problems.add({
      ...at,
      column: layout.dHead,
      kind: `duplicate-of:${earlier.file}`,
      message: `${district.name}${quarterLabels(quarter).label}的数据出现第二次（第一次在 ${earlier.file} 第${earlier.row}行）`,
      hint: '每个区县每个季度只保留一行；整个文件重复时，删去其中一个文件',
    });
    return; // its cells are not read: a duplicated file's rows are one problem each, not twelve
  }
  const rowMissing: { node: TreeNode; column: string }[] = [];
  const rowValues = readRowValues(ctx, layout, cells, at, rowMissing);
  qSources.set(district.name, sourceOf(table, row, cells, layout.provenance));
  for (const m of rowMissing) ctx.missingCells.push({ quarter, district: district.name, node: m.node, column: m.column, source: qSources.get(district.name)!, shownFile: layout.where.file });
  qOrigins.set(district.name, { file: layout.where.file, row, columns: new Map(layout.nodeCols.map((c) => [c.node.name, c.column])) });
  qValues.set(district.name, rowValues);
  if (problems.size > before) ctx.faulty.add(`${quarter}|${district.name}`);
}

function districtProblem(ctx: Context, dText: CellValue): { message: string; hint: string } {
  if (dText === null) return { message: '区县为空', hint: `填入${ctx.config.districts.length}个区县之一的名称` };
  const text = String(dText);
  const hidden = hiddenCharacters(text);
  if (hidden.length) return { message: `区县"${visible(text)}"含不可见字符 ${hidden.join('、')}`, hint: '删去这些字符（多半是从网页或文档复制时带入的），重新输入区县名' };
  return { message: `未知的区县"${text}"`, hint: `是否应为 ${ctx.registry.suggest(text).join(' 或 ')}？（区县名录见 config/districts.yaml）` };
}

/** The row's numbers by node; every bad cell is a problem at its column. */
function readRowValues(ctx: Context, layout: Layout, cells: CellValue[], at: { file: string; row: number }, missing?: { node: TreeNode; column: string }[]): Map<string, number> {
  const rowValues = new Map<string, number>();
  for (const { index, node, column } of layout.nodeCols) {
    const cell = cells[index] ?? null;
    // A gap the tree says how to fill (src/validate/missing.ts) is imputed once every row is read.
    if (missing && isMissingMarker(cell) && fillMethod(ctx.config, node) !== 'none') {
      missing.push({ node, column });
      continue;
    }
    if (cell === null) {
      ctx.problems.add({ ...at, column, kind: `empty@${column}`, message: `${node.name}为空`, hint: `填入数值；或把${node.name}这一列整个删去，由它的下级指标计算` });
      continue;
    }
    const n = readNumber(cell);
    const bad = typeof n === 'number' ? impossibleValue(node, n) : n;
    if (bad) ctx.problems.add({ ...at, column, message: bad.message, hint: bad.hint, kind: `${bad.kind}@${column}` });
    else rowValues.set(node.name, n as number);
  }
  checkSums(ctx, layout, rowValues, at);
  return rowValues;
}

/** A given score must be the sum of its given sub-scores (arithmetic aggregation), up to their rounding. */
function checkSums(ctx: Context, layout: Layout, rowValues: Map<string, number>, at: { file: string; row: number }): void {
  if (ctx.config.aggregation !== 'arithmetic') return;
  for (const { node, column } of layout.nodeCols) {
    const total = rowValues.get(node.name);
    const parts = node.children.map((c) => ({ name: c, value: rowValues.get(c), leaf: ctx.config.nodes.find((n) => n.name === c)!.children.length === 0 }));
    if (total === undefined || parts.length === 0 || parts.some((p) => p.value === undefined || p.leaf)) continue;
    const sum = parts.reduce((s, p) => s + p.value!, 0);
    const tolerance = sumTolerance(parts.length);
    if (Math.abs(total - sum) <= tolerance + 1e-9) continue;
    ctx.problems.add({
      ...at,
      column,
      kind: `sum@${column}`,
      message: `${node.name}${total}不等于${parts.map((p) => p.name).join('、')}之和（${parts.map((p) => p.value).join(' + ')} = ${+sum.toFixed(6)}），相差${+Math.abs(total - sum).toFixed(6)}分`,
      hint: `${node.name}应是各分项之和，允许的舍入误差为${tolerance}分（各分项四舍五入到两位小数所致）；检查总分和各分项是否录错或错行`,
    });
  }
}

/** Each quarter must cover all districts, and every district must have what the tree needs. */
function checkCoverage(ctx: Context, q: string): void {
  const { config, problems } = ctx;
  const label = quarterLabels(q).label;
  const rows = ctx.values.get(q)!;
  const missing = config.districts.filter((d) => !rows.has(d.name)).map((d) => d.name);
  const origins = ctx.origins.get(q)!;
  if (missing.length > (ctx.unresolved.get(q) ?? 0))
    problems.add({ file: [...origins.values()][0].file, message: `${label}缺少${missing.length}个区县的数据：${missing.join('、')}`, hint: `为每个缺少的区县补上一行（每个季度需要全部${config.districts.length}个区县）` });
  const columnsOf = (m: Map<string, number>) => [...m.keys()].sort().join('、');
  const sound = [...rows.entries()].filter(([d]) => !ctx.faulty.has(`${q}|${d}`));
  const first = sound[0];
  for (const [district, given] of sound) {
    const src = origins.get(district)!;
    if (columnsOf(given) !== columnsOf(first[1])) {
      problems.add({ file: src.file, row: src.row, kind: `columns:${q}`, message: `${district}${label}给出的指标（${columnsOf(given)}）与${first[0]}（${columnsOf(first[1])}）不同`, hint: '同一季度的各区县应给出相同的指标列' });
      continue;
    }
    const lacking = missingNodes(config, config.root, given);
    if (lacking.length) problems.add({ file: src.file, row: src.row, kind: `lacks:${q}`, message: `${district}${label}缺少${lacking.join('、')}`, hint: '给出该列，或给出计算它所需的全部下级指标' });
  }
}

function sourceOf(table: RawTable, row: number, cells: CellValue[], p: { file?: number; sheet?: number; row?: number }): SourceRef {
  if (p.file !== undefined && p.row !== undefined && cells[p.file] != null) {
    const sheet = p.sheet !== undefined ? cells[p.sheet] : null;
    return { file: String(cells[p.file]), ...(sheet != null ? { sheet: String(sheet) } : {}), row: Number(cells[p.row]) };
  }
  return { file: table.name, ...(table.sheet ? { sheet: table.sheet } : {}), row };
}

/** Nodes that are neither given nor computable from given children (reported at the highest level). */
function missingNodes(config: IndexConfig, name: string, given: Map<string, number>): string[] {
  if (given.has(name)) return [];
  const node = config.nodes.find((n) => n.name === name)!;
  if (node.children.length === 0) return [name];
  const below = node.children.flatMap((c) => missingNodes(config, c, given));
  return below.length === node.children.length ? [name] : below;
}
