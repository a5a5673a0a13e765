import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { InputError, type InputProblem } from '../errors.js';
import { displayPath } from '../config/load.js';

export type CellValue = string | number | null;

/** One sheet or CSV file as read, before any meaning is given to it. */
export interface RawTable {
  /** The path as messages show it (relative to the working folder). */
  file: string;
  /** The file's name within the data set (relative to the --data folder): what provenance records, independent of where the tool runs. */
  name: string;
  sheet?: string;
  headers: { text: string; column: string }[];
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
    throw new InputError([{ file: displayPath(path), message: 'no such file or folder', hint: 'give --data a CSV or XLSX file or a folder of them' }]);
  }
  if (!st.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => TABLE_EXTENSIONS.has(extname(f).toLowerCase()) && !f.startsWith('~$') && !f.startsWith('.'))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0)
    throw new InputError([{ file: displayPath(path), message: 'the folder holds no .csv or .xlsx file', hint: 'put the quarter tables in this folder' }]);
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
    throw new InputError([{ file: shown, message: 'the file is neither UTF-8 nor GBK/GB18030 text', hint: 'save it from Excel as "CSV UTF-8" or as a workbook (.xlsx)' }]);
  }
  const firstLine = decoded.text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = ['\t', ';', ','].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(decoded.text, { delimiter, info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as never;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError([{ file: shown, row: err.lines, message: `not a readable CSV: ${err.message}`, hint: 'check quotes: a field that holds a comma must be quoted' }]);
  }
  if (records.length === 0) throw new InputError([{ file: shown, message: 'the file is empty', hint: 'the first row must hold the column headings 季度, 区县, …' }]);
  const [head, ...body] = records;
  return {
    file: shown,
    name,
    headers: head.record.map((text, i) => ({ text: text.trim(), column: columnLetter(i) })),
    rows: body
      .filter((r) => r.record.some((c) => c !== ''))
      .map((r) => ({ row: r.info.lines, cells: r.record.map((c) => (c === '' ? null : c)) })),
  };
}

function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return `#${(v as ExcelJS.CellErrorValue).error}`;
  }
  return String(v);
}

async function readXlsx(file: string, shown: string, name: string): Promise<RawTable[]> {
  const bytes = readFileSync(file);
  // An encrypted workbook is an OLE compound file, not a zip: say so instead of a zip error.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new InputError([{ file: shown, message: 'the workbook is password-protected (or an old .xls file) and cannot be read', hint: 'open it in Excel, remove the password (文件 → 信息 → 保护工作簿) and save it as .xlsx' }]);
  // Loaded only when a workbook is read: exceljs and its dependencies take ~0.15 s to
  // load, paid otherwise by every run on CSV data and every batch worker.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError([{ file: shown, message: `not a readable .xlsx workbook (${(e as Error).message.split('\n')[0]})`, hint: 'open it in Excel and save it again as .xlsx' }]);
  }
  const tables: RawTable[] = [];
  wb.eachSheet((ws) => {
    const rows: { row: number; cells: CellValue[] }[] = [];
    let headers: RawTable['headers'] | null = null;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as ExcelJS.CellValue[]; // 1-based
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) {
        const v = cellValue(values[i]);
        cells.push(typeof v === 'string' ? v.trim() || null : v);
      }
      if (cells.every((c) => c === null)) return;
      if (!headers) headers = cells.map((c, i) => ({ text: c === null ? '' : String(c), column: columnLetter(i) }));
      else rows.push({ row: rowNumber, cells });
    });
    if (headers) tables.push({ file: shown, name, sheet: ws.name, headers, rows });
  });
  if (tables.length === 0) throw new InputError([{ file: shown, message: 'the workbook has no data', hint: 'the first sheet must start with the headings 季度, 区县, …' }]);
  return tables;
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
      if (ext === '.xlsx' || ext === '.xlsm') tables.push(...(await readXlsx(file, shown, name)));
      else tables.push(readCsv(file, shown, name));
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new InputError(problems);
  return tables;
}

