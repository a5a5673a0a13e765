/**
 * The figures of our PDFs are Form XObjects of path operators only (their
 * labels are outlines): about 4.7 MB of operators in the sample report, which
 * pdf.js's text extraction lexes in full, page by page, to find no text —
 * about 60 % of its time (250 → 100 ms a report, measured on the sample).
 *
 * `blankTextFreeForms` proves, form by form, that a form can show no text, and
 * only then empties it in the copy handed to pdf.js: the form's stream inflates
 * (FlateDecode, no other filter or parameters) to operators with no `BT` (no
 * text object: text is shown only inside one) anywhere in the bytes, and every
 * XObject it paints (`Do`) is named in its own resources and is itself an image
 * or such a form. Anything else — another filter, a length given by reference,
 * a form without its own resources that paints something, a stream that does
 * not inflate — is left as it is, for pdf.js to read. The blanking keeps every
 * byte offset: the filter entry and the stream data are overwritten with
 * spaces (an unfiltered stream of white space is an empty content stream), so
 * the cross-reference table still holds. The text pdf.js then extracts is the
 * text of the real bytes.
 *
 * Plain JavaScript: the pdf.js thread (which runs without the TypeScript
 * loader) imports it, and so does the main thread.
 */
import { inflateSync } from 'node:zlib';

const OBJECT = /(\d+) (\d+) obj\s*<<((?:(?!endobj)[\s\S])*?)>>\s*stream\r?\n/g;

/** The streams of a PDF file with their dictionaries (uncompressed object syntax, as PDFKit writes). */
function streamObjects(text) {
  const out = [];
  OBJECT.lastIndex = 0;
  for (let m = OBJECT.exec(text); m; m = OBJECT.exec(text)) {
    const dict = m[3];
    const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict);
    const start = m.index + m[0].length;
    if (!length) continue; // length by reference: the data's end is not known here; pdf.js reads it
    const end = start + Number(length[1]);
    out.push({ ref: `${m[1]} ${m[2]}`, dict, dictAt: m.index + m[0].indexOf('<<'), start, end });
    OBJECT.lastIndex = end; // past the data: nothing inside a stream is taken for an object
  }
  return out;
}

/** The XObjects named in a form's own resources, by name, or null when it has no XObject resources of its own. */
function xobjectNames(dict) {
  if (!/\/Resources\s*<</.test(dict)) return null;
  const m = /\/XObject\s*<<([^<>]*)>>/.exec(dict);
  if (!m) return new Map();
  return new Map([...m[1].matchAll(/\/([^\s/<>[\]()]+)\s+(\d+ \d+) R/g)].map((x) => [x[1], x[2]]));
}

/** Names painted by `Do` in a content stream (`/Name Do`). */
function paintedNames(ops) {
  return [...ops.toString('latin1').matchAll(/\/([^\s/<>[\]()]+)\s+Do\b/g)].map((m) => m[1]);
}

/**
 * Empties, in `bytes` itself, every Form XObject that provably shows no text
 * (see the module header); returns how many.
 */
export function blankTextFreeForms(bytes) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const streams = streamObjects(text);
  const byRef = new Map(streams.map((s) => [s.ref, s]));
  const verdict = new Map();
  const textFree = (s, depth) => {
    if (verdict.has(s.ref)) return verdict.get(s.ref);
    verdict.set(s.ref, false); // a cycle, or a failure below: not proven
    if (/\/Subtype\s*\/Image\b/.test(s.dict)) return verdict.set(s.ref, true).get(s.ref);
    if (!/\/Subtype\s*\/Form\b/.test(s.dict) || depth > 8) return false;
    const filter = /\/Filter\s*\/FlateDecode\b/.exec(s.dict);
    if (!filter || /\/DecodeParms|\/Filter\s*\[/.test(s.dict)) return false;
    let ops;
    try {
      ops = inflateSync(buf.subarray(s.start, s.end));
    } catch {
      return false;
    }
    if (ops.includes('BT')) return false;
    const painted = paintedNames(ops);
    if (painted.length) {
      const names = xobjectNames(s.dict);
      if (!names) return false;
      for (const name of painted) {
        const target = byRef.get(names.get(name));
        if (!target || !textFree(target, depth + 1)) return false;
      }
    }
    s.filterAt = s.dictAt + filter.index;
    s.filterLength = filter[0].length;
    return verdict.set(s.ref, true).get(s.ref);
  };
  let blanked = 0;
  for (const s of streams) {
    if (!textFree(s, 0) || s.filterAt === undefined) continue;
    buf.fill(0x20, s.filterAt, s.filterAt + s.filterLength);
    buf.fill(0x20, s.start, s.end);
    blanked++;
  }
  return blanked;
}
