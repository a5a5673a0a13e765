import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, lstatSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { FileMap } from './snapshot.js';

/**
 * The archive: output/<quarter>/v<N>/ folders. A version is written into a
 * hidden temporary folder and renamed into place only when complete; an issued
 * version is made read-only and the tool never writes into it again.
 */

export interface IssueRecord {
  quarter: string;
  version: number;
  at: string;
  /** The 期号 printed in the version's header. */
  issue?: string;
  note?: string;
  /** SHA-256 of the version's manifest.json at issue. */
  manifest?: string;
}

export interface VersionInfo {
  quarter: string;
  version: number;
  dir: string;
  issued: IssueRecord | null;
  builtAt: string | null;
  /** Only the facts ledger was built (not issuable). */
  factsOnly: boolean;
}

const VERSION_DIR = /^v(\d+)$/;
export const ISSUED_FILE = 'ISSUED.json';
/**
 * Marks a temporary folder as the tool's own: only folders holding it are ever
 * removed as leftovers (a user's folder that happens to be named alike is not).
 */
export const MARKER_FILE = '.scindex-temporary';

export function quarterDir(root: string, quarter: string): string {
  return join(root, quarter);
}

export function listVersions(root: string, quarter: string): VersionInfo[] {
  const dir = quarterDir(root, quarter);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => VERSION_DIR.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && lstatSync(join(dir, m[0])).isDirectory())
    .map((m) => readVersion(root, quarter, Number(m[1])))
    .sort((a, b) => a.version - b.version);
}

const readJson = <T>(path: string): T | null => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null; // a missing or damaged record: `verify` says which
  }
};

export function readVersion(root: string, quarter: string, version: number): VersionInfo {
  const dir = join(quarterDir(root, quarter), `v${version}`);
  if (!Number.isInteger(version) || version < 1 || !existsSync(dir)) throw new InputError([{ file: quarterDir(root, quarter), message: `归档中没有 ${quarter} 的 v${version}`, hint: '查看已有版本：scindex list' }]);
  const issued = existsSync(join(dir, ISSUED_FILE)) ? (readJson<IssueRecord>(join(dir, ISSUED_FILE)) ?? { quarter, version, at: '?' }) : null;
  const manifest = readJson<{ builtAt?: string; factsOnly?: boolean }>(join(dir, 'manifest.json'));
  const factsOnly = manifest?.factsOnly ?? !existsSync(join(dir, 'report.pdf'));
  return { quarter, version, dir, issued, builtAt: manifest?.builtAt ?? null, factsOnly };
}

export function listQuarters(root: string): string[] {
  return readdirSync(root)
    .filter((n) => /^\d{4}Q[1-4]$/.test(n) && statSync(join(root, n)).isDirectory())
    .sort();
}

/** A new hidden folder of the tool's own (carrying the marker), with the umask's permissions. */
export function makeTemporaryDir(parent: string, prefix: string): string {
  const dir = join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER_FILE), '本文件夹是 scindex 的临时文件夹，可以删除。\n');
  return dir;
}

/** Removes a temporary folder, but only if it carries the tool's marker. */
export function removeTemporaryDir(dir: string): boolean {
  if (!existsSync(join(dir, MARKER_FILE))) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}

/**
 * Writes a complete version: staged in a hidden temporary folder, then renamed
 * to v<N>. `beforeRename` runs when every file is written (the archive log is
 * appended there, so a version that exists always has its log entry).
 */
export function commitVersion(root: string, quarter: string, version: number, files: FileMap, beforeRename?: () => void): string {
  const qdir = quarterDir(root, quarter);
  const target = join(qdir, `v${version}`);
  if (existsSync(target)) throw new Error(`refusing to overwrite ${target}`);
  const staging = makeTemporaryDir(qdir, `.v${version}.partial-`);
  const stallAfter = Number(process.env.SCINDEX_TEST_STALL_AFTER_FILES ?? NaN);
  try {
    let written = 0;
    for (const [name, content] of files) {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      // Test hook: stall mid-write so a test can kill the build at this point.
      if (++written === stallAfter) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
    beforeRename?.();
    rmSync(join(staging, MARKER_FILE));
    renameSync(staging, target);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  return target;
}

/** Removes the temporary folders that a killed build left behind (only while holding the quarter's lock). */
export function removePartials(root: string, quarter: string): string[] {
  const qdir = quarterDir(root, quarter);
  if (!existsSync(qdir)) return [];
  return readdirSync(qdir)
    .filter((n) => /^\.(v\d+\.partial-|scratch-)/.test(n))
    .filter((n) => removeTemporaryDir(join(qdir, n)));
}
