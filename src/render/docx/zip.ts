/**
 * A small deterministic ZIP writer for the DOCX package.
 *
 * Every entry gets the same fixed date, no extra fields and no comments, so
 * equal parts give equal bytes. Parts are compressed once, with Node's zlib
 * (native, run on the thread pool, several parts at once); data that is
 * already compressed (PNG, JPEG, GIF) is stored as it is.
 *
 * The project's one ZIP writer (JSZip, a dependency, only reads: the fact
 * check's DOCX text). Kept over JSZip by measurement (scripts/zip-bench.ts,
 * the sample report's 47 parts, 3.5 MiB unpacked, same order, dates and
 * stored/deflated choice, 2-core VM): 41 ms median (24 ms min) and 1.673 MiB
 * here, 173 ms (108 ms) and 1.686 MiB with JSZip — JSZip deflates in
 * JavaScript on the main thread.
 */
import { crc32, deflateRaw } from 'node:zlib';
import { promisify } from 'node:util';

const deflateRawAsync = promisify(deflateRaw);

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** The data already deflated (raw DEFLATE, see deflateEntry), e.g. started earlier to overlap other work. */
  deflated?: Promise<Uint8Array>;
}

/** Whether a part is stored rather than deflated. */
export const isStored = (name: string, data: Uint8Array): boolean => STORED.test(name) || data.length === 0;

/** Raw DEFLATE of a part's data, on the thread pool. */
export function deflateEntry(data: Uint8Array | string, level = DEFAULT_LEVEL): Promise<Uint8Array> {
  return deflateRawAsync(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, { level });
}

/**
 * zlib level 4: on the figures' SVG text about half the time of level 6 for 3 % more
 * bytes (measured: 5.2 MB of SVG → 1.27 MB in 54 ms, level 6: 1.23 MB in 118 ms).
 */
const DEFAULT_LEVEL = 4;

/**
 * Parts whose data is compressed already: stored. (Skia's PNGs would still shrink by
 * 7–9 % with deflate, for about 15 ms more a report: not worth it here.)
 */
const STORED = /\.(png|jpe?g|gif)$/i;

/** MS-DOS date and time fields of a date, from its UTC fields (as JSZip writes and reads them). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** Zips the entries in the given order; `level` is zlib's deflate level for the compressed ones. */
export async function zipEntries(entries: ZipEntry[], date: Date, level = DEFAULT_LEVEL): Promise<Uint8Array> {
  const dos = dosDateTime(date);
  const packed = await Promise.all(
    entries.map(async (e) => {
      const name = Buffer.from(e.name, 'utf8');
      const store = isStored(e.name, e.data);
      const body = store ? e.data : await (e.deflated ?? deflateEntry(e.data, level));
      return { name, utf8: name.length !== e.name.length, store, body, crc: crc32(e.data), size: e.data.length };
    }),
  );
  let localSize = 0;
  let centralSize = 0;
  for (const p of packed) {
    localSize += 30 + p.name.length + p.body.length;
    centralSize += 46 + p.name.length;
  }
  if (localSize + centralSize > 0xffffffff || packed.length > 0xffff) throw new Error('package too large for a ZIP without ZIP64');
  const out = Buffer.alloc(localSize + centralSize + 22);
  let o = 0;
  const offsets: number[] = [];
  for (const p of packed) {
    offsets.push(o);
    out.writeUInt32LE(0x04034b50, o);
    out.writeUInt16LE(p.store ? 10 : 20, o + 4); // version needed
    out.writeUInt16LE(p.utf8 ? 0x0800 : 0, o + 6); // flags: UTF-8 names
    out.writeUInt16LE(p.store ? 0 : 8, o + 8);
    out.writeUInt16LE(dos.time, o + 10);
    out.writeUInt16LE(dos.date, o + 12);
    out.writeUInt32LE(p.crc, o + 14);
    out.writeUInt32LE(p.body.length, o + 18);
    out.writeUInt32LE(p.size, o + 22);
    out.writeUInt16LE(p.name.length, o + 26);
    out.writeUInt16LE(0, o + 28); // extra
    p.name.copy(out, o + 30);
    out.set(p.body, o + 30 + p.name.length);
    o += 30 + p.name.length + p.body.length;
  }
  const central = o;
  packed.forEach((p, i) => {
    out.writeUInt32LE(0x02014b50, o);
    out.writeUInt16LE(20, o + 4); // made by: MS-DOS, 2.0
    out.writeUInt16LE(p.store ? 10 : 20, o + 6);
    out.writeUInt16LE(p.utf8 ? 0x0800 : 0, o + 8);
    out.writeUInt16LE(p.store ? 0 : 8, o + 10);
    out.writeUInt16LE(dos.time, o + 12);
    out.writeUInt16LE(dos.date, o + 14);
    out.writeUInt32LE(p.crc, o + 16);
    out.writeUInt32LE(p.body.length, o + 20);
    out.writeUInt32LE(p.size, o + 24);
    out.writeUInt16LE(p.name.length, o + 28);
    // extra, comment, disk, internal attributes: 0; external attributes: 0
    out.writeUInt32LE(offsets[i], o + 42);
    p.name.copy(out, o + 46);
    o += 46 + p.name.length;
  });
  out.writeUInt32LE(0x06054b50, o);
  out.writeUInt16LE(packed.length, o + 8);
  out.writeUInt16LE(packed.length, o + 10);
  out.writeUInt32LE(o - central, o + 12);
  out.writeUInt32LE(central, o + 16);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
