import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { readFilesNoLinks, walkNoLinks } from './files.js';
import { readLog, sha256, signatureValid, type ReadLog } from './log.js';
import { listedFiles, MANIFEST_FILE, parseManifest, TOOL } from './manifest.js';
import { ISSUED_FILE, type IssueRecord, type VersionInfo } from './store.js';
import { buildFromSnapshot } from './rebuild.js';

export interface VerifyResult {
  ok: boolean;
  /** Output files rebuilt from the version's inputs and compared byte for byte. */
  checked: string[];
  mismatched: string[];
  missing: string[];
  /** What is wrong with the version's record (files against the manifest, manifest against the issue record and the log), in Chinese. */
  problems: string[];
  /** The tool version the manifest records, when it is not this one (outputs may then differ by design). */
  builtWith?: string;
  /** Hash of the version's issue entry in the archive log. */
  issueHash?: string;
}

export interface VerifyOptions {
  /** The quarter's archive log, read once for all its versions. */
  log?: ReadLog;
  /** Ed25519 public key: every issue entry must carry its valid signature. */
  key?: KeyObject;
  /** Rebuild the outputs and compare them (default); false checks the record alone. */
  rebuild?: boolean;
}

/**
 * Checks one version as a record: every file against manifest.json, the
 * manifest against the issue record (ISSUED.json) and the archive log, the
 * issue record against the log (and its signature), and finally rebuilds the
 * outputs from the version's inputs and compares them byte for byte.
 */
export async function verifyVersion(info: VersionInfo, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const qdir = join(info.dir, '..');
  const log = opts.log ?? readLog(qdir);
  const { files: stored, others } = readFilesNoLinks(info.dir);
  const problems: string[] = others.map((f) => `${f} 是符号链接或特殊文件：版本中只应有普通文件`);
  const manifestBytes = stored.get(MANIFEST_FILE);
  const manifest = parseManifest(manifestBytes);
  if (!manifest) problems.push('manifest.json 缺失或无法读取');
  else {
    const listed = listedFiles(manifest);
    for (const [name, bytes] of stored) {
      if (name === MANIFEST_FILE || name === ISSUED_FILE) continue;
      const want = listed.get(name);
      if (want === undefined) problems.push(`${name} 不在 manifest.json 中（版本中多出的文件）`);
      else if (want !== sha256(bytes)) problems.push(`${name} 与 manifest.json 记录的 SHA-256 不符`);
    }
    for (const name of listed.keys()) if (!stored.has(name)) problems.push(`缺少 manifest.json 列出的 ${name}`);
    if (manifest.quarter !== info.quarter || manifest.version !== info.version) problems.push(`manifest.json 写的是 ${manifest.quarter} v${manifest.version}，而文件夹是 ${info.quarter} v${info.version}`);
    const built = log.entries.filter((e) => e.entry.event === 'build' && e.entry.version === info.version).pop();
    if (!built) problems.push(`归档日志中没有 v${info.version} 的构建记录`);
    else if (built.entry.manifest !== sha256(manifestBytes!)) problems.push(`manifest.json 与归档日志第${built.line}行记录的不符：清单被改动过`);
  }
  problems.push(...log.problems);
  const issueHash = checkIssue(info, stored, log, opts.key, problems);

  const factsOnly = !stored.has('report.pdf') && !stored.has('narrative.md');
  const expected = [...stored.keys()].filter((k) => !k.startsWith('inputs/') && !['manifest.json', 'changes.md', ISSUED_FILE].includes(k)).sort();
  let rebuilt: Map<string, Uint8Array> = new Map();
  if (opts.rebuild !== false) {
    try {
      rebuilt = (await buildFromSnapshot(join(info.dir, 'inputs'), info.quarter, { factsOnly })).files;
    } catch (e) {
      problems.push(`无法从存档的输入重新生成：${(e as Error).message}`);
    }
  }
  const mismatched = opts.rebuild === false ? [] : expected.filter((k) => rebuilt.has(k) && Buffer.compare(Buffer.from(rebuilt.get(k)!), Buffer.from(stored.get(k)!)) !== 0);
  const missing = opts.rebuild !== false && rebuilt.size ? [...expected.filter((k) => !rebuilt.has(k)), ...[...rebuilt.keys()].filter((k) => !stored.has(k))] : [];
  const builtWith = manifest && manifest.tool.version !== TOOL.version ? `${manifest.tool.name} ${manifest.tool.version}` : undefined;
  return { ok: mismatched.length === 0 && missing.length === 0 && problems.length === 0, checked: expected, mismatched, missing, problems, ...(builtWith ? { builtWith } : {}), ...(issueHash ? { issueHash } : {}) };
}

/** The issue record against the manifest and the log; returns the hash of its log entry. */
function checkIssue(info: VersionInfo, stored: Map<string, Uint8Array>, log: ReadLog, key: KeyObject | undefined, problems: string[]): string | undefined {
  const issueEntries = log.entries.filter((e) => e.entry.event === 'issue' && e.entry.version === info.version);
  const recordBytes = stored.get(ISSUED_FILE);
  if (!recordBytes) {
    if (issueEntries.length) problems.push(`归档日志第${issueEntries[0].line}行记载 v${info.version} 已发布，但版本中没有 ISSUED.json：发布记录被删除了`);
    return undefined;
  }
  let record: IssueRecord | null = null;
  try {
    record = JSON.parse(Buffer.from(recordBytes).toString('utf8')) as IssueRecord;
  } catch {
    problems.push('ISSUED.json 无法读取');
  }
  if (record && record.manifest !== sha256(stored.get(MANIFEST_FILE) ?? new Uint8Array())) problems.push('manifest.json 与发布记录 ISSUED.json 中的哈希不符：发布后清单被改动过');
  const logged = issueEntries.find((e) => e.entry.record === sha256(recordBytes));
  if (!logged) {
    problems.push(
      issueEntries.length ? `ISSUED.json 与归档日志第${issueEntries[0].line}行的发布记录不符：发布日期、期号或备注被改动过` : `归档日志中没有 v${info.version} 的发布记录：发布未完成（再运行一次 scindex issue 完成它），或 ISSUED.json 是伪造的`,
    );
    return undefined;
  }
  const writable = [info.dir, ...walkNoLinks(info.dir).dirs, ...walkNoLinks(info.dir).files].filter((p) => (lstatSync(p).mode & 0o222) !== 0);
  if (writable.length) problems.push(`已发布版本中有 ${writable.length} 个文件或文件夹可写：发布未完成（再运行一次 scindex issue 完成它），或权限被改动过`);
  if (key && !signatureValid(logged.entry, key)) problems.push(logged.entry.sig ? `归档日志第${logged.line}行的发布记录签名与给出的公钥不符` : `归档日志第${logged.line}行的发布记录没有签名（发布时未用 --sign）`);
  return logged.hash;
}
