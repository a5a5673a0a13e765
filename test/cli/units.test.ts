import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { describeFailure, EXIT } from '../../src/cli/exit.js';
import { stageProgress } from '../../src/cli/progress.js';
import { batchIssues } from '../../src/cli/batch.js';
import { checkLabel } from '../../src/cli/common.js';
import { InputError } from '../../src/errors.js';

const errno = (code: string, path: string) => Object.assign(new Error(`${code}: failed, open '${path}'`), { code, path });

describe('the command line’s pieces', () => {
  it('a full disk while writing a version names the output folder, not the hidden temporary folder, with exit 5', () => {
    const f = describeFailure(errno('ENOSPC', '/srv/archive/2018Q3/.v3.partial-123-abcd/report.pdf'));
    expect(f).toEqual({ code: EXIT.output, message: '/srv/archive/2018Q3: 磁盘已满，写入失败（写了一半的内容已撤回，归档保持原样）\n    → 腾出空间，或用 --out 换到别的磁盘' });
    expect(describeFailure(errno('EROFS', '/mnt/ro/2018Q3/.scratch-1-ab/inputs/data/2018Q3.csv')).message).toMatch(/^\/mnt\/ro\/2018Q3: 位于只读的文件系统上/);
    expect(describeFailure(new InputError([{ file: 'a.csv', row: 2, message: 'x' }])).code).toBe(EXIT.input);
  });

  it('a bug (exit 1) is written to a file for the maintainers, never shown as a stack trace', () => {
    const f = describeFailure(new TypeError('Cannot read properties of undefined'));
    expect(f.code).toBe(EXIT.bug);
    expect(f.message).not.toMatch(/\n\s+at /);
    const file = /请把 (.+) 发给维护者/.exec(f.message)![1];
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/TypeError: Cannot read properties of undefined\n\s+at /);
  });

  it('a single build shows its stages on a terminal, and nothing in a pipe', () => {
    const written: string[] = [];
    const tty = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const p = stageProgress(tty);
    p.onStage!('load', 120);
    p.onStage!('compute', 6);
    p.done();
    expect(written.join('')).toBe('  … 读取与校验数据\r\x1b[K  ✓ 读取与校验数据（120 ms）\n  … 计算指数\r\x1b[K  ✓ 计算指数（6 ms）\n  … 撰写文字\r\x1b[K');
    const piped: string[] = [];
    const q = stageProgress({ isTTY: false, write: (s: string) => piped.push(s) } as unknown as NodeJS.WriteStream);
    expect(q.onStage).toBeUndefined();
    q.done();
    expect(piped).toEqual([]);
  });

  it('batch --issue: one 期号 for one quarter, or one per quarter', () => {
    expect(batchIssues(undefined, ['2018Q3'])).toEqual({});
    expect(batchIssues('2018年第6期', ['2018Q3'])).toEqual({ '2018Q3': '2018年第6期' });
    expect(batchIssues('2018Q3=2018年第6期，2018年第4季度=2019年第1期', ['2018Q3', '2018Q4'])).toEqual({ '2018Q3': '2018年第6期', '2018Q4': '2019年第1期' });
    expect(() => batchIssues('2018年第6期', ['2018Q3', '2018Q4'])).toThrow(/一个期号不能用于 2 个季度/);
    expect(() => batchIssues('2017Q1=2017年第1期', ['2018Q3'])).toThrow(/2017Q1 不在这次要生成的季度中/);
  });

  it('labels: trimmed and NFC-normalised; empty, invisible or markup characters refused', () => {
    expect(checkLabel('--issue', ' 2018年第6期 ', 40)).toBe('2018年第6期');
    expect(() => checkLabel('--issue', '  ', 40)).toThrow(/不能为空/);
    expect(() => checkLabel('--note', '科技参考\u202e期', 200)).toThrow(/U\+202E/);
    expect(() => checkLabel('--note', '**加粗**', 200)).toThrow(/标记字符「\*」/);
  });
});
