import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { buildVersion, verifyVersion } from '../../src/archive/index.js';
import { issueQuarter } from '../../src/archive/issue.js';
import { MARKER_FILE, readVersion } from '../../src/archive/store.js';
import { replacePreview } from '../../src/watch.js';
import { InputError } from '../../src/errors.js';
import { DEFAULT_TEMPLATES } from '../../src/report.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

const factsOnly = true;
const templatesCopy = () => {
  const dir = join(tempDir(), 'templates');
  cpSync(DEFAULT_TEMPLATES, dir, { recursive: true });
  return dir;
};

describe('files outside the archive and users’ own files', () => {
  it('a symbolic link in the templates folder is refused, naming it; nothing is written', async () => {
    const templates = templatesCopy();
    const secret = join(tempDir(), 'secret.yaml');
    writeFileSync(secret, 'password: hunter2\n');
    symlinkSync(secret, join(templates, 'report/extra.yaml'));
    const root = join(tempDir(), 'out');
    const e = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, templatesDir: templates, factsOnly }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problems[0]).toMatchObject({ file: expect.stringMatching(/report\/extra\.yaml$/), message: expect.stringMatching(/是符号链接/) });
    expect(existsSync(root)).toBe(false);
  });

  it('only the file types the tool reads are snapshotted; --templates /etc reads nothing of /etc', async () => {
    const templates = templatesCopy();
    writeFileSync(join(templates, 'report/notes.txt'), 'private notes');
    mkdirSync(join(templates, 'drafts'));
    writeFileSync(join(templates, 'drafts/old.hbs'), 'old');
    const root = tempDir();
    const { version } = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, templatesDir: templates, factsOnly });
    const snapshot = readdirSync(join(version.dir, 'inputs/templates'), { recursive: true }).map(String).sort();
    expect(snapshot).toContain('report/report.hbs');
    expect(snapshot.filter((f) => !/\.(hbs|yaml)$/.test(f) && f !== 'report')).toEqual([]);
    expect(snapshot.some((f) => f.startsWith('drafts'))).toBe(false);
    await expect(buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root: tempDir(), templatesDir: '/etc', factsOnly })).rejects.toThrow(/\/etc: 不是模板文件夹：缺少 figures\.yaml/);
  });

  it('issue refuses a version holding a symbolic link and leaves the link’s target as it was', async () => {
    const root = tempDir();
    const { version } = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly });
    const target = join(tempDir(), 'mine.txt');
    writeFileSync(target, 'a user file');
    chmodSync(target, 0o644);
    symlinkSync(target, join(version.dir, 'link.txt'));
    await expect(issueQuarter({ root, quarter: '2018Q3', issue: '2018年第6期' })).rejects.toThrow(/版本中有符号链接或特殊文件（link\.txt）/);
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect((await verifyVersion(readVersion(root, '2018Q3', 1), { rebuild: false })).problems).toContain('link.txt 是符号链接或特殊文件：版本中只应有普通文件');
  });

  it('a folder named like a leftover is removed only if it carries the tool’s marker', async () => {
    const root = tempDir();
    const qdir = join(root, '2018Q3');
    mkdirSync(join(qdir, '.scratch-mine'), { recursive: true });
    writeFileSync(join(qdir, '.scratch-mine/keep.txt'), 'a user file');
    mkdirSync(join(qdir, '.scratch-123-abcd'));
    writeFileSync(join(qdir, '.scratch-123-abcd', MARKER_FILE), '');
    await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly });
    expect(readFileSync(join(qdir, '.scratch-mine/keep.txt'), 'utf8')).toBe('a user file');
    expect(existsSync(join(qdir, '.scratch-123-abcd'))).toBe(false);
  });

  it('the preview replaces only a preview/ folder the tool made', () => {
    const qdir = join(tempDir(), '2018Q3');
    const files = new Map([['narrative.md', Buffer.from('x')]]);
    replacePreview(join(qdir, 'preview'), files);
    replacePreview(join(qdir, 'preview'), files); // its own: replaced
    expect(readdirSync(join(qdir, 'preview')).sort()).toEqual([MARKER_FILE, 'narrative.md']);
    const other = join(tempDir(), '2018Q3');
    mkdirSync(join(other, 'preview'), { recursive: true });
    writeFileSync(join(other, 'preview/my-notes.txt'), 'mine');
    expect(() => replacePreview(join(other, 'preview'), files)).toThrow(/不是本工具生成的（没有标记文件），不删除也不覆盖它/);
    expect(readdirSync(join(other, 'preview'))).toEqual(['my-notes.txt']);
  });

  it('a draft version follows the umask (colleagues on shared storage can read it)', async () => {
    const old = process.umask(0o002);
    try {
      const root = tempDir();
      const { version } = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly });
      expect(statSync(version.dir).mode & 0o777).toBe(0o775);
      expect(statSync(join(version.dir, 'facts.json')).mode & 0o777).toBe(0o664);
    } finally {
      process.umask(old);
    }
  });

  it('a failed build leaves no empty quarter folder, and its message names the user’s template, not the snapshot', async () => {
    const templates = templatesCopy();
    const level = join(templates, 'report/level.hbs');
    writeFileSync(level, readFileSync(level, 'utf8').replace('}}', '}}{{nosuchfield}}'));
    const root = tempDir();
    const e = (await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, templatesDir: templates }).catch((x: unknown) => x)) as Error;
    const fresh = join(tempDir(), 'new-archive');
    await expect(buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root: fresh, templatesDir: templates })).rejects.toThrow(/level\.hbs/);
    expect(existsSync(fresh)).toBe(false);
    expect(e.message).toContain(join(templates, 'report/level.hbs'));
    expect(e.message).not.toMatch(/scratch|inputs\/templates/);
    expect(readdirSync(root)).toEqual([]);
  }, 60_000);
});

describe('the data folder', () => {
  it('a symbolic link among the data files is refused, naming it', async () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    for (const f of readdirSync(SAMPLE_DATA)) cpSync(join(SAMPLE_DATA, f), join(dir, f));
    const elsewhere = join(tempDir(), 'other.csv');
    writeFileSync(elsewhere, '季度,区县\n');
    symlinkSync(elsewhere, join(dir, 'zz-link.csv'));
    const root = join(tempDir(), 'out');
    const e = (await buildVersion({ data: dir, quarter: '2018Q3', root, factsOnly }).catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.problems).toEqual([expect.objectContaining({ file: expect.stringMatching(/zz-link\.csv$/), message: '是符号链接：数据文件夹中的符号链接不被跟随' })]);
    expect(existsSync(root)).toBe(false);
  });
});
