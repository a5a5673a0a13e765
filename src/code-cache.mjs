/**
 * V8's code cache for the CommonJS packages the command loads (pdfmake, PDFKit,
 * fontkit, handlebars, JSZip, yaml …): Node 20 compiles every CommonJS file
 * from its source in every process (its own compile cache came with Node 22).
 * Here each package file is compiled as a `vm.Script` with the cached data of
 * the last run, and at exit the data of every script compiled in this process
 * (with the functions the run compiled lazily) is written back as one file,
 * when anything was missing or rejected.
 *
 * The cache file is named by a hash of the Node version and the lock file (the
 * packages' exact versions), each entry by the file's path and modification
 * time (V8 itself checks only the source's length and its own version); the
 * file carries a checksum (V8 does not check cached data for damage). A
 * rejected, damaged or missing entry only means compiling from source, as
 * without the cache. Project modules are not affected (they
 * are ES modules in the bundle). Plain JavaScript: bin/scindex.mjs installs it
 * before anything else loads.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, sep } from 'node:path';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';

const MAGIC = 'scindex-code-cache 2\n';

/**
 * The stored entries: file name → cached data. The file is `MAGIC`, the CRC-32
 * of the rest, the index's length, the index (JSON: name, length), the data.
 * V8 does not check cached data for damage (a flipped bit can crash the
 * process), so the whole file is checked here first.
 */
function readEntries(file) {
  const entries = new Map();
  try {
    const buf = readFileSync(file);
    if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) return entries;
    if (buf.readUInt32LE(MAGIC.length) !== crc32(buf.subarray(MAGIC.length + 4))) return entries;
    const headLength = buf.readUInt32LE(MAGIC.length + 4);
    const head = JSON.parse(buf.toString('utf8', MAGIC.length + 8, MAGIC.length + 8 + headLength));
    let at = MAGIC.length + 8 + headLength;
    for (const [name, length] of head) {
      entries.set(name, buf.subarray(at, at + length));
      at += length;
    }
    if (at !== buf.length) entries.clear(); // cut short: nothing trusted
  } catch {
    entries.clear();
  }
  return entries;
}

function writeEntries(file, scripts) {
  const names = [];
  const chunks = [];
  for (const [name, script] of scripts) {
    const data = script.createCachedData();
    names.push([name, data.length]);
    chunks.push(data);
  }
  const head = Buffer.from(JSON.stringify(names), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  const body = Buffer.concat([len, head, ...chunks]);
  const check = Buffer.alloc(4);
  check.writeUInt32LE(crc32(body));
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.concat([Buffer.from(MAGIC, 'latin1'), check, body]));
  renameSync(partial, file);
}

/** A `require` for `mod`, as Node makes one for a CommonJS module. */
function requireFor(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * Compiles the CommonJS files under node_modules through the code cache from
 * now on: read from the first of `dirs` that holds it, written (when stale) to
 * the first that takes it; `key` names what the cached code is made from (the
 * lock file, and the command: each command compiles other functions lazily).
 */
export function installCodeCache(dirs, key) {
  if (typeof Module.prototype._compile !== 'function' || typeof Module.wrap !== 'function' || !vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) return;
  const name = `code-cache-${createHash('sha256').update(`${process.version}\0${process.arch}\0${key}`).digest('hex').slice(0, 16)}.bin`;
  let stored = new Map();
  for (const dir of dirs) {
    stored = readEntries(join(dir, name));
    if (stored.size) break;
  }
  const scripts = new Map();
  let stale = false;
  const compile = Module.prototype._compile;
  const marker = `${sep}node_modules${sep}`;
  Module.prototype._compile = function cachedCompile(content, filename) {
    if (!filename.includes(marker)) return compile.call(this, content, filename);
    // V8 checks only the source's length: the entry is also named by the file's modification time.
    let entry;
    try {
      entry = `${filename}\0${statSync(filename).mtimeMs}`;
    } catch {
      return compile.call(this, content, filename);
    }
    if (scripts.has(entry)) return compile.call(this, content, filename);
    let script;
    try {
      script = new vm.Script(Module.wrap(content), { filename, cachedData: stored.get(entry), importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    } catch {
      return compile.call(this, content, filename); // let Node report the syntax error as it does
    }
    if (script.cachedDataRejected !== false) stale = true;
    scripts.set(entry, script);
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    if (!stale) return;
    for (const dir of dirs) {
      try {
        writeEntries(join(dir, name), scripts);
        return;
      } catch {
        /* the next folder; with none, compiled from source next time, as without the cache */
      }
    }
  });
}
