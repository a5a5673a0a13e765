/**
 * A small reader of a PDF's object structure, for the tests of what PDF/A asks
 * of a file (catalog entries, OutputIntent, fonts, file specifications). PDFKit
 * writes every object uncompressed apart from stream data, without object
 * streams, so each object's dictionary can be read from the bytes directly.
 */
export interface PdfObject {
  /** The object's text up to `stream` or `endobj` (dictionaries, arrays, values). */
  dict: string;
  /** The raw stream bytes (still encoded), when the object is a stream. */
  stream?: Uint8Array;
}

export interface PdfStructure {
  objects: Map<number, PdfObject>;
  trailer: string;
  header: string;
  /** The object a reference "N 0 R" in `text` points to, by the key before it, e.g. ref(catalog, 'OutputIntents'). */
  deref(text: string, key: string): PdfObject | undefined;
}

export function readStructure(bytes: Uint8Array): PdfStructure {
  const s = Buffer.from(bytes).toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)(?:stream\r?\n|endobj)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const o: PdfObject = { dict: m[2] };
    if (m[0].endsWith('\n') && /stream\r?\n$/.test(m[0])) {
      const start = m.index + m[0].length;
      const end = s.indexOf('endstream', start);
      o.stream = bytes.subarray(start, end);
      re.lastIndex = end;
    }
    objects.set(Number(m[1]), o);
  }
  const trailer = s.slice(s.lastIndexOf('trailer'));
  const deref = (text: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(?:\\[\\s*)?(\\d+) 0 R`).exec(text);
    return m ? objects.get(Number(m[1])) : undefined;
  };
  return { objects, trailer, header: s.slice(0, 8), deref };
}
