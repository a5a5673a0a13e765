import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../pipeline.js';
import { sha256 } from './log.js';
import type { FileMap } from './snapshot.js';

export const TOOL = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** What a version holds, with the SHA-256 of every file in it except the manifest and the issue record. */
export interface Manifest {
  tool: { name: string; version: string };
  quarter: string;
  version: number;
  /** When this version was built (the archive's record; no output file contains a clock). */
  builtAt: string;
  /** The version this one corrects (the issued one, or the previous draft), if any. */
  corrects: number | null;
  /** Only the facts ledger was built: such a version cannot be issued. */
  factsOnly?: boolean;
  /** The 期号 in the documents' running header ('' when the header has none). */
  issue?: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  /** Files that describe the version rather than being built from its inputs (changes.md). */
  records?: Record<string, string>;
}

export const MANIFEST_FILE = 'manifest.json';

export function hashes(files: FileMap): Record<string, string> {
  return Object.fromEntries([...files].map(([k, v]) => [k, sha256(v)]).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every file a manifest lists, with its hash. */
export function listedFiles(m: Manifest): Map<string, string> {
  return new Map([...Object.entries(m.inputs), ...Object.entries(m.outputs), ...Object.entries(m.records ?? {})]);
}

export function parseManifest(bytes: Uint8Array | undefined): Manifest | null {
  if (!bytes) return null;
  try {
    const m = JSON.parse(Buffer.from(bytes).toString('utf8')) as Manifest;
    return m && typeof m.inputs === 'object' && typeof m.outputs === 'object' ? m : null;
  } catch {
    return null;
  }
}
