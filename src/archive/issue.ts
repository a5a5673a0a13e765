import { chmodSync, existsSync, lstatSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { ArchiveError } from './errors.js';
import { walkNoLinks, readFilesNoLinks } from './files.js';
import { appendLog, readLog, sha256 } from './log.js';
import { listedFiles, MANIFEST_FILE, parseManifest } from './manifest.js';
import { ISSUED_FILE, listVersions, quarterDir, readVersion, type IssueRecord, type VersionInfo } from './store.js';
import { lockQuarter } from './lock.js';
import { localTime } from './time.js';
import { rebuildWithIssue } from './index.js';
import type { ReportInputs } from '../report.js';

/**
 * Issuing a version: the issue record (ISSUED.json) is written, every file and
 * folder of the version made read-only, and the issue entry appended to the
 * archive log — in this order, each step safe to repeat, so that `issue` run
 * again after a crash completes a half-done issue instead of refusing it.
 */
export interface IssueOptions {
  root: string;
  quarter: string;
  /** Default: the newest version. */
  version?: number;
  /** The 期号; required when the version's header has none. */
  issue?: string;
  note?: string;
  /** Asked when neither the version nor `issue` gives a 期号 (the command line asks on a terminal). */
  askIssue?: () => Promise<string | undefined>;
  /** Ed25519 private key: the log entry is signed. */
  key?: KeyObject;
  now?: () => Date;
  onStage?: ReportInputs['onStage'];
}

export interface IssueResult {
  info: VersionInfo;
  record: IssueRecord;
  /** Hash of the issue entry in the archive log, for the editor to keep outside the archive. */
  hash: string;
  /** A half-done issue (killed midway) was completed. */
  resumed: boolean;
  /** The version built without a 期号 that this one was built from, with it. */
  rebuiltFrom?: number;
}

export async function issueQuarter(o: IssueOptions): Promise<IssueResult> {
  const versions = listVersions(o.root, o.quarter);
  if (!versions.length) throw new InputError([{ file: o.root, message: `归档中没有 ${o.quarter} 的任何版本`, hint: `先构建：npm run report -- --quarter ${o.quarter}` }]);
  let target = o.version !== undefined ? readVersion(o.root, o.quarter, o.version) : versions[versions.length - 1];
  if (target.issued) {
    if (issueComplete(target)) throw new ArchiveError('refused', target.dir, `${o.quarter} v${target.version} 已于 ${localTime(target.issued.at)}（北京时间）发布`, '已发布的版本保持原样；更正会生成新版本（重新构建即可）');
    return { ...withLock(o, () => completeIssue(target, o.key)), resumed: true };
  }
  const manifest = checkIssuable(target);
  const had = manifest.issue ?? '';
  if (o.issue && had && o.issue !== had)
    throw new InputError([
      { file: '--issue', message: `v${target.version} 页眉上的期号是「${had}」，与 --issue「${o.issue}」不同`, hint: `按新期号重新构建：npm run report -- --quarter ${o.quarter} --issue ${o.issue}，再发布新版本；或去掉 --issue` },
    ]);
  const issue = had || o.issue || (await o.askIssue?.());
  if (!issue) throw new InputError([{ file: target.dir, message: `v${target.version} 的页眉没有期号，不能发布`, hint: `用 --issue 给出期号，例如：scindex issue --quarter ${o.quarter} --issue 2018年第6期（会用同样的数据生成带期号的新版本再发布）` }]);
  let rebuiltFrom: number | undefined;
  if (!had) {
    // Same inputs, same numbers; only the header's 期号 differs.
    const r = await rebuildWithIssue(o.root, target, issue, { now: o.now, onStage: o.onStage });
    rebuiltFrom = target.version;
    target = r.version;
  }
  const record: IssueRecord = { quarter: o.quarter, version: target.version, at: (o.now ?? (() => new Date()))().toISOString(), issue, ...(o.note ? { note: o.note } : {}), manifest: sha256(readFileSync(join(target.dir, MANIFEST_FILE))) };
  const issued = target;
  const done = withLock(o, () => {
    writeRecord(issued, record);
    return completeIssue(readVersion(o.root, o.quarter, issued.version), o.key);
  });
  return { ...done, resumed: false, ...(rebuiltFrom !== undefined ? { rebuiltFrom } : {}) };
}

function withLock<T>(o: IssueOptions, f: () => T): T {
  const lock = lockQuarter(quarterDir(o.root, o.quarter), o.quarter);
  try {
    return f();
  } finally {
    lock.release();
  }
}

/** A version may be issued when it is a full build whose files are exactly those its manifest lists. */
function checkIssuable(info: VersionInfo) {
  const { files, others } = readFilesNoLinks(info.dir);
  const refuse = (message: string, hint: string) => new ArchiveError('refused', info.dir, message, hint);
  if (others.length) throw refuse(`版本中有符号链接或特殊文件（${others.join('、')}），不能发布`, '版本文件夹里只应有本工具写入的普通文件；用 scindex verify 检查');
  const manifest = parseManifest(files.get(MANIFEST_FILE));
  if (!manifest) throw refuse('manifest.json 缺失或损坏，不能发布', '重新构建这个季度');
  if (manifest.factsOnly || !files.has('report.pdf')) throw refuse(`v${info.version} 是只含事实台账的构建（--facts-only），不能发布`, `先构建完整报告：npm run report -- --quarter ${info.quarter}`);
  const listed = listedFiles(manifest);
  const wrong = [...files.keys()].filter((k) => k !== MANIFEST_FILE && listed.get(k) !== sha256(files.get(k)!));
  const missing = [...listed.keys()].filter((k) => !files.has(k));
  if (wrong.length || missing.length) throw refuse(`版本的文件与 manifest.json 不符（${[...wrong, ...missing].slice(0, 5).join('、')}），不能发布`, '用 scindex verify 查看详情，然后重新构建');
  return manifest;
}

const stall = (step: string) => {
  // Test hook: stop at a step of issuing so that a test can kill the process there.
  if (process.env.SCINDEX_TEST_STALL_ISSUE === step) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
};

/** ISSUED.json, written whole (a temporary file renamed into place). */
function writeRecord(info: VersionInfo, record: IssueRecord): void {
  const tmp = join(info.dir, `.${ISSUED_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n');
  renameSync(tmp, join(info.dir, ISSUED_FILE));
  stall('record');
}

/** Read-only files and folders, then the log entry (the last step). Each step is skipped if already done. */
function completeIssue(info: VersionInfo, key?: KeyObject): Omit<IssueResult, 'resumed'> {
  const { files, dirs, others } = walkNoLinks(info.dir);
  if (others.length) throw new ArchiveError('refused', info.dir, `版本中有符号链接或特殊文件（${others.join('、')}），不改动它们`, '用 scindex verify 检查这个版本');
  for (const f of files) chmodSync(f, 0o444);
  for (const d of [...dirs].reverse()) chmodSync(d, 0o555);
  chmodSync(info.dir, 0o555);
  stall('readonly');
  const recordBytes = readFileSync(join(info.dir, ISSUED_FILE));
  const record = JSON.parse(recordBytes.toString('utf8')) as IssueRecord;
  const qdir = join(info.dir, '..');
  const logged = readLog(qdir).entries.find((e) => e.entry.event === 'issue' && e.entry.version === info.version && e.entry.record === sha256(recordBytes));
  const hash =
    logged?.hash ??
    appendLog(
      qdir,
      { event: 'issue', quarter: info.quarter, version: info.version, at: record.at, manifest: record.manifest ?? '', record: sha256(recordBytes), ...(record.issue ? { issue: record.issue } : {}), ...(record.note ? { note: record.note } : {}) },
      key,
    );
  return { info: readVersion(join(qdir, '..'), info.quarter, info.version), record, hash };
}

/** Whether issuing finished: the record, read-only files and folders, and the log entry. */
export function issueComplete(info: VersionInfo): boolean {
  const path = join(info.dir, ISSUED_FILE);
  if (!existsSync(path)) return false;
  const { files, dirs } = walkNoLinks(info.dir);
  if ([info.dir, ...dirs, ...files].some((p) => (lstatSync(p).mode & 0o222) !== 0)) return false;
  const record = sha256(readFileSync(path));
  return readLog(join(info.dir, '..')).entries.some((e) => e.entry.event === 'issue' && e.entry.version === info.version && e.entry.record === record);
}
