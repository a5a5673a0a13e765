import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { buildFromSnapshot, buildVersion, verifyVersion } from '../../src/archive/index.js';
import { issueComplete, issueQuarter } from '../../src/archive/issue.js';
import { readLog, readKey, sha256 } from '../../src/archive/log.js';
import { listVersions, readVersion } from '../../src/archive/store.js';
import { ArchiveError } from '../../src/archive/errors.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

/** One full build of 2018Q3 with its 期号, not yet issued; each test works on a copy. */
let fixture: string;
beforeAll(async () => {
  fixture = tempDir();
  await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root: fixture, issue: '2018年第6期' });
}, 120_000);

const copy = () => {
  const root = tempDir();
  cpSync(fixture, root, { recursive: true });
  return root;
};
const v = (root: string, n = 1) => readVersion(root, '2018Q3', n);
const qdir = (root: string) => join(root, '2018Q3');

function keys() {
  const dir = tempDir();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv: join(dir, 'key.pem'), pub: join(dir, 'pub.pem') };
}

/** What someone who can write the folder does: make files writable again and change them. */
function unlock(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir, { recursive: true }) as string[]) chmodSync(join(dir, name), statSync(join(dir, name)).isDirectory() ? 0o755 : 0o644);
}
/** … and makes them read-only again, so that nothing looks out of place. */
function relock(dir: string): void {
  for (const name of readdirSync(dir, { recursive: true }) as string[]) chmodSync(join(dir, name), statSync(join(dir, name)).isDirectory() ? 0o555 : 0o444);
  chmodSync(dir, 0o555);
}
const editJson = (path: string, edit: (x: Record<string, unknown>) => void) => {
  const x = JSON.parse(readFileSync(path, 'utf8'));
  edit(x);
  writeFileSync(path, JSON.stringify(x, null, 2) + '\n');
};
/** Rewrites the archive log as a forger would: consistent hashes, no valid signature. */
function rewriteLog(root: string, edit: (e: Record<string, unknown>) => void): void {
  const path = join(qdir(root), 'archive-log.jsonl');
  let prev = '0'.repeat(64);
  const lines = readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const e = JSON.parse(l);
      delete e.sig;
      edit(e);
      e.prev = prev;
      const line = JSON.stringify(e);
      prev = sha256(line);
      return line;
    });
  writeFileSync(path, lines.join('\n') + '\n');
}

describe("the archive's record", () => {
  it('issue writes the record, makes the version read-only and returns the hash of its log entry; verify accepts it', async () => {
    const root = copy();
    const r = await issueQuarter({ root, quarter: '2018Q3', note: '科技参考2018年第6期' });
    expect(r.info.issued).toMatchObject({ issue: '2018年第6期', note: '科技参考2018年第6期', manifest: sha256(readFileSync(join(v(root).dir, 'manifest.json'))) });
    const log = readLog(qdir(root));
    expect(log.entries.map((e) => e.entry.event)).toEqual(['build', 'issue']);
    expect(r.hash).toBe(log.entries[1].hash);
    expect(issueComplete(v(root))).toBe(true);
    expect(statSync(join(v(root).dir, 'report.pdf')).mode & 0o222).toBe(0);
    expect(await verifyVersion(v(root), { rebuild: false })).toMatchObject({ ok: true, problems: [], issueHash: r.hash });
  });

  it('verify catches an edited hash in manifest.json', async () => {
    const root = copy();
    await issueQuarter({ root, quarter: '2018Q3' });
    unlock(v(root).dir);
    editJson(join(v(root).dir, 'manifest.json'), (m) => ((m.outputs as Record<string, string>)['report.pdf'] = 'f'.repeat(64)));
    const r = await verifyVersion(v(root), { rebuild: false });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(
      expect.arrayContaining(['report.pdf 与 manifest.json 记录的 SHA-256 不符', expect.stringMatching(/^manifest\.json 与归档日志第1行记录的不符/), expect.stringMatching(/^manifest\.json 与发布记录 ISSUED\.json 中的哈希不符/)]),
    );
  });

  it('verify catches a forged issue date or note', async () => {
    const root = copy();
    await issueQuarter({ root, quarter: '2018Q3', note: '科技参考2018年第6期' });
    unlock(v(root).dir);
    editJson(join(v(root).dir, 'ISSUED.json'), (x) => {
      x.at = '2018-10-01T00:00:00.000Z';
      x.note = '科技参考2018年第5期';
    });
    const r = await verifyVersion(v(root), { rebuild: false });
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^ISSUED\.json 与归档日志第2行的发布记录不符：发布日期、期号或备注被改动过/)]));
  });

  it('verify catches an input changed (城口县) with every output rebuilt to match and the manifest rewritten', async () => {
    const root = copy();
    await issueQuarter({ root, quarter: '2018Q3' });
    const dir = v(root).dir;
    unlock(dir);
    const csv = join(dir, 'inputs/data/2018Q3.csv');
    const lines = readFileSync(csv, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(',城口县,'));
    const cells = lines[i].split(',');
    cells[2] = String(Number(cells[2]) + 300);
    lines[i] = cells.join(',');
    writeFileSync(csv, lines.join('\n'));
    const { files } = await buildFromSnapshot(join(dir, 'inputs'), '2018Q3');
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    editJson(join(dir, 'manifest.json'), (m) => {
      (m.inputs as Record<string, string>)['inputs/data/2018Q3.csv'] = sha256(readFileSync(csv));
      for (const [name, bytes] of files) (m.outputs as Record<string, string>)[name] = sha256(bytes);
    });
    relock(dir);
    const r = await verifyVersion(v(root));
    // the rebuild alone would call it identical: the record is what tells
    expect(r.mismatched).toEqual([]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/^manifest\.json 与归档日志第1行记录的不符/), expect.stringMatching(/^manifest\.json 与发布记录 ISSUED\.json 中的哈希不符/)]);
  }, 120_000);

  it('a forger who also rewrites ISSUED.json and the whole log is caught by the kept record hash and by the signature', async () => {
    const root = copy();
    const k = keys();
    const issued = await issueQuarter({ root, quarter: '2018Q3', key: readKey(k.priv, 'private') });
    expect(readLog(qdir(root)).entries[1].entry.sig).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await verifyVersion(v(root), { rebuild: false, key: readKey(k.pub, 'public') })).toMatchObject({ ok: true });
    // another key does not vouch for it
    expect((await verifyVersion(v(root), { rebuild: false, key: readKey(keys().pub, 'public') })).problems).toEqual([expect.stringMatching(/签名与给出的公钥不符/)]);

    const dir = v(root).dir;
    unlock(dir);
    editJson(join(dir, 'ISSUED.json'), (x) => (x.note = '伪造的备注'));
    const record = sha256(readFileSync(join(dir, 'ISSUED.json')));
    rewriteLog(root, (e) => {
      if (e.event === 'issue') e.record = record;
    });
    relock(dir);
    expect(await verifyVersion(v(root), { rebuild: false })).toMatchObject({ ok: true }); // consistent in itself …
    expect(readLog(qdir(root)).entries.some((e) => e.hash === issued.hash)).toBe(false); // … but the kept hash is gone
    expect((await verifyVersion(v(root), { rebuild: false, key: readKey(k.pub, 'public') })).problems).toEqual([expect.stringMatching(/发布记录没有签名/)]);
    const cli = spawnSync(process.execPath, ['bin/scindex.mjs', 'verify', '-q', '2018Q3', '-o', root, '--key', k.pub, '--record', issued.hash], { encoding: 'utf8' });
    expect(cli.status).toBe(4);
    expect(cli.stdout).toContain(`归档日志中找不到哈希为 ${issued.hash} 的记录`);
    expect(cli.stdout).toMatch(/发布记录没有签名/);
  }, 120_000);

  it('verify catches a line removed from the log, and refuses to append to a broken log', async () => {
    const root = copy();
    await issueQuarter({ root, quarter: '2018Q3' });
    const path = join(qdir(root), 'archive-log.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8').split('\n').slice(1).join('\n'));
    const r = await verifyVersion(v(root), { rebuild: false });
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/archive-log\.jsonl 第1行与前一行的哈希链接不上/), '归档日志中没有 v1 的构建记录']));
  });

  for (const step of ['record', 'readonly']) {
    it(`an issue killed after the ${step} step is completed by running issue again`, async () => {
      const root = copy();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'issue', '-q', '2018Q3', '-o', root], { env: { ...process.env, SCINDEX_TEST_STALL_ISSUE: step }, stdio: 'ignore' });
      const dir = v(root).dir;
      const reached = () => existsSync(join(dir, 'ISSUED.json')) && (step === 'record' || (statSync(dir).mode & 0o222) === 0);
      const deadline = Date.now() + 30_000;
      while (!reached() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      expect(issueComplete(v(root))).toBe(false);
      expect((await verifyVersion(v(root), { rebuild: false })).problems).toEqual(expect.arrayContaining([expect.stringMatching(/发布未完成（再运行一次 scindex issue 完成它）/)]));
      const again = await issueQuarter({ root, quarter: '2018Q3' });
      expect(again.resumed).toBe(true);
      expect(await verifyVersion(v(root), { rebuild: false })).toMatchObject({ ok: true });
      expect(readLog(qdir(root)).entries.filter((e) => e.entry.event === 'issue')).toHaveLength(1);
      // and now it is issued for good
      await expect(issueQuarter({ root, quarter: '2018Q3' })).rejects.toThrow(/已于 .*（北京时间）发布/);
    }, 60_000);
  }

  it('a version built without a 期号 is issued as a new version built with it (same numbers); a facts-only version is not issuable', async () => {
    const root = tempDir();
    await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q3', root });
    await expect(issueQuarter({ root, quarter: '2018Q3' })).rejects.toThrow(/v1 的页眉没有期号，不能发布/);
    await expect(issueQuarter({ root, quarter: '2018Q3', askIssue: async () => undefined })).rejects.toThrow(/用 --issue 给出期号/);
    const r = await issueQuarter({ root, quarter: '2018Q3', askIssue: async () => '2018年第6期' });
    expect(r).toMatchObject({ rebuiltFrom: 1, record: { version: 2, issue: '2018年第6期' } });
    const [v1, v2] = listVersions(root, '2018Q3');
    expect(readFileSync(join(v2.dir, 'facts.json')).equals(readFileSync(join(v1.dir, 'facts.json')))).toBe(true);
    expect(readFileSync(join(v2.dir, 'narrative.md')).equals(readFileSync(join(v1.dir, 'narrative.md')))).toBe(true);
    expect(JSON.parse(readFileSync(join(v2.dir, 'inputs/options.json'), 'utf8'))).toEqual({ issue: '2018年第6期', sampleData: true }); // the sample mark is kept
    expect(JSON.parse(readFileSync(join(v2.dir, 'manifest.json'), 'utf8'))).toMatchObject({ issue: '2018年第6期', corrects: 1 });
    const changes = readFileSync(join(v2.dir, 'changes.md'), 'utf8');
    expect(changes).toContain('得分与排名没有变化。');
    expect(changes).toContain('## 页眉\n\n- 期号：（无） → 2018年第6期');
    expect(readFileSync(join(v2.dir, 'report.pdf')).equals(readFileSync(join(v1.dir, 'report.pdf')))).toBe(false);
    expect(await verifyVersion(v2)).toMatchObject({ ok: true });

    await buildVersion({ data: SAMPLE_DATA, quarter: '2018Q2', root, factsOnly: true, issue: '2018年第5期' });
    const refused = await issueQuarter({ root, quarter: '2018Q2' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ArchiveError);
    expect(String((refused as Error).message)).toMatch(/v1 是只含事实台账的构建（--facts-only），不能发布/);
  }, 180_000);

  it('a 期号 other than the one in the header is refused', async () => {
    const root = copy();
    await expect(issueQuarter({ root, quarter: '2018Q3', issue: '2018年第7期' })).rejects.toThrow(/页眉上的期号是「2018年第6期」，与 --issue「2018年第7期」不同/);
  });
});
