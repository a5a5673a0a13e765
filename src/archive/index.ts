import { createHash } from 'node:crypto';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadInputs, PROJECT_ROOT } from '../pipeline.js';
import { buildReport, DEFAULT_TEMPLATES, type ReportInputs } from '../report.js';
import type { Ledger } from '../facts/types.js';
import { changesMarkdown, diffVersions } from './changes.js';
import { snapshotInputs, type FileMap } from './snapshot.js';
import { writeFiles } from './write.js';
import { commitVersion, listVersions, lockQuarter, readFiles, removePartials, type VersionInfo } from './store.js';

export const TOOL = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

export interface Manifest {
  tool: { name: string; version: string };
  quarter: string;
  version: number;
  /** When this version was built (the archive's record; no output file contains a clock). */
  builtAt: string;
  /** The issued version this one corrects, if any. */
  corrects: number | null;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const isInput = (name: string) => name.startsWith('inputs/');
/** Files that describe a version rather than being built from its inputs. */
const RECORD_FILES = new Set(['manifest.json', 'changes.md', 'ISSUED.json']);

/** Builds a report from a version's own input snapshot (the one path both a build and a verify take). */
export function buildFromSnapshot(inputsDir: string, quarter: string, extra: Partial<ReportInputs> = {}) {
  // Build options that change the output (the bulletin issue) are inputs too.
  const options = JSON.parse(readFileSync(join(inputsDir, 'options.json'), 'utf8')) as { issue?: string };
  return buildReport({
    ...extra,
    ...options,
    data: join(inputsDir, 'data'),
    config: join(inputsDir, 'config/index.yaml'),
    districts: join(inputsDir, 'config/districts.yaml'),
    templatesDir: join(inputsDir, 'templates'),
    quarter,
  });
}

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

/**
 * Builds a new version of a quarter's report into the archive under `root`:
 * snapshot the inputs, build from the snapshot, and commit v<N+1> atomically —
 * unless the newest version already has exactly these inputs and outputs.
 */
export async function buildVersion(input: Omit<ReportInputs, 'districts'> & { root: string; issue?: string; now?: () => Date }): Promise<BuildVersionResult> {
  const t0 = performance.now();
  const { config, dataset, quarter } = await loadInputs(input);
  const templatesDir = input.templatesDir ?? DEFAULT_TEMPLATES;
  const release = lockQuarter(input.root, quarter, `${process.pid}`);
  const scratch = join(input.root, quarter, `.scratch-${process.pid}-${Date.now()}`);
  try {
    removePartials(input.root, quarter);
    const snapshot = snapshotInputs(config, dataset, quarter, templatesDir);
    snapshot.set('inputs/options.json', Buffer.from(JSON.stringify(input.issue ? { issue: input.issue } : {}) + '\n'));
    // Build from the snapshot written to disk, exactly as `verify` will rebuild it.
    writeFiles(scratch, snapshot);
    const tb = performance.now();
    const { ledger, files: outputs, factCheck, timings: stages } = await buildFromSnapshot(join(scratch, 'inputs'), quarter, { factsOnly: input.factsOnly });
    const tbEnd = performance.now();
    // Everything outside the report's own stages: reading the given data, the snapshot, hashing and the commit.
    const timings = () => ({ ...stages, archive: performance.now() - t0 - (tbEnd - tb) });
    const claims = factCheck ? { narrative: factCheck.narrative.claims, pdf: factCheck.pdf.claims, docx: factCheck.docx.claims } : undefined;
    rmSync(scratch, { recursive: true, force: true });

    const versions = listVersions(input.root, quarter);
    const latest = versions[versions.length - 1];
    const hashes = (m: FileMap) => Object.fromEntries([...m].map(([k, v]) => [k, sha256(v)]).sort(([a], [b]) => (a < b ? -1 : 1)));
    const inputs = hashes(snapshot);
    const outs = hashes(outputs);
    if (latest) {
      const manifest = JSON.parse(readFileSync(join(latest.dir, 'manifest.json'), 'utf8')) as Manifest;
      if (JSON.stringify(manifest.inputs) === JSON.stringify(inputs) && JSON.stringify(manifest.outputs) === JSON.stringify(outs))
        return { status: 'unchanged', version: latest, ledger, changes: null, claims, timings: timings() };
    }
    const version = (latest?.version ?? 0) + 1;
    const issued = [...versions].reverse().find((v) => v.issued);
    const files: FileMap = new Map([...snapshot, ...outputs]);
    let changes: string | null = null;
    if (issued) {
      const before = readFiles(issued.dir);
      changes = changesMarkdown(diffVersions(before, files), { title: ledger.meta.title, quarter, fromVersion: issued.version, toVersion: version, issue: input.issue });
      files.set('changes.md', Buffer.from(changes));
    }
    const manifest: Manifest = { tool: { name: TOOL.name, version: TOOL.version }, quarter, version, builtAt: (input.now ?? (() => new Date()))().toISOString(), corrects: issued?.version ?? null, inputs, outputs: outs };
    files.set('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    commitVersion(input.root, quarter, version, files);
    return { status: 'built', version: listVersions(input.root, quarter).find((v) => v.version === version)!, ledger, changes, claims, timings: timings() };
  } finally {
    if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
    release();
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: string[];
  mismatched: string[];
  missing: string[];
  /** The tool version the manifest records, when it is not this one (outputs may then differ by design). */
  builtWith?: string;
}

/** Rebuilds a version from its archived inputs and compares every output byte for byte. */
export async function verifyVersion(info: VersionInfo): Promise<VerifyResult> {
  const stored = readFiles(info.dir);
  const factsOnly = !stored.has('report.pdf') && !stored.has('narrative.md');
  const { files: rebuilt } = await buildFromSnapshot(join(info.dir, 'inputs'), info.quarter, { factsOnly });
  const expected = [...stored.keys()].filter((k) => !isInput(k) && !RECORD_FILES.has(k)).sort();
  const mismatched = expected.filter((k) => rebuilt.has(k) && Buffer.compare(Buffer.from(rebuilt.get(k)!), Buffer.from(stored.get(k)!)) !== 0);
  const missing = [...expected.filter((k) => !rebuilt.has(k)), ...[...rebuilt.keys()].filter((k) => !stored.has(k))];
  const manifest = stored.has('manifest.json') ? (JSON.parse(Buffer.from(stored.get('manifest.json')!).toString('utf8')) as Manifest) : undefined;
  const builtWith = manifest && manifest.tool.version !== TOOL.version ? `${manifest.tool.name} ${manifest.tool.version}` : undefined;
  return { ok: mismatched.length === 0 && missing.length === 0, checked: expected, mismatched, missing, ...(builtWith ? { builtWith } : {}) };
}
