import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { InputError, type InputProblem } from '../errors.js';
import { displayPath } from '../files.js';

export type CellValue = string | number | null;

/** One sheet or CSV file as read, before any meaning is given to it. */
export interface RawTable {
  /** The path as messages show it (relative to the working folder). */
  file: string;
  /** The file's name within the data set (relative to the --data folder): what provenance records, independent of where the tool runs. */
  name: string;
  sheet?: string;
  headers: { text: string; column: string }[];
  /** The row holding the headings (1 unless title rows stand above them). */
  headerRow: number;
  /** Spreadsheet row number (header is the first non-empty row) and the cells under each header. */
  rows: { row: number; cells: CellValue[] }[];
}

export function columnLetter(index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

const TABLE_EXTENSIONS = new Set(['.csv', '.txt', '.xlsx', '.xlsm']);

/** A file, or every table file of a folder (sorted by name, so the order is stable). */
export function listDataFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError([{ file: displayPath(path), message: '文件或文件夹不存在', hint: '用 --data 指定一个 CSV 或 XLSX 文件，或存放这些文件的文件夹' }]);
  }
  if (!st.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => TABLE_EXTENSIONS.has(extname(f).toLowerCase()) && !f.startsWith('~$') && !f.startsWith('.'))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0) throw new InputError([{ file: displayPath(path), message: '文件夹中没有 .csv 或 .xlsx 文件', hint: '把各季度的数据表放进这个文件夹' }]);
  return files;
}

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
 * otherwise GB18030, a superset of GBK/GB2312, which Excel on Chinese Windows writes.
 * UTF-8 is tried strictly first: GBK bytes of Chinese text are almost never valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  }
}

function readCsv(file: string, shown: string, name: string): RawTable {
  let decoded;
  try {
    decoded = decodeText(readFileSync(file));
  } catch {
    throw new InputError([{ file: shown, message: '文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本', hint: '在 Excel 中另存为"CSV UTF-8（逗号分隔）"或工作簿（.xlsx）' }]);
  }
  // Any mix of CRLF, LF and lone CR (files pasted together from Windows and Mac) reads as one.
  const text = decoded.text.replace(/\r\n?/g, '\n');
  const lines = countLines(text);
  if (lines > MAX_DATA_ROWS + 1)
    throw new InputError([
      {
        file: shown,
        message: `文件有${lines.toLocaleString('en-US')}行，超过了数据文件的上限${MAX_DATA_ROWS.toLocaleString('en-US')}行`,
        hint: '每个季度每个区县只需一行；检查文件中是否误粘贴了大量重复或无关的行，删去后再运行',
      },
    ]);
  const firstLine = text.split('\n', 1)[0] ?? '';
  const delimiter = ['\t', ';', ','].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  let rows: RawRow[];
  try {
    // Each record becomes its compact row at once (no parser info kept): a file of a million rows stays small.
    const options = {
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      on_record: (record: string[], context: { lines: number }) => (record.some((c) => c !== '') ? { row: context.lines, cells: record.map((c) => (c === '' ? null : c)) } : null),
    };
    rows = parseCsv(text, options as never) as unknown as RawRow[];
  } catch (e) {
    const err = e as { lines?: number; code?: string };
    throw new InputError([{ file: shown, row: err.lines, message: `CSV 格式有误，无法读取（${err.code ?? '解析失败'}）`, hint: '检查引号：含逗号的单元格要用英文双引号括起来，引号要成对' }]);
  }
  return tableOf(shown, name, undefined, rows);
}

/**
 * Rows a data file may hold: 38 districts a quarter need far fewer (200,000 rows are
 * 5,000 years of quarters). A larger file is refused before it is parsed, so that a
 * paste gone wrong (a million duplicate rows) costs a second, not gigabytes.
 */
export const MAX_DATA_ROWS = 200_000;

function countLines(text: string): number {
  let n = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

interface RawRow {
  row: number;
  cells: CellValue[];
}

/**
 * Splits a sheet's rows into headings and data. Title rows above the headings (one text,
 * often merged across the columns: 2018年第三季度各区县双创指标) are skipped, so the
 * headings are the first row holding more than one distinct value.
 */
function tableOf(shown: string, name: string, sheet: string | undefined, rows: RawRow[]): RawTable {
  if (rows.length === 0) throw new InputError([{ file: shown, message: '文件是空的', hint: '第一行应是表头：季度、区县、各指标名称' }]);
  let head = 0;
  const distinct = (r: RawRow) => new Set(r.cells.filter((c) => c !== null)).size;
  while (head < rows.length - 1 && head < MAX_TITLE_ROWS && distinct(rows[head]) <= 1 && distinct(rows[head + 1]) > 1) head++;
  const headers = rows[head].cells.map((c, i) => ({ text: c === null ? '' : String(c).trim(), column: columnLetter(i) }));
  return { file: shown, name, ...(sheet !== undefined ? { sheet } : {}), headers, headerRow: rows[head].row, rows: rows.slice(head + 1) };
}

/** Title rows skipped above the headings at most; more is not a title but a misplaced table. */
const MAX_TITLE_ROWS = 3;

/** A cell whose formula Excel has not computed (the file was written by a program, not saved in Excel). */
interface UncomputedFormula {
  formula: string;
}

/** A cell's value; percent-formatted numbers (0.00%, stored 0.1499) as the sheet shows them (14.99). */
function cellValue(v: ExcelJS.CellValue, numFmt: string | undefined): CellValue | UncomputedFormula {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return numFmt && isPercentFormat(numFmt) ? Number((v * 100).toPrecision(15)) : v;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v && v.result !== undefined && v.result !== null) return cellValue(v.result as ExcelJS.CellValue, numFmt);
    if ('formula' in v || 'sharedFormula' in v) return { formula: String((v as ExcelJS.CellFormulaValue).formula ?? (v as ExcelJS.CellSharedFormulaValue).sharedFormula) };
    if ('richText' in v)
      return (
        (v as ExcelJS.CellRichTextValue).richText
          .map((t) => t.text)
          .join('')
          .trim() || null
      );
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return `#${String((v as ExcelJS.CellErrorValue).error).replace(/^#/, '')}`;
  }
  return String(v);
}

/** A number format that shows the value × 100 with a % sign (0%, 0.00%, #,##0.0%); a quoted or escaped % is literal text. */
export function isPercentFormat(numFmt: string): boolean {
  return /%/.test(numFmt.replace(/"[^"]*"|\\./g, ''));
}

async function readXlsx(file: string, shown: string, name: string): Promise<{ tables: RawTable[]; problems: InputProblem[] }> {
  const bytes = readFileSync(file);
  // An encrypted workbook is an OLE compound file, not a zip: say so instead of a zip error.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new InputError([{ file: shown, message: '工作簿设有密码保护（或是旧的 .xls 文件），无法读取', hint: '在 Excel 中打开，取消密码（文件 → 信息 → 保护工作簿）后另存为 .xlsx' }]);
  // Loaded only when a workbook is read: exceljs and its dependencies take ~0.15 s to
  // load, paid otherwise by every run on CSV data and every batch worker.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new InputError([{ file: shown, message: '不是可读取的 .xlsx 工作簿（文件已损坏，或并非 Excel 文件）', hint: '在 Excel 中打开后重新另存为 .xlsx' }]);
  }
  const tables: RawTable[] = [];
  const problems: InputProblem[] = [];
  wb.eachSheet((ws) => {
    if (ws.actualRowCount > MAX_DATA_ROWS + 1) {
      problems.push({
        file: `${shown} [${ws.name}]`,
        message: `工作表有${ws.actualRowCount.toLocaleString('en-US')}行，超过了数据表的上限${MAX_DATA_ROWS.toLocaleString('en-US')}行`,
        hint: '每个季度每个区县只需一行；检查是否误粘贴了大量重复或无关的行，删去后再运行',
      });
      return;
    }
    const rows: RawRow[] = [];
    const formulas: { row: number; index: number; formula: string }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const v = cellValue(cell.value, cell.numFmt);
        while (cells.length < col - 1) cells.push(null);
        if (v !== null && typeof v === 'object') {
          formulas.push({ row: rowNumber, index: col - 1, formula: v.formula });
          cells.push(null);
        } else cells.push(v);
      });
      if (cells.some((c) => c !== null) || formulas.some((f) => f.row === rowNumber)) rows.push({ row: rowNumber, cells });
    });
    if (rows.length === 0) return;
    const table = tableOf(shown, name, ws.name, rows);
    tables.push(table);
    for (const f of formulas) {
      const heading = table.headers[f.index]?.text;
      problems.push({
        file: `${shown} [${ws.name}]`,
        row: f.row,
        column: columnLetter(f.index) + (heading ? `（${heading}）` : ''),
        message: `单元格是公式 =${f.formula}，但文件中没有保存它的计算结果`,
        hint: '用 Excel（或 WPS）打开该文件并保存一次，公式的结果就会存入文件；或把公式复制后"选择性粘贴为数值"',
        kind: 'uncomputed-formula',
      });
    }
  });
  if (tables.length === 0) throw new InputError([{ file: shown, message: '工作簿中没有数据', hint: '工作表的第一行应是表头：季度、区县、各指标名称' }]);
  return { tables, problems };
}

/** Reads every table of a file or folder. Problems of all files are collected before throwing. */
export async function readTables(path: string): Promise<RawTable[]> {
  const tables: RawTable[] = [];
  const problems: InputProblem[] = [];
  for (const file of listDataFiles(path)) {
    const shown = displayPath(file);
    const name = file === path ? basename(file) : relative(path, file).split(sep).join('/');
    try {
      const ext = extname(file).toLowerCase();
      if (ext === '.xlsx' || ext === '.xlsm') {
        const book = await readXlsx(file, shown, name);
        tables.push(...book.tables);
        problems.push(...book.problems);
      } else tables.push(readCsv(file, shown, name));
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new InputError(problems);
  return tables;
}
