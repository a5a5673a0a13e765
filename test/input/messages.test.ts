import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { InputError, parseYamlInput, visible, hiddenCharacters, type InputProblem } from '../../src/errors.js';
import { scoreTable, tempDir } from '../helpers.js';
import { inputErrorOf, expectReadable } from './helpers.js';

const ok = (_q: string, _d: string, i: number): [number, number, number] => [20 + i * 0.1, 30, 15];

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) {
      expectReadable(e);
      return e;
    }
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('hidden characters are named, never printed raw', () => {
  it('渝北区 followed by U+200F: the message shows [U+200F] and the hint names it', async () => {
    const e = await inputErrorOf({ 'a.csv': scoreTable(['2018Q3'], ok).replace('渝北区,', '渝北区\u200f,') });
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ row: 13, column: 'B（区县）', message: '区县"渝北区[U+200F]"含不可见字符 U+200F（从右至左标记）' });
    expect(e.message).not.toContain('\u200f');
  });

  it('an ANSI escape in a cell or a heading cannot reach the terminal', async () => {
    const csv = scoreTable(['2018Q3'], ok).replace('双创成效', '双创成效\u001b[31m').replace('万州区,', '\u001b[2J万州区,');
    const e = await inputErrorOf({ 'a.csv': csv });
    expect(e.message).not.toContain('\u001b');
    expect(e.message).toContain('[U+001B][31m');
    expect(e.problems.some((p) => p.message.includes('U+001B（ESC 控制字符）'))).toBe(true);
  });

  it('visible() and hiddenCharacters()', () => {
    expect(visible('a\u200bb\u202ec\td')).toBe('a[U+200B]b[U+202E]c[U+0009]d');
    expect(visible('行一\n行二', true)).toBe('行一\n行二');
    expect(hiddenCharacters('渝北区\u200f\u200f\ufeff')).toEqual(['U+200F（从右至左标记）', 'U+FEFF（零宽不换行空格（BOM））']);
    expect(hiddenCharacters('渝北区')).toEqual([]);
  });
});

describe('config/districts.yaml: names the report and the map can use', () => {
  const withDistricts = (edit: (text: string) => string): InputProblem[] => {
    const dir = tempDir();
    writeFileSync(join(dir, 'districts.yaml'), edit(readFileSync('config/districts.yaml', 'utf8')));
    writeFileSync(join(dir, 'index.yaml'), readFileSync('config/index.yaml', 'utf8'));
    return thrown(() => loadConfig(join(dir, 'index.yaml'))).problems;
  };

  it('a full name (石柱土家族自治县) as a name: the short name to write, at its line', () => {
    const [p, ...rest] = withDistricts((t) => t.replace('name: 石柱县, code: 500240, aliases: [石柱土家族自治县, 石柱]', 'name: 石柱土家族自治县, code: 500240, aliases: [石柱]'));
    expect(rest).toEqual([]);
    expect(p.file).toMatch(/districts\.yaml$/);
    expect(p.line).toBe(
      readFileSync('config/districts.yaml', 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('500240')) + 1,
    );
    expect(p.message).toBe('区县名"石柱土家族自治县"是全称，报告和地图使用简称');
    expect(p.hint).toContain('name 写简称 石柱县');
  });

  it('markup or control characters in a name', () => {
    const [markup] = withDistricts((t) => t.replace('name: 渝北区,', "name: '<b>渝北区</b>',"));
    expect(markup.message).toMatch(/^区县名"<b>渝北区<\/b>"不是区县简称/);
    const [control] = withDistricts((t) => t.replace('name: 渝北区,', 'name: "渝北区\\u200f",'));
    expect(control.message).toBe('区县名"渝北区[U+200F]"含不可见字符 U+200F（从右至左标记）');
    const [dup] = withDistricts((t) => t.replace('aliases: [江北]', 'aliases: [江北, 渝北]'));
    expect(dup.message).toBe('"渝北"同时是江北区和渝北区的名称或别名');
  });
});

describe('YAML of any file: file, line, column and a Chinese hint', () => {
  it('parseYamlInput turns a syntax error into an InputError', () => {
    const e = thrown(() => parseYamlInput('templates/report/wording.yaml', 'a: 1\nb: [1, 2\nc: 3\n'));
    expect(e.problems[0]).toMatchObject({ file: 'templates/report/wording.yaml', line: expect.any(Number), col: expect.any(Number) });
    expect(e.problems[0].message).toMatch(/^YAML 格式错误：/);
    expect(e.message).toMatch(/^templates\/report\/wording\.yaml 第\d+行第\d+列: YAML 格式错误/m);
  });

  it('a tab as indentation and a duplicate key', () => {
    const tab = thrown(() => parseYamlInput('b.yaml', 'a:\n\t- 1\n'));
    expect(tab.problems[0].hint).toContain('制表符');
    const dup = thrown(() => parseYamlInput('b.yaml', 'a: 1\na: 2\n'));
    expect(dup.problems[0]).toMatchObject({ line: 2, message: 'YAML 格式错误：键重复（DUPLICATE_KEY）' });
  });

  it('config: a YAML slip and a wrong type are named with their line, in Chinese', () => {
    const dir = tempDir();
    const file = join(dir, 'index.yaml');
    writeFileSync(file, readFileSync('config/index.yaml', 'utf8').replace('scale: 100 ', 'scale: [100 '));
    const slip = thrown(() => loadConfig(file)).problems[0];
    // the parser names the line where it noticed the unclosed bracket: at or after it
    expect(slip.line).toBeGreaterThanOrEqual(
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('scale:')) + 1,
    );
    expect(slip.message).toMatch(/^YAML 格式错误/);
    writeFileSync(file, readFileSync('config/index.yaml', 'utf8').replace('floor: 0.4', 'floor: 很高'));
    const type = thrown(() => loadConfig(file)).problems[0];
    expect(type.message).toBe('normalisation.floor：应为数字，实际是文字"很高"');
  });

  it('schema problems in Chinese: an unknown key, a wrong choice, a bound', () => {
    const dir = tempDir();
    const file = join(dir, 'index.yaml');
    const base = readFileSync('config/index.yaml', 'utf8');
    const messageOf = (text: string) => {
      writeFileSync(file, text);
      return thrown(() => loadConfig(file)).problems[0];
    };
    const key = messageOf(base.replace('aggregation: arithmetic', 'aggregation: arithmetic\nagregation: x'));
    expect(key.message).toBe('（顶层）：未知的键 agregation（可能拼写有误）');
    expect(key.line).toBe(base.split('\n').findIndex((l) => l.startsWith('aggregation:')) + 2);
    expect(messageOf(base.replace('method: goalpost', 'method: 功效系数')).message).toBe('normalisation.method：应为 goalpost、minmax、efficacy、zscore、rank 之一，实际是文字"功效系数"');
    expect(messageOf(base.replace('top: 5', 'top: 0')).message).toBe('lists.top：应大于0');
  });

  it('a missing config file', () => {
    const p = thrown(() => loadConfig('/nonexistent/index.yaml')).problems[0];
    expect(p.message).toBe('配置文件不存在');
    expect(p.hint).toContain('--config');
  });
});
