import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { FileMap } from './snapshot.js';
import { walk } from './snapshot.js';

/**
 * The archive: output/<quarter>/v<N>/ folders. A version is written into a
 * temporary folder and renamed into place only when complete; an issued version
 * is made read-only and the tool never writes into it again.
 */

export interface VersionInfo {
  quarter: string;
  version: number;
  dir: string;
  issued: { at: string; note?: string } | null;
  builtAt: string | null;
}

const VERSION_DIR = /^v(\d+)$/;
export const ISSUED_FILE = 'ISSUED.json';

export function quarterDir(root: string, quarter: string): string {
  return join(root, quarter);
}

export function listVersions(root: string, quarter: string): VersionInfo[] {
  const dir = quarterDir(root, quarter);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => VERSION_DIR.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => readVersion(root, quarter, Number(m[1])))
    .sort((a, b) => a.version - b.version);
}

export function readVersion(root: string, quarter: string, version: number): VersionInfo {
  const dir = join(quarterDir(root, quarter), `v${version}`);
  if (!existsSync(dir)) throw new InputError([{ file: dir, message: `there is no version v${version} of ${quarter}`, hint: 'see the versions with: scindex list' }]);
  const issuedPath = join(dir, ISSUED_FILE);
  const issued = existsSync(issuedPath) ? (JSON.parse(readFileSync(issuedPath, 'utf8')) as { at: string; note?: string }) : null;
  let builtAt: string | null = null;
  try {
    builtAt = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { builtAt?: string }).builtAt ?? null;
  } catch {
    /* a version without a readable manifest is listed all the same */
  }
  return { quarter, version, dir, issued, builtAt };
}

export function listQuarters(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((n) => /^\d{4}Q[1-4]$/.test(n) && statSync(join(root, n)).isDirectory())
    .sort();
}

export function readFiles(dir: string): FileMap {
  const files: FileMap = new Map();
  for (const path of walk(dir)) files.set(path.slice(dir.length + 1).split('\\').join('/'), readFileSync(path));
  return files;
}

/** Writes a complete version: staged in a hidden temporary folder, then renamed to v<N>. */
export function commitVersion(root: string, quarter: string, version: number, files: FileMap): string {
  const qdir = quarterDir(root, quarter);
  mkdirSync(qdir, { recursive: true });
  const target = join(qdir, `v${version}`);
  if (existsSync(target)) throw new Error(`refusing to overwrite ${target}`);
  const staging = mkdtempSync(join(qdir, `.v${version}.partial-`));
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
    renameSync(staging, target);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  return target;
}

/** Marks a version as issued and makes it read-only. */
export function issueVersion(root: string, quarter: string, version: number, at: string, note?: string): VersionInfo {
  const info = readVersion(root, quarter, version);
  if (info.issued) throw new InputError([{ file: info.dir, message: `${quarter} v${version} was already issued on ${info.issued.at}`, hint: 'an issued version stays as it is; a correction makes a new version' }]);
  writeFileSync(join(info.dir, ISSUED_FILE), JSON.stringify({ at, ...(note ? { note } : {}) }, null, 2) + '\n');
  for (const path of walk(info.dir)) chmodSync(path, 0o444);
  for (const d of [...new Set(walk(info.dir).map((p) => dirname(p)))].sort((a, b) => b.length - a.length)) chmodSync(d, 0o555);
  chmodSync(info.dir, 0o555);
  return readVersion(root, quarter, version);
}

/** Removes partial folders that a killed build left behind (only while holding the quarter's lock). */
export function removePartials(root: string, quarter: string): string[] {
  const qdir = quarterDir(root, quarter);
  if (!existsSync(qdir)) return [];
  const partials = readdirSync(qdir).filter((n) => /^\.(v\d+\.partial-|scratch-)/.test(n));
  for (const p of partials) rmSync(join(qdir, p), { recursive: true, force: true });
  return partials;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on one quarter (a file created with O_EXCL holding the owner's pid).
 * A lock whose owner has died is taken over; a live owner makes the second build fail at once.
 */
export function lockQuarter(root: string, quarter: string, owner = `${process.pid}`): () => void {
  const qdir = quarterDir(root, quarter);
  mkdirSync(qdir, { recursive: true });
  const path = join(qdir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, owner);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isFinite(holder) && alive(holder) && attempt === 0)
        throw new InputError([{ file: path, message: `another build of ${quarter} is running (process ${holder})`, hint: 'wait for it to finish; if no build is running, delete the .lock file' }]);
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new InputError([{ file: path, message: `cannot lock ${quarter}`, hint: 'delete the .lock file if no build is running' }]);
}
