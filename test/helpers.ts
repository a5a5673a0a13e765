import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The 38 district names in registry order, from the project's own registry. */
export const DISTRICTS: string[] = (parse(readFileSync(new URL('../config/districts.yaml', import.meta.url), 'utf8')) as { districts: { name: string }[] }).districts.map((d) => d.name);

export function tempDir(prefix = 'scindex-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A wide CSV: one row per district and quarter; `value(quarter, district, i)` gives the cells after 季度,区县. */
export function wideCsv(columns: string[], quarters: string[], value: (q: string, d: string, i: number) => (string | number)[], districts = DISTRICTS): string {
  const lines = [['季度', '区县', ...columns].join(',')];
  for (const q of quarters) districts.forEach((d, i) => lines.push([q, d, ...value(q, d, i)].join(',')));
  return lines.join('\n') + '\n';
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Score-only layout: the three first-level indices computed elsewhere; the total is their sum. */
export function scoreTable(quarters: string[], score: (q: string, d: string, i: number) => [number, number, number]): string {
  return wideCsv(['双创活力', '双创环境', '双创成效'], quarters, score);
}
