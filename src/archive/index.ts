import { existsSync, mkdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadInputs, SAMPLE_DATA } from '../pipeline.js';
import { DEFAULT_TEMPLATES, isInside, loadBulletin, type ReportInputs } from '../report.js';
import type { Ledger } from '../facts/types.js';
import { changesMarkdown, diffVersions } from './changes.js';
import { snapshotInputs, templateFiles, type FileMap } from './snapshot.js';
import { writeFiles } from './write.js';
import { commitVersion, listVersions, makeTemporaryDir, quarterDir, removePartials, removeTemporaryDir, type VersionInfo } from './store.js';
import { lockQuarter, type Lock } from './lock.js';
import { appendLog, sha256 } from './log.js';
import { ArchiveError } from './errors.js';
import { buildFromSnapshot, optionsFile, type BuildOptionsFile } from './rebuild.js';
import { hashes, MANIFEST_FILE, parseManifest, TOOL, type Manifest } from './manifest.js';
import { readFilesNoLinks } from './files.js';
import { mapSnapshotPaths, type UserPaths } from './paths.js';

export { TOOL, type Manifest } from './manifest.js';
export { verifyVersion, type VerifyResult } from './verify.js';
export { buildFromSnapshot } from './rebuild.js';

export interface BuildVersionResult {
  status: 'built' | 'unchanged';
  version: VersionInfo;
  ledger: Ledger;
  changes: string | null;
  /** Claims verified by the fact check in the narrative, the PDF and the DOCX (full builds only). */
  claims?: { narrative: number; pdf: number; docx: number };
  /** Milliseconds per stage: the report's stages, then `archive` (snapshot, hashes, commit). */
  timings: Record<string, number>;
}

type StageListener = ReportInputs['onStage'];

/**
 * Builds a new version of a quarter's report into the archive under `root`:
 * snapshot the inputs, build from the snapshot, and commit v<N+1> atomically —
 * unless the newest version already has exactly these inputs and outputs.
 */
export async function buildVersion(input: Omit<ReportInputs, 'districts'> & { root: string; issue?: string; now?: () => Date }): Promise<BuildVersionResult> {
  const t0 = performance.now();
  const templatesDir = resolve(input.templatesDir ?? DEFAULT_TEMPLATES);
  templateFiles(templatesDir); // a wrong --templates is refused before anything is read or written
  const { config, dataset, quarter } = await loadInputs(input);
  const snapshot = snapshotInputs(config, dataset, quarter, templatesDir);
  snapshot.set('inputs/options.json', optionsFile({ issue: input.issue, sampleData: isInside(input.data, SAMPLE_DATA) }));
  const userPaths: UserPaths = { templates: templatesDir, config: config.files.config, districts: config.files.districts, data: resolve(input.data) };
  return commitBuild({ root: input.root, quarter, snapshot, userPaths, factsOnly: input.factsOnly, now: input.now, onStage: input.onStage, t0 });
}

/**
 * A new version built from an archived version's inputs with another 期号 (the
 * numbers stay the same): how `issue` gives a version built without a 期号 one.
 */
export async function rebuildWithIssue(root: string, base: VersionInfo, issue: string, opts: { now?: () => Date; onStage?: StageListener } = {}): Promise<BuildVersionResult> {
  const { files } = readFilesNoLinks(base.dir);
  const snapshot: FileMap = new Map([...files].filter(([k]) => k.startsWith('inputs/')));
  // The same options but the 期号 (a build from the sample stays marked as one).
  const before = JSON.parse(Buffer.from(snapshot.get('inputs/options.json') ?? '{}').toString('utf8')) as BuildOptionsFile;
  snapshot.set('inputs/options.json', optionsFile({ ...before, issue }));
  const inputs = join(base.dir, 'inputs');
  const userPaths: UserPaths = { templates: join(inputs, 'templates'), config: join(inputs, 'config/index.yaml'), districts: join(inputs, 'config/districts.yaml'), data: join(inputs, 'data') };
  return commitBuild({ root, quarter: base.quarter, snapshot, userPaths, now: opts.now, onStage: opts.onStage, t0: performance.now() });
}

/** The archive folder must be a folder (or not exist yet). */
function checkOutDir(root: string): void {
  if (existsSync(root) && !statSync(root).isDirectory()) throw new ArchiveError('output', root, '输出位置是一个文件，不是文件夹', '用 --out 指定一个文件夹（不存在时会新建）');
}

interface CommitInput {
  root: string;
  quarter: string;
  snapshot: FileMap;
  userPaths: UserPaths;
  factsOnly?: boolean;
  now?: () => Date;
  onStage?: StageListener;
  t0: number;
}

/** Locks the quarter, builds from the snapshot and commits the version (or finds it unchanged). */
async function commitBuild(c: CommitInput): Promise<BuildVersionResult> {
  const { root, quarter } = c;
  checkOutDir(root);
  const qdir = quarterDir(root, quarter);
  const madeRoot = !existsSync(root);
  const made = !existsSync(qdir);
  mkdirSync(qdir, { recursive: true });
  let ok = false;
  let lock: Lock | undefined;
  try {
    lock = lockQuarter(qdir, quarter);
    removePartials(root, quarter);
    const tb = performance.now();
    const { build, issue } = await buildInScratch(qdir, c);
    const tbEnd = performance.now();
    const { ledger, factCheck, timings: stages } = build;
    // Everything outside the report's own stages: reading the given data, the snapshot, hashing and the commit.
    const timings = () => ({ ...stages, archive: performance.now() - c.t0 - (tbEnd - tb) });
    const claims = factCheck ? { narrative: factCheck.narrative.claims, pdf: factCheck.pdf.claims, docx: factCheck.docx.claims } : undefined;
    const next = nextVersion(c, build.files, ledger, issue);
    if (next.status === 'unchanged') {
      ok = true;
      return { status: 'unchanged', version: next.latest, ledger, changes: null, claims, timings: timings() };
    }
    const held = lock;
    commitVersion(root, quarter, next.version, next.files, () => {
      if (!held.held()) throw new ArchiveError('busy', join(qdir, '.lock'), `${quarter} 的锁已被另一个进程接管`, '本次构建没有写入任何版本；等另一个进程结束后再运行');
      appendLog(qdir, { event: 'build', quarter, version: next.version, at: next.builtAt, manifest: sha256(next.files.get(MANIFEST_FILE)!) });
    });
    ok = true;
    return { status: 'built', version: listVersions(root, quarter).find((v) => v.version === next.version)!, ledger, changes: next.changes, claims, timings: timings() };
  } finally {
    lock?.release();
    // A failed first build of a quarter leaves no empty quarter folder (nor an archive folder it made) behind.
    if (!ok && made) rmdirQuiet(qdir);
    if (!ok && madeRoot) rmdirQuiet(root);
  }
}

/** Builds from the snapshot written to disk, exactly as `verify` will rebuild it; messages name the user's files. */
async function buildInScratch(qdir: string, c: CommitInput) {
  const scratch = makeTemporaryDir(qdir, '.scratch-');
  try {
    writeFiles(scratch, c.snapshot);
    const inputsDir = join(scratch, 'inputs');
    const build = await buildFromSnapshot(inputsDir, c.quarter, { factsOnly: c.factsOnly, onStage: c.onStage }).catch((e: unknown) => {
      throw mapSnapshotPaths(e, inputsDir, c.userPaths);
    });
    // The 期号 the header carries (a facts-only build has no header: only the one given).
    const given = (JSON.parse(readFileSync(join(inputsDir, 'options.json'), 'utf8')) as BuildOptionsFile).issue;
    const issue = given || (c.factsOnly ? '' : loadBulletin(join(inputsDir, 'templates')).issue);
    return { build, issue };
  } finally {
    removeTemporaryDir(scratch);
  }
}

const manifestOf = (v: VersionInfo) => parseManifest(existsSync(join(v.dir, MANIFEST_FILE)) ? readFileSync(join(v.dir, MANIFEST_FILE)) : undefined);

type NextVersion = { status: 'unchanged'; latest: VersionInfo } | { status: 'new'; version: number; files: FileMap; changes: string | null; builtAt: string };

/** The files of the next version with its changes.md and manifest — or `unchanged` when the newest version has these inputs and outputs. */
function nextVersion(c: CommitInput, outputs: FileMap, ledger: Ledger, issue: string): NextVersion {
  const versions = listVersions(c.root, c.quarter);
  const latest = versions[versions.length - 1];
  const inputs = hashes(c.snapshot);
  const outs = hashes(outputs);
  const latestManifest = latest && manifestOf(latest);
  if (latestManifest && JSON.stringify(latestManifest.inputs) === JSON.stringify(inputs) && JSON.stringify(latestManifest.outputs) === JSON.stringify(outs)) return { status: 'unchanged', latest };
  const version = (latest?.version ?? 0) + 1;
  // A correction is described against the issued version, or, while nothing is issued, against the previous build of the same kind.
  const issued = [...versions].reverse().find((v) => v.issued);
  const base = issued ?? [...versions].reverse().find((v) => !!manifestOf(v)?.factsOnly === !!c.factsOnly);
  const files: FileMap = new Map([...c.snapshot, ...outputs]);
  let changes: string | null = null;
  if (base) {
    const before = readFilesNoLinks(base.dir).files;
    changes = changesMarkdown(diffVersions(before, files), { title: ledger.meta.title, quarter: c.quarter, fromVersion: base.version, toVersion: version, issue: issue || undefined, fromIssued: !!issued, issueBefore: manifestOf(base)?.issue });
    files.set('changes.md', Buffer.from(changes));
  }
  const builtAt = (c.now ?? (() => new Date()))().toISOString();
  const records = changes !== null ? { records: { 'changes.md': sha256(files.get('changes.md')!) } } : {};
  const manifest: Manifest = { tool: { name: TOOL.name, version: TOOL.version }, quarter: c.quarter, version, builtAt, corrects: base?.version ?? null, factsOnly: !!c.factsOnly, issue, inputs, outputs: outs, ...records };
  files.set(MANIFEST_FILE, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
  return { status: 'new', version, files, changes, builtAt };
}

function rmdirQuiet(dir: string): void {
  try {
    rmdirSync(dir); // only if empty
  } catch {
    /* not empty: it holds something, which stays */
  }
}
