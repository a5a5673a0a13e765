import { beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { buildReport } from '../../src/report.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { blankTextFreeForms } from '../../src/verify/pdf-forms.mjs';
import { pdfText } from '../../src/verify/extract.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: PdfJs;

/** The text of every page as pdf.js gives it, straight from the bytes (no forms emptied). */
async function plainPdfJsText(bytes: Uint8Array): Promise<string> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n\n');
}

/**
 * A one-page PDF (with a correct cross-reference table) whose page paints the forms
 * given: each form's operators deflated, its own resources naming the forms it paints.
 */
function pdfWithForms(forms: { ops: string; paints?: number[] }[], pageOps: string): Uint8Array {
  const objects: (string | { dict: string; data: Buffer })[] = [];
  const font = 3;
  const first = 4;
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push('<< /Type /Pages /Kids [' + (first + forms.length) + ' 0 R] /Count 1 >>');
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  forms.forEach((f) => {
    const data = deflateSync(Buffer.from(f.ops, 'latin1'));
    const xo = (f.paints ?? []).map((j) => `/X${j} ${first + j} 0 R`).join(' ');
    objects.push({ dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /Font << /F1 ${font} 0 R >> /XObject << ${xo} >> >> /Length ${data.length} /Filter /FlateDecode >>`, data });
  });
  const xobjects = forms.map((_f, j) => `/X${j} ${first + j} 0 R`).join(' ');
  const content = Buffer.from(pageOps, 'latin1');
  objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Resources << /Font << /F1 ${font} 0 R >> /XObject << ${xobjects} >> >> /Contents ${first + forms.length + 1} 0 R >>`);
  objects.push({ dict: `<< /Length ${content.length} >>`, data: content });
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0].length;
  objects.forEach((o, i) => {
    offsets.push(at);
    const chunk = typeof o === 'string' ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1') : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${o.dict}\nstream\n`, 'latin1'), o.data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

beforeAll(async () => {
  pdfjs = (await import(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs'))) as PdfJs;
});

describe('the PDF text read without the figures’ text-free forms', () => {
  it('the sample report: every figure form is emptied, and pdf.js gives the same text as from the bytes as written', async () => {
    const { files } = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3' });
    const pdf = files.get('report.pdf')!;
    const copy = pdf.slice();
    // the 14 figures (and the maps' shared outlines): one form each at least
    expect(blankTextFreeForms(copy)).toBeGreaterThanOrEqual(14);
    expect(copy.length).toBe(pdf.length);
    const [asWritten, blanked] = [await plainPdfJsText(pdf), await plainPdfJsText(copy)];
    expect(blanked).toBe(asWritten);
    expect(asWritten).toContain('双创指数');
    // the fact check's own extraction reads the same
    expect((await pdfText(pdf)).replace(/\n+/g, '\n')).toBe(asWritten.replace(/\n+/g, '\n'));
  }, 180_000);

  it('a form that shows text, or paints one that does, is left for pdf.js to read', async () => {
    const pdf = pdfWithForms(
      [
        { ops: '0 0 m 100 100 l S\n' }, // X0: paths only
        { ops: 'BT /F1 12 Tf 10 10 Td (inside a form) Tj ET\n' }, // X1: text
        { ops: '0 0 m 50 50 l S\n/X1 Do\n', paints: [1] }, // X2: paths, and X1
        { ops: '1 0 0 RG\n/X0 Do\n', paints: [0] }, // X3: paths, and the path-only X0
      ],
      'BT /F1 12 Tf 20 250 Td (on the page) Tj ET\n/X0 Do /X1 Do /X2 Do /X3 Do\n',
    );
    const before = await plainPdfJsText(pdf);
    expect(before).toContain('inside a form');
    const copy = pdf.slice();
    expect(blankTextFreeForms(copy)).toBe(2); // X0 and X3
    expect(await plainPdfJsText(copy)).toBe(before);
    // the emptied forms are gone from the copy's bytes, the others intact
    const text = Buffer.from(copy).toString('latin1');
    expect(text.match(/\/Filter \/FlateDecode/g)).toHaveLength(2);
  });
});
