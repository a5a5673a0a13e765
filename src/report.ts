import { join, resolve } from 'node:path';
import { buildFacts, PROJECT_ROOT } from './pipeline.js';
import type { Ledger } from './facts/types.js';
import type { FileMap } from './archive/snapshot.js';

export const DEFAULT_TEMPLATES = resolve(PROJECT_ROOT, 'templates');

export interface ReportInputs {
  data: string;
  config?: string;
  districts?: string;
  templatesDir?: string;
  quarter?: string;
  /** Stop after facts.json. */
  factsOnly?: boolean;
}

export interface ReportBuild {
  ledger: Ledger;
  /** Output files by their name in the report folder. */
  files: FileMap;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** The whole report of one quarter, as files: facts → narrative → figures → documents. */
export async function buildReport(inputs: ReportInputs): Promise<ReportBuild> {
  const { ledger } = await buildFacts({ data: inputs.data, config: inputs.config, districts: inputs.districts, quarter: inputs.quarter });
  const files: FileMap = new Map();
  files.set('facts.json', utf8(JSON.stringify(ledger, null, 2) + '\n'));
  void join;
  return { ledger, files };
}
