import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildVersion, verifyVersion } from '../../src/archive/index.js';
import { listVersions } from '../../src/archive/store.js';
import { lockQuarter } from '../../src/archive/lock.js';
import { issueQuarter } from '../../src/archive/issue.js';
import { ArchiveError } from '../../src/archive/errors.js';
import { buildMany } from '../../src/archive/batch.js';
import { InputError } from '../../src/errors.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

/** A private copy of the sample data, so a test can correct a value. */
function sampleCopy(): string {
  const dir = join(tempDir(), 'data');
  mkdirSync(dir);
  for (const f of readdirSync(SAMPLE_DATA)) copyFileSync(join(SAMPLE_DATA, f), join(dir, f));
  return dir;
}

const factsOnly = true;

describe('archive', () => {
  it('builds v1, then finds an identical rebuild unchanged, and verifies byte for byte', async () => {
    const root = tempDir();
    const a = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly });
    expect(a.status).toBe('built');
    expect(a.version.version).toBe(1);
    const manifest = JSON.parse(readFileSync(join(a.version.dir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.inputs)).toEqual(expect.arrayContaining(['inputs/data/2018Q2.csv', 'inputs/data/2018Q3.csv', 'inputs/config/index.yaml']));
    expect(manifest.outputs['facts.json']).toMatch(/^[0-9a-f]{64}$/);
    const b = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly });
    expect(b.status).toBe('unchanged');
    const v = await verifyVersion(a.version);
    expect(v).toMatchObject({ ok: true, mismatched: [], missing: [] });
    // the rebuilt ledger cites the original files, not the snapshot
    const facts = JSON.parse(readFileSync(join(a.version.dir, 'facts.json'), 'utf8'));
    expect(facts.districts[0].source.file).toBe('双创指标_2018.csv');
  });

  it('a full report (PDF, DOCX, figures) rebuilds byte for byte from its archived inputs', async () => {
    const root = tempDir();
    const { version } = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, issue: '2018年第6期' });
    const manifest = JSON.parse(readFileSync(join(version.dir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.outputs)).toEqual(expect.arrayContaining(['report.pdf', 'report.docx', 'narrative.md', 'figures/fig13-two-quarter-total.svg']));
    expect(manifest.inputs['inputs/options.json']).toBeDefined();
    expect(Object.keys(manifest.inputs)).toEqual(expect.arrayContaining(['inputs/templates/report/report.hbs', 'inputs/templates/figures.yaml']));
    const v = await verifyVersion(version);
    expect(v.mismatched).toEqual([]);
    expect(v.missing).toEqual([]);
    expect(v.checked).toEqual(expect.arrayContaining(['report.pdf', 'report.docx']));
  }, 120_000);

  it('verify notices an output that no longer matches its inputs', async () => {
    const root = tempDir();
    const { version } = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q2', root, factsOnly });
    const path = join(version.dir, 'facts.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"score": ', '"score": 1'));
    expect(await verifyVersion(version)).toMatchObject({ ok: false, mismatched: ['facts.json'] });
  });

  it('verify names the tool version that built a version when it is not this one', async () => {
    const root = tempDir();
    const { version } = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q2', root, factsOnly });
    expect((await verifyVersion(version)).builtWith).toBeUndefined();
    const path = join(version.dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...manifest, tool: { ...manifest.tool, version: '0.0.1' } }, null, 2) + '\n');
    // the edited manifest no longer matches the archive log (a forgery), and the tool version it names is reported
    const r = await verifyVersion(version);
    expect(r).toMatchObject({ ok: false, mismatched: [], builtWith: `${manifest.tool.name} 0.0.1` });
    expect(r.problems).toEqual([expect.stringMatching(/^manifest\.json 与归档日志第1行记录的不符/)]);
  });

  it('an issued version is never overwritten; a correction makes v2 with changes.md and a 更正说明', async () => {
    const root = tempDir();
    const data = sampleCopy();
    const v1 = await buildVersion({ data, quarter: '2018Q3', root, issue: '2018年第6期' });
    await issueQuarter({ root, quarter: '2018Q3', version: 1, note: '科技参考2018年第6期', now: () => new Date('2018-11-30T00:00:00.000Z') });
    const before = readFileSync(join(v1.version.dir, 'facts.json'));
    await expect(issueQuarter({ root, quarter: '2018Q3', version: 1 })).rejects.toThrow(ArchiveError);

    // correct one number: 渝北区's 2018Q3 新注册企业数
    const file = join(data, '双创指标_2018.csv');
    const lines = readFileSync(file, 'utf8').split('\r\n');
    const i = lines.findIndex((l) => l.startsWith('2018Q3,渝北区,'));
    const cells = lines[i].split(',');
    const old = cells[2];
    cells[2] = String(Number(old) - 600);
    lines[i] = cells.join(',');
    writeFileSync(file, lines.join('\r\n'));

    const v2 = await buildVersion({ data, quarter: '2018Q3', root, issue: '2018年第6期' });
    expect(v2.version.version).toBe(2);
    expect(readFileSync(join(v1.version.dir, 'facts.json')).equals(before)).toBe(true);
    const changes = readFileSync(join(v2.version.dir, 'changes.md'), 'utf8');
    expect(changes).toContain(`- 2018Q3 渝北区 新注册企业数：${old} → ${cells[2]}`);
    expect(changes).toMatch(/- 渝北区 双创活力：\d+\.\d\d → \d+\.\d\d/);
    expect(changes).toMatch(/- 渝北区 双创指数：\d+\.\d\d → \d+\.\d\d/);
    expect(changes).toContain('## 更正说明（草稿）');
    expect(changes).toMatch(/本刊2018年第6期刊发的《2018年第三季度重庆区县双创指数报告》因渝北区新注册企业数数据更正，部分内容需作更正：渝北区双创指数得分由\d+\.\d\d分更正为\d+\.\d\d分/);
    expect(changes).not.toMatch(/由(\d+\.\d\d)分更正为\1分/); // a rank-only change is not called a score correction
    expect(changes.indexOf('- 渝北区 双创指数')).toBeLessThan(changes.indexOf('## 分类'));
    expect(JSON.parse(readFileSync(join(v2.version.dir, 'manifest.json'), 'utf8')).corrects).toBe(1);
    expect(listVersions(root, '2018Q3').map((v) => [v.version, !!v.issued])).toEqual([
      [1, true],
      [2, false],
    ]);
  }, 120_000);

  it('a correction of a draft (nothing issued yet) writes changes.md against the previous version, without a 更正说明', async () => {
    const root = tempDir();
    const data = sampleCopy();
    await buildVersion({ data, quarter: '2018Q3', root, factsOnly });
    const file = join(data, '双创指标_2018.csv');
    const lines = readFileSync(file, 'utf8').split('\r\n');
    const i = lines.findIndex((l) => l.startsWith('2018Q3,城口县,'));
    const cells = lines[i].split(',');
    const old = cells[2];
    cells[2] = String(Number(old) + 300);
    lines[i] = cells.join(',');
    writeFileSync(file, lines.join('\r\n'));
    const v2 = await buildVersion({ data, quarter: '2018Q3', root, factsOnly });
    expect(v2.changes).not.toBeNull();
    const changes = readFileSync(join(v2.version.dir, 'changes.md'), 'utf8');
    expect(changes).toMatch(/^# .*：v2 相对于草稿 v1（未发布）的变更/);
    expect(changes).toContain(`- 2018Q3 城口县 新注册企业数：${old} → ${cells[2]}`);
    expect(changes).not.toContain('更正说明');
    const manifest = JSON.parse(readFileSync(join(v2.version.dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ corrects: 1, factsOnly: true });
    expect(manifest.records['changes.md']).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyVersion(v2.version)).toMatchObject({ ok: true });
  });

  it('a build killed mid-write leaves no partial version, and the next build cleans up', async () => {
    const root = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'report', '-q', '2018Q3', '-o', root, '--facts-only'], {
      env: { ...process.env, SCINDEX_TEST_STALL_AFTER_FILES: '2' },
      stdio: 'ignore',
    });
    const qdir = join(root, '2018Q3');
    const deadline = Date.now() + 30_000;
    while (!(existsSync(qdir) && readdirSync(qdir).some((n) => n.includes('.partial-'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(qdir).some((n) => n.includes('.partial-'))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(listVersions(root, '2018Q3')).toEqual([]);
    // the dead build's lock and partial folder do not block the next one
    const r = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly });
    expect(r.version.version).toBe(1);
    expect(readdirSync(qdir).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('a second build of the same quarter is refused while the first holds the lock', async () => {
    const root = tempDir();
    const lock = lockQuarter(join(root, '2018Q3'), '2018Q3');
    await expect(buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly })).rejects.toThrow(/2018Q3 正由另一个进程（进程号 \d+）构建或发布/);
    lock.release();
    await expect(buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly })).resolves.toMatchObject({ status: 'built' });
  });

  it('a failed build leaves the archive as it was', async () => {
    const root = tempDir();
    await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root, factsOnly });
    const bad = join(tempDir(), 'bad.csv');
    writeFileSync(bad, '季度,区县,双创活力\n2018Q3,渝北区,x\n');
    await expect(buildVersion({ data: bad, quarter: '2018Q3', root, factsOnly })).rejects.toThrow(InputError);
    expect(readdirSync(join(root, '2018Q3')).sort()).toEqual(['archive-log.jsonl', 'v1']);
  });

  it('batch builds every sample quarter on worker threads', async () => {
    const root = tempDir();
    const quarters = ['2017Q1', '2017Q2', '2017Q3', '2017Q4', '2018Q1', '2018Q2', '2018Q3', '2018Q4'];
    const progress: number[] = [];
    const results = await buildMany({ data: SAMPLE_DATA, root, quarters, jobs: 2, factsOnly, issues: { '2018Q3': '2018年第6期' }, onProgress: (e) => progress.push(e.done) });
    expect(results.map((r) => [r.quarter, r.ok, r.version])).toEqual(quarters.map((q) => [q, true, 1]));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(JSON.parse(readFileSync(join(root, '2017Q1/v1/facts.json'), 'utf8')).meta.previous).toBeNull();
    // batch --issue: each quarter's 期号 reaches its build
    expect(JSON.parse(readFileSync(join(root, '2018Q3/v1/inputs/options.json'), 'utf8'))).toEqual({ issue: '2018年第6期', sampleData: true }); // built from data/sample: marked 样例数据
    expect(JSON.parse(readFileSync(join(root, '2018Q2/v1/inputs/options.json'), 'utf8'))).toEqual({ sampleData: true });
  }, 120_000);

  it('a full batch (workers started from the bundled code) gives the same bytes as a single build', async () => {
    const batchRoot = tempDir();
    const results = await buildMany({ data: SAMPLE_DATA, root: batchRoot, quarters: ['2018Q2', '2018Q3'], jobs: 2 });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const single = await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root: tempDir() });
    for (const f of ['report.pdf', 'report.docx', 'facts.json', 'narrative.md']) {
      expect(readFileSync(join(batchRoot, '2018Q3/v1', f)).equals(readFileSync(join(single.version.dir, f))), f).toBe(true);
    }
  }, 120_000);
});
