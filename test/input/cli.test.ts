import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreTable, tempDir, wideCsv, writeFile } from '../helpers.js';
import { INDICATORS, ROW } from './helpers.js';

// The command as installed (bin/scindex.mjs, from the cached bundle of the sources).
const run = (args: string[]) => spawnSync(process.execPath, ['bin/scindex.mjs', ...args], { encoding: 'utf8', cwd: process.cwd() });
const ok = (_q: string, _d: string, i: number): [number, number, number] => [20 + i * 0.1, 30, 15];

/** A config folder whose districts.yaml is edited. */
function configWith(edit: (districts: string) => string, editIndex: (index: string) => string = (t) => t): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'districts.yaml'), edit(readFileSync('config/districts.yaml', 'utf8')));
  writeFileSync(join(dir, 'index.yaml'), editIndex(readFileSync('config/index.yaml', 'utf8')));
  return join(dir, 'index.yaml');
}

describe('bad input at the command line: exit 2, a Chinese message, no stack trace, nothing written', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'a duplicated file',
      () => {
        const dir = tempDir();
        const csv = wideCsv(INDICATORS, ['2018Q2', '2018Q3'], () => ROW);
        writeFile(dir, 'a.csv', csv);
        writeFile(dir, 'b.csv', csv);
        return ['--data', dir];
      },
      /输入有76个问题：[\s\S]*b\.csv 第2行 列 B（区县）: 万州区2018年第2季度的数据出现第二次[\s\S]*还有73个同类问题/,
    ],
    [
      'a sub-index out of range',
      () => {
        const dir = tempDir();
        writeFile(
          dir,
          's.csv',
          scoreTable(['2018Q3'], (q, d, i) => (i === 3 ? [20, 500, 15] : ok(q, d, i))),
        );
        return ['--data', dir];
      },
      /s\.csv 第5行 列 D（双创环境）: 双创环境为500分，超出可能的范围0—40分/,
    ],
    [
      'a bidi mark after a district name',
      () => {
        const dir = tempDir();
        writeFile(dir, 's.csv', scoreTable(['2018Q3'], ok).replace('渝北区,', '渝北区\u200f,'));
        return ['--data', dir];
      },
      /区县"渝北区\[U\+200F\]"含不可见字符 U\+200F（从右至左标记）/,
    ],
    [
      'a full name in districts.yaml',
      () => {
        const dir = tempDir();
        writeFile(dir, 's.csv', scoreTable(['2018Q3'], ok));
        return ['--data', dir, '--config', configWith((t) => t.replace('name: 石柱县, code: 500240, aliases: [石柱土家族自治县, 石柱]', 'name: 石柱土家族自治县, code: 500240, aliases: [石柱]'))];
      },
      /districts\.yaml 第\d+行: 区县名"石柱土家族自治县"是全称/,
    ],
    [
      "a value far beyond its goalposts: the user's file is named, not the archive's snapshot",
      () => {
        const dir = tempDir();
        writeFile(
          dir,
          'raw.csv',
          wideCsv(INDICATORS, ['2018Q3'], (_q, _d, i) => (i === 11 ? [99000, ...ROW.slice(1)] : ROW)),
        );
        return ['--data', dir];
      },
      /^错误：\/.*\/raw\.csv 第13行 列 C（新注册企业数）: 渝北区2018年第3季度的新注册企业数为99,000家，远超目标值范围/,
    ],
    [
      'a YAML slip in the config',
      () => {
        const dir = tempDir();
        writeFile(dir, 's.csv', scoreTable(['2018Q3'], ok));
        return [
          '--data',
          dir,
          '--config',
          configWith(
            (t) => t,
            (t) => t.replace('aggregation: arithmetic', 'aggregation: arithmetic\n\tlists: 1'),
          ),
        ];
      },
      /index\.yaml 第\d+行第\d+列: YAML 格式错误/,
    ],
  ];
  for (const [name, args, expected] of cases)
    it(name, () => {
      const out = join(tempDir(), 'out');
      const r = run(['report', ...args(), '--out', out]);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr).not.toContain('.scratch');
      expect(r.stderr).not.toMatch(/[\u200f\u001b]/);
      expect(r.status).toBe(2);
      expect(existsSync(out)).toBe(false);
    }, 120_000); // a fresh process, and the first one may bundle the sources: not a speed test
});
