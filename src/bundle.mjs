/**
 * The project's TypeScript as one plain JavaScript module per entry point, made
 * with esbuild (the compiler tsx itself runs, so the same transform) and kept in
 * a cache: the command and the batch workers start from it without the
 * TypeScript loader. Through the loader, each of the ~80 project modules and
 * every CommonJS file of the packages passes the loader's hooks on a thread of
 * its own: 0.5–0.8 s of a fresh `scindex report`, and as much again in every
 * batch worker.
 *
 * The cache key is a hash of every source file, the lock file and the Node and
 * esbuild versions, so an edited source file is never run from a stale bundle.
 * Packages stay outside the bundle, imported by the absolute URL they resolve
 * to from here; each project module keeps its own `import.meta.url`, so paths
 * resolved from it (the project root, templates, fonts) are what they are when
 * run from source.
 *
 * Plain JavaScript (not TypeScript): the command's start script loads it before
 * anything can compile TypeScript.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { threadId } from 'node:worker_threads';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(SRC, '..');

/** Source files below a folder, in a stable order. */
function sources(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return /\.(?:[cm]?ts|[cm]?js|json)$/.test(name) ? [path] : [];
    });
}

let ownDigest;

/**
 * A hash of the Node version, the lock file and the path and bytes of every
 * source file: what the code that runs is made of. Computed once per process
 * for the project itself (`root`, `src`: other folders, for the tests).
 */
export function sourcesDigest({ root = ROOT, src = SRC } = {}) {
  const own = root === ROOT && src === SRC;
  if (own && ownDigest) return ownDigest;
  const h = createHash('sha256');
  h.update(`${process.version}\0`);
  for (const file of [join(root, 'package-lock.json'), ...sources(src)]) {
    h.update(relative(root, file).split(sep).join('/') + '\0');
    try {
      h.update(readFileSync(file));
    } catch {
      h.update('(missing)');
    }
  }
  const digest = h.digest('hex');
  if (own) ownDigest = digest;
  return digest;
}

/** A hash of the lock file: the exact versions of the packages (for caches of their compiled code). */
export function lockDigest({ root = ROOT } = {}) {
  try {
    return createHash('sha256')
      .update(readFileSync(join(root, 'package-lock.json')))
      .digest('hex');
  } catch {
    return 'no-lock-file';
  }
}

/**
 * What a bundle of `entryPath` is made from: the sources (sourcesDigest), the
 * esbuild version, and the project's own place (the bundle imports packages
 * and names modules by absolute URL).
 */
export function cacheKey(entryPath, esbuildVersion, { root = ROOT, src = SRC } = {}) {
  const h = createHash('sha256');
  h.update(`${esbuildVersion}\0${root}\0${relative(root, entryPath)}\0${sourcesDigest({ root, src })}`);
  return h.digest('hex').slice(0, 16);
}

function esbuildVersion() {
  const pkg = createRequire(import.meta.url).resolve('esbuild/package.json');
  return JSON.parse(readFileSync(pkg, 'utf8')).version;
}

/**
 * node_modules/.cache/scindex, or a folder in the temporary directory when that
 * is not writable; SCINDEX_CACHE_DIR names another.
 */
export function cacheDirs() {
  if (process.env.SCINDEX_CACHE_DIR) return [process.env.SCINDEX_CACHE_DIR];
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return [join(ROOT, 'node_modules', '.cache', 'scindex'), join(tmpdir(), `scindex-cache-${uid}`)];
}

/**
 * Data derived from the sources and fixed inputs only (a map's layout), kept
 * across processes: `read` gives what was stored under `name`, `write` stores
 * it (written under a name of its own and renamed into place). The caller puts
 * everything its value depends on into `name` (with sourcesDigest()). Failures
 * only mean no cache: read gives undefined, write does nothing.
 */
export const dataCache = {
  read(name) {
    for (const dir of cacheDirs()) {
      try {
        return JSON.parse(readFileSync(join(dir, 'data', `${name}.json`), 'utf8'));
      } catch {
        /* not there, or unreadable */
      }
    }
    return undefined;
  },
  write(name, value) {
    const text = JSON.stringify(value);
    for (const dir of cacheDirs()) {
      try {
        mkdirSync(join(dir, 'data'), { recursive: true });
        const partial = join(dir, 'data', `.${name}.${process.pid}-${threadId}.partial`);
        writeFileSync(partial, text);
        renameSync(partial, join(dir, 'data', `${name}.json`));
        return;
      } catch {
        /* try the next folder */
      }
    }
  },
};

/**
 * Binary entries (drawn and compiled figures) are kept in `<cache>/blobs/` up to
 * this many bytes together (about 18 quarters' worth); beyond it the least
 * recently used go first. SCINDEX_CACHE_LIMIT_MB names another limit.
 */
const blobsLimit = () => (Number(process.env.SCINDEX_CACHE_LIMIT_MB) > 0 ? Number(process.env.SCINDEX_CACHE_LIMIT_MB) : 256) * 1024 * 1024;
let blobsWritten = 0;
let blobsCheckedAt = -1;

/** Removes the least recently used blobs while the folder holds more than the limit (down to three quarters of it). */
function pruneBlobs(dir) {
  let entries;
  try {
    entries = readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .flatMap((f) => {
        try {
          const st = statSync(join(dir, f));
          return [{ f, size: st.size, at: st.mtimeMs }];
        } catch {
          return [];
        }
      });
  } catch {
    return;
  }
  const limit = blobsLimit();
  let total = entries.reduce((a, e) => a + e.size, 0);
  if (total <= limit) return;
  for (const e of entries.sort((a, b) => a.at - b.at)) {
    if (total <= limit * 0.75) break;
    rmSync(join(dir, e.f), { force: true });
    total -= e.size;
  }
}

/**
 * Bytes kept across processes, as `dataCache` keeps JSON (figures drawn from the
 * same data by the same code): the caller puts everything the value depends on
 * into `name` and checks what it reads back. A hit marks the entry used (the
 * folder is bounded, least recently used first out).
 */
export const blobCache = {
  readBytes(name) {
    for (const dir of cacheDirs()) {
      const file = join(dir, 'blobs', name);
      try {
        const bytes = readFileSync(file);
        try {
          const now = new Date();
          utimesSync(file, now, now);
        } catch {
          /* a read-only cache still serves */
        }
        return bytes;
      } catch {
        /* not there */
      }
    }
    return undefined;
  },
  writeBytes(name, bytes) {
    for (const dir of cacheDirs()) {
      try {
        const blobs = join(dir, 'blobs');
        mkdirSync(blobs, { recursive: true });
        const partial = join(blobs, `.${name}.${process.pid}-${threadId}.partial`);
        writeFileSync(partial, bytes);
        renameSync(partial, join(blobs, name));
        blobsWritten += bytes.length;
        // Checked on the first write of a process and after every eighth of the limit it writes.
        if (blobsCheckedAt < 0 || blobsWritten - blobsCheckedAt > blobsLimit() / 8) {
          blobsCheckedAt = blobsWritten;
          pruneBlobs(blobs);
        }
        return;
      } catch {
        /* try the next folder */
      }
    }
  },
};

async function bundle(entryPath) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    logLevel: 'silent',
    plugins: [
      {
        name: 'project-modules',
        setup(build) {
          // This module stays a module of its own (it resolves packages through its own import.meta).
          build.onResolve({ filter: /(?:^|\/)bundle\.mjs$/ }, (args) => ({ path: pathToFileURL(join(args.resolveDir, args.path)).href, external: true }));
          // Packages: left as imports, by the absolute URL they resolve to from here.
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            if (args.path.startsWith('node:')) return { path: args.path, external: true };
            return { path: import.meta.resolve(args.path), external: true };
          });
          // Project modules: each keeps its own import.meta.url.
          build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
            if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
            const url = JSON.stringify(pathToFileURL(args.path).href);
            const source = readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, url);
            return { contents: source, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.text;
  // Anything left of import.meta would resolve against the bundle's own place: not safe to run.
  if (!code || /\bimport\.meta\b/.test(code)) throw new Error('bundle: import.meta left in the output');
  return { code, version: esbuild.version };
}

/**
 * The URL of the bundled module for `entry` (a file URL of a project module),
 * made now if the cache does not hold it; undefined when it cannot be made
 * (no esbuild, a read-only disk), so that the caller runs the sources through
 * the TypeScript loader instead.
 */
export async function bundledEntry(entry) {
  try {
    const entryPath = fileURLToPath(entry);
    // The version from its package.json: loading esbuild itself is only needed to bundle.
    const version = esbuildVersion();
    const name = `${basename(entryPath).replace(/\.[^.]+$/, '')}-${cacheKey(entryPath, version)}.mjs`;
    for (const dir of cacheDirs()) {
      try {
        statSync(join(dir, name));
        return pathToFileURL(join(dir, name));
      } catch {
        /* not cached there */
      }
    }
    const { code } = await bundle(entryPath);
    for (const dir of cacheDirs()) {
      try {
        mkdirSync(dir, { recursive: true });
        // Written under a name of its own, then renamed: a process starting meanwhile never reads half a file.
        const partial = join(dir, `.${name}.${process.pid}-${threadId}.partial`);
        writeFileSync(partial, code);
        renameSync(partial, join(dir, name));
        pruneOlder(dir, name);
        return pathToFileURL(join(dir, name));
      } catch {
        /* try the next folder */
      }
    }
    return undefined;
  } catch (e) {
    if (process.env.SCINDEX_DEBUG_BUNDLE) console.error(e);
    return undefined;
  }
}

/**
 * Removes bundles of the same entry made from other sources at least an hour
 * ago (a process that has just found one is never left without it).
 */
function pruneOlder(dir, keep) {
  const prefix = keep.slice(0, keep.lastIndexOf('-') + 1);
  const old = Date.now() - 3600_000;
  for (const f of readdirSync(dir)) {
    if (f === keep || !f.startsWith(prefix) || !f.endsWith('.mjs')) continue;
    try {
      if (statSync(join(dir, f)).mtimeMs < old) rmSync(join(dir, f), { force: true });
    } catch {
      /* removed meanwhile */
    }
  }
}
