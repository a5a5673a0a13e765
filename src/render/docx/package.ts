/**
 * The DOCX package: docx's compiled parts, made reproducible and complete
 * (real figure data in place of stand-ins, fixed core-property dates, font
 * table entries, separator footnotes without a mark), zipped by zip.ts with
 * fixed entry dates and order.
 */
import { Packer, type Document } from 'docx';
import { createHash } from 'node:crypto';
import { deflateEntry, isStored, zipEntries } from './zip.js';
import type { DocumentModel } from '../../model/types.js';
import { documentDate } from '../common.js';
import type { Fonts } from './styles.js';
import { PART_EDITS, type EditContext } from './part-edits.js';
import { LibraryVersionError } from '../library-error.js';

/**
 * Stand-ins for figure data: a short text naming the real bytes by their
 * SHA-1 (so equal data still gives one media part, as docx does by its own
 * hash), and the real bytes to put back after compiling.
 */
export class MediaStandIns {
  /** Real bytes by stand-in text, and their compressed form, started at once (it runs while docx builds the XML). */
  readonly real = new Map<string, { data: Uint8Array; deflated?: Promise<Uint8Array> }>();
  standIn(data: Uint8Array | string, type: 'svg' | 'png'): Buffer {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const key = `shuangchuang-report media ${type} ${createHash('sha1').update(bytes).digest('hex')}`;
    if (!this.real.has(key)) {
      const deflated = isStored(`x.${type}`, bytes) ? undefined : deflateEntry(bytes);
      deflated?.catch(() => {}); // awaited when zipping; not an unhandled rejection meanwhile
      this.real.set(key, { data: bytes, deflated });
    }
    return Buffer.from(key, 'latin1');
  }
}

type Parts = Map<string, string | Uint8Array>;

/**
 * The package's parts by path, in docx's order, not zipped: from docx's
 * compiler (what Packer zips before zipping it). A docx version without it
 * stops the render with a message naming this file (a bug to fix here).
 */
export function compileParts(doc: Document): Parts {
  const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => unknown } }).compiler;
  const parts = compiler && typeof compiler.compile === 'function' ? compiler.compile(doc) : undefined;
  if (!(parts instanceof Map)) {
    throw new LibraryVersionError('Word 渲染器与所装的 docx 库版本不符：找不到 Packer.compiler.compile（src/render/docx/package.ts 需要它）；请按 package-lock.json 重新安装（npm ci），或更新该文件。');
  }
  return parts as Parts;
}

const text = (data: string | Uint8Array) => (typeof data === 'string' ? data : new TextDecoder().decode(data));

/**
 * Makes the package reproducible and complete: real figure data back in place
 * of the stand-ins, the part edits of part-edits.ts; then zips it with fixed
 * entry dates and order.
 */
export async function packPackage(parts: Parts, model: DocumentModel, fonts: Fonts, media?: MediaStandIns): Promise<{ bytes: Uint8Array; parts: string[] }> {
  const date = documentDate(model);
  const ctx: EditContext = { iso: date.toISOString().replace(/\.\d{3}Z$/, 'Z'), lang: model.meta.lang, fonts };
  // [Content_Types].xml and the package relationships first, as Word writes them; the rest in docx's order.
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = [...first.filter((n) => parts.has(n)), ...[...parts.keys()].filter((n) => !first.includes(n) && !n.endsWith('/'))];
  let restored = 0;
  const entries = names.map((name) => {
    let data = parts.get(name)!;
    if (media && name.startsWith('word/media/') && data.length < 200) {
      const real = media.real.get(text(data));
      if (real !== undefined) {
        restored++;
        return { name, data: real.data, deflated: real.deflated };
      }
    }
    const edit = PART_EDITS[name];
    if (edit) data = edit(text(data), ctx);
    return { name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data };
  });
  // Every stand-in must have been replaced: a figure must never ship as its stand-in text.
  const standIns = entries.filter((e) => e.name.startsWith('word/media/') && e.data.length < 200 && media?.real.has(text(e.data))).length;
  if (media && (standIns > 0 || restored < media.real.size)) {
    throw new LibraryVersionError('Word 渲染器与所装的 docx 库版本不符：图的数据未能放回文件包（src/render/docx/package.ts）');
  }
  return { bytes: await zipEntries(entries, date), parts: names };
}
