import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TEMPLATES } from '../../src/report.js';
import { lockQuarter } from '../../src/archive/lock.js';
import { tempDir } from '../helpers.js';

// The command as installed: bin/scindex.mjs (run from the cached bundle of the sources).
const run = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/scindex.mjs', ...args], { encoding: 'utf8', input });

/** What no user should ever see. */
function noStack(r: { stdout: string; stderr: string }): void {
  expect(r.stderr).not.toMatch(/\n\s+at |internal error|Error: |node:internal/);
  expect(r.stdout).not.toMatch(/\n\s+at /);
}
const templatesCopy = () => {
  const dir = join(tempDir(), 'templates');
  cpSync(DEFAULT_TEMPLATES, dir, { recursive: true });
  return dir;
};

describe('messages and exit codes of the command line', () => {
  it('a wrong --templates path: a Chinese message, exit 2, nothing written', () => {
    const out = join(tempDir(), 'x');
    const r = run(['report', '--quarter', '2018Q3', '--templates', '/nonexistent', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^错误：\/nonexistent: 模板文件夹不存在\n {4}→ --templates 应指向/);
    noStack(r);
    expect(existsSync(out)).toBe(false);
  });

  it('an --out that is a file, or on a read-only file system: exit 5, naming it', () => {
    const file = join(tempDir(), 'out.txt');
    writeFileSync(file, '');
    const a = run(['report', '-q', '2018Q3', '--facts-only', '--out', file]);
    expect(a.status).toBe(5);
    expect(a.stderr).toContain(`${file}: 输出位置是一个文件，不是文件夹`);
    const b = run(['report', '-q', '2018Q3', '--facts-only', '--out', '/sys/scindex-out']);
    expect(b.status).toBe(5);
    expect(b.stderr).toMatch(/^错误：\/sys\/scindex-out(\/2018Q3)?: 操作不被允许|^错误：\/sys\/scindex-out(\/2018Q3)?: 位于只读的文件系统上/);
    noStack(a);
    noStack(b);
  }, 60_000);

  it('a YAML slip in bulletin.yaml names the user’s file and line; a missing bulletin.yaml is named too', () => {
    const templates = templatesCopy();
    const bulletin = join(templates, 'report/bulletin.yaml');
    writeFileSync(bulletin, readFileSync(bulletin, 'utf8') + 'author: "未闭合\n');
    const r = run(['report', '-q', '2018Q3', '-t', templates, '-o', join(tempDir(), 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${bulletin.replace(/[/.]/g, '\\$&')} 第\\d+行: YAML 格式有误`));
    expect(r.stderr).not.toMatch(/scratch|inputs\/templates/);
    noStack(r);
    writeFileSync(bulletin, '');
    const missing = templatesCopy();
    rmSync(join(missing, 'report/bulletin.yaml'));
    const m = run(['report', '-q', '2018Q3', '-t', missing, '-o', join(tempDir(), 'out')]);
    expect(m.status).toBe(2);
    expect(m.stderr).toContain('不是模板文件夹：缺少 report/bulletin.yaml');
  }, 60_000);

  it('a YAML slip in wording.yaml ends in a message naming the file and line, not a stack trace', () => {
    const templates = templatesCopy();
    writeFileSync(join(templates, 'report/wording.yaml'), 'nodes:\n  双创指数: [\n');
    const r = run(['report', '-q', '2018Q3', '-t', templates, '-o', join(tempDir(), 'out')]);
    // a template error (3) or bad input (2), naming the user's file and its line
    expect([2, 3]).toContain(r.status);
    expect(r.stderr).toContain(`${join(templates, 'report/wording.yaml')}:3`);
    noStack(r);
  }, 60_000);

  it('a wording.yaml word the fact check does not know names the user’s file (not the snapshot), not an internal error', () => {
    const templates = templatesCopy();
    const wording = join(templates, 'report/wording.yaml');
    writeFileSync(wording, readFileSync(wording, 'utf8').replace(/defaultNode: \{ strong: [^,]+,/, 'defaultNode: { strong: 表现惊艳,'));
    const out = join(tempDir(), 'out');
    const r = run(['report', '-q', '2018Q3', '-t', templates, '-o', out]);
    expect([2, 3]).toContain(r.status);
    expect(r.stderr).toContain(`${wording}: defaultNode.strong「表现惊艳」`);
    expect(r.stderr).not.toMatch(/内部错误|scratch|inputs\/templates/);
    noStack(r);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('--issue and --note take plain text of a sane length only', () => {
    for (const [args, message] of [
      [['--issue', '<b>第6期</b>'], /--issue: 含有标记字符「<」/],
      [['--issue', '2018年\u001b[31m第6期'], /--issue: 含有不可见的控制字符 U\+001B（第6个字符）/],
      [['--issue', '第6期\u200f'], /U\+200F/],
      [['--issue', '期'.repeat(41)], /--issue: 太长：41 个字符，最多 40 个/],
    ] as const) {
      const r = run(['report', '-q', '2018Q3', '--facts-only', '-o', join(tempDir(), 'out'), ...args]);
      expect(r.status, String(args)).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const note = run(['issue', '-q', '2018Q3', '-o', tempDir(), '--note', 'x'.repeat(201)]);
    expect(note.status).toBe(2);
    expect(note.stderr).toMatch(/--note: 太长/);
  }, 60_000);

  it('--version, Chinese help, and usage errors in Chinese with exit 2', () => {
    const v = run(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^shuangchuang-report \d+\.\d+\.\d+$/);
    const help = run(['report', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^用法： scindex report \[选项\]/);
    expect(help.stdout).toContain('选项：');
    expect(help.stdout).toContain('（默认：data/sample）');
    expect(help.stdout).not.toMatch(/Usage:|Options:|default:/);
    const bad = run(['report', '--bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('错误：没有选项 --bogus\n    → 用法见：scindex report --help\n');
    const missing = run(['issue']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^错误：缺少必需的选项 -q, --quarter <quarter>/);
  }, 60_000);

  it('list: fails clearly on a folder that does not exist, shows 北京时间, and stops quietly when the pipe closes (| head -1)', async () => {
    const none = run(['list', '-o', join(tempDir(), 'nowhere')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/nowhere: 归档文件夹不存在/);
    const root = tempDir();
    for (let n = 1; n <= 3000; n++) {
      mkdirSync(join(root, '2018Q3', `v${n}`), { recursive: true });
      if (n === 1) writeFileSync(join(root, '2018Q3/v1/manifest.json'), JSON.stringify({ builtAt: '2018-11-30T16:30:00.000Z', factsOnly: true }));
    }
    const child = spawn(process.execPath, ['bin/scindex.mjs', 'list', '-o', root]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d).split('\n')[0])));
    child.stdout.destroy(); // what head -1 does after its line
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(first).toBe('2018Q3  v1  草稿（仅事实台账，不能发布）  构建于 2018-12-01 00:30:00（北京时间）');
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  it('verify without --quarter checks the whole archive with a progress line per version; a facts-only build says it cannot be issued', () => {
    const root = tempDir();
    for (const q of ['2018Q2', '2018Q3']) {
      const b = run(['report', '-q', q, '-o', root, '--facts-only']);
      expect(b.status).toBe(0);
      expect(b.stdout).toContain('这是只含事实台账的版本，不能发布');
    }
    const r = run(['verify', '-o', root]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('['))).toEqual([expect.stringMatching(/^\[1\/2\] 2018Q2 v1（草稿）：一致——2 个输出文件逐字节相同/), expect.stringMatching(/^\[2\/2\] 2018Q3 v1（草稿）：一致/)]);
    const i = run(['issue', '-q', '2018Q3', '-o', root, '--issue', '2018年第6期']);
    expect(i.status).toBe(2);
    expect(i.stderr).toMatch(/只含事实台账的构建（--facts-only），不能发布/);
  }, 60_000);

  it('a quarter being built by another process: exit 6', () => {
    const root = tempDir();
    const lock = lockQuarter(join(root, '2018Q3'), '2018Q3');
    try {
      const r = run(['report', '-q', '2018Q3', '-o', root, '--facts-only']);
      expect(r.status).toBe(6);
      expect(r.stderr).toMatch(/2018Q3 正由另一个进程（进程号 \d+）构建或发布/);
    } finally {
      lock.release();
    }
  }, 60_000);
});
