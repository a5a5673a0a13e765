import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { IndexConfig } from '../config/types.js';
import { quartersUsed } from '../compute/index.js';
import type { Dataset } from '../validate/dataset.js';

import type { FileMap } from '../files.js';
export type { FileMap };

/**
 * The inputs a version is built from, as files under inputs/: the data rows the
 * computation reads (with their original file and row, so provenance survives a
 * rebuild), the config and district registry as given, and the templates.
 */
export function snapshotInputs(config: IndexConfig, dataset: Dataset, quarter: string, templatesDir: string): FileMap {
  const files: FileMap = new Map();
  // One file per quarter: quarters may give different columns (raw indicators in one, scores in another).
  for (const q of quartersUsed(config, dataset, quarter)) {
    const rowsOfQ = dataset.values.get(q)!;
    const given = config.nodes.filter((n) => rowsOfQ.get(config.districts[0].name)!.has(n.name));
    const rows: (string | number)[][] = [['季度', '区县', ...given.map((n) => n.name), '来源文件', '来源工作表', '来源行']];
    for (const d of config.districts) {
      const values = rowsOfQ.get(d.name)!;
      const src = dataset.sources.get(q)!.get(d.name)!;
      // String(number) round-trips every double exactly: the rebuild reads the same values.
      rows.push([q, d.name, ...given.map((n) => String(values.get(n.name))), src.file, src.sheet ?? '', src.row]);
    }
    files.set(`inputs/data/${q}.csv`, Buffer.from('\ufeff' + stringify(rows, { record_delimiter: '\n' })));
  }
  files.set('inputs/config/index.yaml', readFileSync(config.files.config));
  files.set('inputs/config/districts.yaml', readFileSync(config.files.districts));
  for (const file of walk(templatesDir)) files.set(`inputs/templates/${relative(templatesDir, file).split(sep).join('/')}`, readFileSync(file));
  return files;
}

/** Every file below a folder, in a stable order. */
export function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}
