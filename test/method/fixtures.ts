/** Data sets with the full indicator tree for the method tests (gaps, skew, ties are made by the callers). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/pipeline.js';
import { parse, stringify } from 'yaml';
import { tempDir, wideCsv, writeFile } from '../helpers.js';

export const LEAVES = ['新注册企业数', '新注册企业数环比增长率', '科技型企业数', '创业投资额', '众创空间数', '科技企业孵化器数', '知识产权保护程度', '社会关注度', '新增就业岗位数', '就业潜力', '高新技术产品产值'] as const;

/** A plausible value of every indicator for district i (0 = strongest), scaled by `f`. */
export function plausible(i: number, f = 1): number[] {
  const s = 1 - i / 40;
  return [
    Math.round(1200 * s * f),
    Math.round((10 - i * 0.3) * 10) / 10,
    Math.round(900 * s * f),
    Math.round(20 * s * f * 100) / 100,
    Math.round(40 * s * f),
    Math.round(10 * s),
    Math.round((60 + 30 * s) * 10) / 10,
    Math.round(50000 * s * f),
    Math.round(20000 * s * f),
    Math.round(80 * s * 10) / 10,
    Math.round(300 * s * f * 10) / 10,
  ];
}

export function indicatorCsv(quarters: string[], value: (q: string, d: string, i: number) => (string | number)[]): string {
  return wideCsv([...LEAVES], quarters, value);
}

/** config/index.yaml with the top-level keys of `extra` (YAML) merged in, written beside a copy of the district registry. */
export function configWith(extra: string, transform: (yaml: string) => string = (s) => s): string {
  const dir = tempDir('scindex-config-');
  writeFile(dir, 'districts.yaml', readFileSync(join(PROJECT_ROOT, 'config/districts.yaml')));
  const base = parse(transform(readFileSync(join(PROJECT_ROOT, 'config/index.yaml'), 'utf8'))) as Record<string, unknown>;
  for (const [k, v] of Object.entries((parse(extra) ?? {}) as Record<string, unknown>)) {
    const old = base[k];
    base[k] = old && typeof old === 'object' && v && typeof v === 'object' && !Array.isArray(v) ? { ...old, ...v } : v;
  }
  return writeFile(dir, 'index.yaml', stringify(base));
}

export function dataDir(name: string, csv: string): string {
  const dir = tempDir();
  writeFile(dir, name, csv);
  return dir;
}
