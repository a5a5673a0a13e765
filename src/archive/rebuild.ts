import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, type ReportInputs } from '../report.js';

/** Build options that change the output (the bulletin's 期号), kept with the inputs. */
export interface BuildOptionsFile {
  issue?: string;
  /** The data were the shipped sample (the snapshot's copy no longer lies in data/sample): the report says 样例数据. */
  sampleData?: boolean;
}
export const optionsFile = (o: BuildOptionsFile) => Buffer.from(JSON.stringify({ ...(o.issue ? { issue: o.issue } : {}), ...(o.sampleData ? { sampleData: true } : {}) }) + '\n');

/** Builds a report from a version's own input snapshot (the one path both a build and a verify take). */
export function buildFromSnapshot(inputsDir: string, quarter: string, extra: Partial<ReportInputs> = {}) {
  const options = JSON.parse(readFileSync(join(inputsDir, 'options.json'), 'utf8')) as BuildOptionsFile;
  return buildReport({
    ...extra,
    ...options,
    data: join(inputsDir, 'data'),
    config: join(inputsDir, 'config/index.yaml'),
    districts: join(inputsDir, 'config/districts.yaml'),
    templatesDir: join(inputsDir, 'templates'),
    quarter,
  });
}
