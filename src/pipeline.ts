import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { loadConfig, DEFAULT_CONFIG } from './config/load.js';
import type { IndexConfig } from './config/types.js';
import { computeQuarter, goalposts, quartersUsed, type QuarterResult } from './compute/index.js';
import { checkPlausible } from './compute/plausible.js';
import { buildLedger } from './facts/build.js';
import type { Ledger } from './facts/types.js';
import { InputError } from './errors.js';
import { parseQuarter } from './quarter.js';
import { listDataFiles, readTables } from './load/read.js';
import { lstatSync, statSync } from 'node:fs';
import { displayPath } from './config/load.js';
import { validateTables, type Dataset } from './validate/dataset.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE_DATA = resolve(PROJECT_ROOT, 'data/sample');

export interface FactsInput {
  data: string;
  config?: string;
  /** Overrides the district registry named in the config (the archive's snapshot keeps its own copy). */
  districts?: string;
  /** Any accepted spelling; default: the latest quarter in the data. */
  quarter?: string;
}

export interface FactsOutput {
  config: IndexConfig;
  dataset: Dataset;
  result: QuarterResult;
  ledger: Ledger;
}

/** load → validate → compute → facts, for one quarter. */
export async function buildFacts(input: FactsInput, timings?: Record<string, number>): Promise<FactsOutput> {
  const t0 = performance.now();
  const { config, dataset, quarter } = await loadInputs(input);
  if (timings) timings.load = performance.now() - t0;
  const result = computeQuarter(config, dataset, quarter);
  const ledger = buildLedger(config, dataset, result);
  if (timings) timings.compute = performance.now() - t0 - (timings.load ?? 0);
  return { config, dataset, result, ledger };
}

/** load → validate, and the quarter to report. */
export async function loadInputs(input: FactsInput): Promise<{ config: IndexConfig; dataset: Dataset; quarter: string }> {
  const config = loadConfig(input.config ?? DEFAULT_CONFIG, { districtsFile: input.districts });
  refuseLinksInDataFolder(input.data);
  const tables = await readTables(input.data);
  const dataset = validateTables(tables, config);
  const quarter = selectQuarter(dataset, input.quarter);
  // Checked here, on the user's own files, so that a message names their file, row and column
  // (the archive then builds from its snapshot of these same values).
  checkPlausible(config, dataset, quartersUsed(config, dataset, quarter), goalposts(config, dataset));
  return { config, dataset, quarter };
}

/**
 * A data folder is read file by file; a symbolic link among its files would
 * read a file from elsewhere (the --data path itself, named by the user, may be one).
 */
function refuseLinksInDataFolder(data: string): void {
  let folder = false;
  try {
    folder = statSync(data).isDirectory();
  } catch {
    return; // the reader says that the path does not exist
  }
  if (!folder) return;
  const links = listDataFiles(data).filter((f) => lstatSync(f).isSymbolicLink());
  if (links.length) throw new InputError(links.map((f) => ({ file: displayPath(f), message: '是符号链接：数据文件夹中的符号链接不被跟随', hint: '把链接换成文件本身（复制过来），或用 --data 直接指定那个文件' })));
}

export function selectQuarter(dataset: Dataset, wanted?: string): string {
  if (wanted === undefined) return dataset.quarters[dataset.quarters.length - 1];
  const q = parseQuarter(wanted);
  if (!q) throw new InputError([{ file: '--quarter', message: `"${wanted}"不是季度`, hint: '写成 2018Q3 或 2018年第3季度' }]);
  if (!dataset.values.has(q)) throw new InputError([{ file: '--quarter', message: `数据中没有 ${q}`, hint: `数据中有：${dataset.quarters.join('、')}` }]);
  return q;
}
