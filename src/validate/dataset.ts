import { distance } from 'fastest-levenshtein';
import type { IndexConfig, TreeNode } from '../config/types.js';
import { ProblemList } from '../errors.js';
import { parseQuarter, compareQuarters } from '../quarter.js';
import type { CellValue, RawTable } from '../load/read.js';
import { DistrictRegistry } from './districts.js';

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

/** Numbers as people type them: 1,241 or 12.5% or with spaces. Returns null if not a number. */
export function parseNumber(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v === null) return null;
  const s = v.normalize('NFKC').replace(/[,\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  return Number(s);
}

export function validateTables(tables: RawTable[], config: IndexConfig): Dataset {
  const registry = new DistrictRegistry(config.districts);
  const nodeByLabel = new Map<string, TreeNode>();
  for (const n of config.nodes) for (const label of [n.name, ...n.aliases]) nodeByLabel.set(label, n);
  const problems = new ProblemList();
  const values: Dataset['values'] = new Map();
  const sources: Dataset['sources'] = new Map();
  const faulty = new Set<string>();

  for (const table of tables) {
    const where = { file: table.sheet ? `${table.file} [${table.sheet}]` : table.file };
    let quarterCol = -1;
    let districtCol = -1;
    const nodeCols: { index: number; node: TreeNode; column: string }[] = [];
    const provenance: { file?: number; sheet?: number; row?: number } = {};
    table.headers.forEach((h, i) => {
      const text = h.text.replace(/\s+/g, '');
      const column = `${h.column}（${h.text}）`;
      if (text === PROVENANCE_HEADINGS.file) provenance.file = i;
      else if (text === PROVENANCE_HEADINGS.sheet) provenance.sheet = i;
      else if (text === PROVENANCE_HEADINGS.row) provenance.row = i;
      else if (QUARTER_HEADINGS.includes(text)) quarterCol = i;
      else if (DISTRICT_HEADINGS.includes(text)) districtCol = i;
      else if (IGNORED_HEADINGS.includes(text) || text === '') return;
      else {
        const node = nodeByLabel.get(text);
        if (!node) {
          const near = [...nodeByLabel.keys()].sort((a, b) => distance(text, a) - distance(text, b))[0];
          problems.add({ ...where, row: 1, column, message: `unknown column ${h.text}`, hint: `name an indicator of the tree (closest: ${near}) or add ${h.text} as an alias in the config` });
        } else if (nodeCols.some((c) => c.node === node)) {
          problems.add({ ...where, row: 1, column, message: `column ${h.text} gives ${node.name} a second time`, hint: 'keep one column per indicator' });
        } else nodeCols.push({ index: i, node, column });
      }
    });
    if (quarterCol < 0) problems.add({ ...where, row: 1, message: 'no 季度 column', hint: 'add a column headed 季度 holding e.g. 2018Q3 or 2018年第3季度' });
    if (districtCol < 0) problems.add({ ...where, row: 1, message: 'no 区县 column', hint: 'add a column headed 区县 holding the district names' });
    if (quarterCol < 0 || districtCol < 0) continue;
    const qHead = `${table.headers[quarterCol].column}（${table.headers[quarterCol].text}）`;
    const dHead = `${table.headers[districtCol].column}（${table.headers[districtCol].text}）`;

    for (const { row, cells } of table.rows) {
      const at = { ...where, row };
      const qText = cells[quarterCol];
      const quarter = parseQuarter(qText);
      if (!quarter) {
        problems.add({ ...at, column: qHead, message: qText === null || qText === undefined ? 'the quarter is empty' : `"${qText}" is not a quarter`, hint: 'write the quarter as 2018Q3, 2018-Q3 or 2018年第3季度' });
      }
      const dText = cells[districtCol];
      const district = dText === null || dText === undefined ? undefined : registry.resolve(String(dText));
      if (!district) {
        problems.add(
          dText === null || dText === undefined
            ? { ...at, column: dHead, message: 'the district is empty', hint: 'write one of the 38 district names' }
            : { ...at, column: dHead, message: `unknown district "${dText}"`, hint: `did you mean ${registry.suggest(String(dText)).join(' or ')}? (districts are listed in config/districts.yaml)` },
        );
      }
      const rowValues = new Map<string, number>();
      const before = problems.size;
      for (const { index, node, column } of nodeCols) {
        const cell = cells[index] ?? null;
        const n = parseNumber(cell);
        if (cell === null) problems.add({ ...at, column, message: `${node.name} is empty`, hint: `fill in the value, or leave ${node.name} out of this file to have it computed from its indicators` });
        else if (n === null) problems.add({ ...at, column, message: `${node.name} "${cell}" is not a number`, hint: 'write a plain number such as 1241 or 12.5' });
        else if (node.kind === 'count' && n < 0) problems.add({ ...at, column, message: `${node.name} is a count and cannot be negative (${n})`, hint: 'check the sign of the value' });
        else if (node.kind === 'count' && !Number.isInteger(n)) problems.add({ ...at, column, message: `${node.name} is a count and must be a whole number (${n})`, hint: 'counts have no decimals' });
        else rowValues.set(node.name, n);
      }
      if (!quarter || !district) continue;
      const qValues = values.get(quarter) ?? new Map<string, Map<string, number>>();
      const qSources = sources.get(quarter) ?? new Map<string, SourceRef>();
      values.set(quarter, qValues);
      sources.set(quarter, qSources);
      const earlier = qSources.get(district.name);
      if (earlier) {
        problems.add({ ...at, column: dHead, message: `a second row for ${district.name} in ${quarter} (the first is ${earlier.file}${earlier.sheet ? ` [${earlier.sheet}]` : ''} row ${earlier.row})`, hint: 'keep one row per district and quarter' });
        continue;
      }
      qSources.set(district.name, sourceOf(table, row, cells, provenance));
      qValues.set(district.name, rowValues);
      // A row with a bad cell is already reported; keep it out of the coverage checks below.
      if (problems.size > before) faulty.add(`${quarter}|${district.name}`);
    }
  }

  // Each quarter must cover all districts, and every district must have what the tree needs.
  const quarters = [...values.keys()].sort(compareQuarters);
  for (const q of quarters) {
    const rows = values.get(q)!;
    const missing = config.districts.filter((d) => !rows.has(d.name)).map((d) => d.name);
    const anyFile = [...sources.get(q)!.values()][0];
    if (missing.length)
      problems.add({ file: anyFile.file, message: `${q} has no row for ${missing.length} district${missing.length > 1 ? 's' : ''}: ${missing.join('、')}`, hint: `add a row for each (all ${config.districts.length} districts are needed in every quarter)` });
    const columnsOf = (m: Map<string, number>) => [...m.keys()].sort().join('、');
    const sound = [...rows.entries()].filter(([d]) => !faulty.has(`${q}|${d}`));
    const first = sound[0];
    for (const [district, given] of sound) {
      if (columnsOf(given) !== columnsOf(first[1])) {
        const src = sources.get(q)!.get(district)!;
        problems.add({ file: src.file, row: src.row, message: `${district} ${q} gives other columns (${columnsOf(given)}) than ${first[0]} (${columnsOf(first[1])})`, hint: 'give every district of a quarter the same columns' });
        continue;
      }
      const lacking = missingNodes(config, config.root, given);
      if (lacking.length) {
        const src = sources.get(q)!.get(district)!;
        problems.add({ file: src.file, row: src.row, message: `${district} ${q} lacks ${lacking.join('、')}`, hint: 'give the column, or all the indicators it is computed from' });
      }
    }
  }
  problems.throwIfAny();
  return { quarters, values, sources };
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
