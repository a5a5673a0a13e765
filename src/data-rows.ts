/**
 * The data rows a quarter's report is computed from, as CSV files (one per
 * quarter used): the values as read, with each row's original file, sheet and
 * row, so provenance survives. The archive snapshots them as the version's
 * inputs; the PDF carries them as attachments.
 */
import { stringify } from 'csv-stringify/sync';
import type { IndexConfig } from './config/types.js';
import { quartersUsed } from './compute/index.js';
import type { Dataset } from './validate/dataset.js';

/** Quarter → CSV bytes (UTF-8 with BOM, as Excel on Chinese Windows opens it). */
export function dataRowsCsv(config: IndexConfig, dataset: Dataset, quarter: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  // Imputed and uncomputed (NaN) cells are written empty, as the data gave them: the rebuild treats them again.
  const imputed = new Set((dataset.imputed ?? []).map((c) => `${c.quarter}|${c.district}|${c.indicator}`));
  // One file per quarter: quarters may give different columns (raw indicators in one, scores in another).
  for (const q of quartersUsed(config, dataset, quarter)) {
    const rowsOfQ = dataset.values.get(q)!;
    const given = config.nodes.filter((n) => rowsOfQ.get(config.districts[0].name)!.has(n.name));
    const rows: (string | number)[][] = [['季度', '区县', ...given.map((n) => n.name), '来源文件', '来源工作表', '来源行']];
    for (const d of config.districts) {
      const values = rowsOfQ.get(d.name)!;
      const src = dataset.sources.get(q)!.get(d.name)!;
      // String(number) round-trips every double exactly: the rebuild reads the same values.
      rows.push([q, d.name, ...given.map((n) => (imputed.has(`${q}|${d.name}|${n.name}`) || Number.isNaN(values.get(n.name)) ? '' : String(values.get(n.name)))), src.file, src.sheet ?? '', src.row]);
    }
    files.set(q, Buffer.from('\ufeff' + stringify(rows, { record_delimiter: '\n' })));
  }
  return files;
}
