/**
 * PNG encoding of a figure's raster canvas. Figures are opaque (the house background
 * paints every pixel first) and made of flat colours, so rows need no PNG filter:
 * unfiltered rows deflated at zlib's default level, the deflating on the libuv
 * threadpool while the next figure is drawn. Same pixels in, same bytes out. The
 * file carries its resolution (pHYs, 144 ppi), so Word or WPS inserts it at its
 * printed size.
 *
 * Kept rather than a library because it measured better for this project
 * (scripts/bench-figure-libs.ts, the 13 figures of the sample 2018Q3 report, 9.5 Mpx,
 * CPU time on the shared 2-core machine): ours 1257 KiB in 210 ms (99 ms of it on
 * the main thread); pngjs 7 as configured by default 1602 KiB, 929 ms; pngjs set up
 * like ours (no filter, level 6) the same 1256 KiB in 303 ms, all on the main thread
 * (340 ms with its streaming pack()), and it cannot write pHYs; fast-png 8 1292 KiB,
 * 1274 ms; UPNG.js 2 5 % smaller (1198 KiB) but 8× the time (1739 ms); Skia's own
 * encoder 1602 KiB, 563 ms.
 */
import { crc32, deflate } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encodes opaque RGBA pixels (`rgba`: width × height × 4 bytes, e.g. `canvas.data()`,
 * whose premultiplied values equal the plain ones when every pixel is opaque) as an
 * 8-bit RGBA PNG with the resolution in `ppi`. The pixels are copied before this
 * returns, so the canvas may be released at once.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number, ppi: number): Promise<Uint8Array> {
  const stride = width * 4;
  if (rgba.length < stride * height) return Promise.reject(new RangeError('figures: PNG: too few pixels for the size'));
  const src = Buffer.from(rgba.buffer, rgba.byteOffset, stride * height);
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    rows[at] = 0; // filter: none
    src.copy(rows, at + 1, y * stride, (y + 1) * stride);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const phys = Buffer.alloc(9);
  const ppm = Math.round(ppi / 0.0254);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys[8] = 1; // unit: metre
  return new Promise((resolve, reject) => {
    deflate(rows, { level: 6 }, (err, z) => {
      if (err) reject(err);
      else resolve(new Uint8Array(Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('pHYs', phys), chunk('IDAT', z), chunk('IEND', new Uint8Array(0))])));
    });
  });
}
