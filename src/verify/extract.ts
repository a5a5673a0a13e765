/**
 * The text a reader gets out of the finished documents, for the fact check:
 * the PDF through pdf.js (what copy-and-paste gives), the DOCX from its XML
 * (body and footnotes, paragraph by paragraph).
 */
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Text of every page, lines kept (pdf.js marks line ends), pages separated by blank lines.
 * `tableCells`: the cells of the document's tables; lines made only of table cells (or
 * pieces of them, as a wrapped header cell gives) are left out, since tables are set
 * from the ledger cell by cell and are not running text.
 */
export async function pdfText(bytes: Uint8Array, tableCells: string[] = []): Promise<string> {
  const cells = tableCells.map((c) => c.replace(/\s+/g, '')).filter(Boolean);
  const isTableLine = (line: string) => {
    const tokens = line.split(/\s+/).filter(Boolean);
    return cells.length > 0 && tokens.length > 0 && tokens.every((t) => cells.some((c) => c.includes(t)));
  };
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const doc = await getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
      pages.push(text.split('\n').filter((l) => !isTableLine(l)).join('\n'));
    }
  } finally {
    await doc.destroy();
  }
  return pages.join('\n\n');
}

const decodeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');

/** Paragraph texts of a WordprocessingML part. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decodeXml(t[1])).join(''));
}

/** Body text (tables left out) then footnotes, one paragraph a line. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('the .docx has no word/document.xml');
  // Tables are set from the ledger cell by cell, not running text: left out, as in pdfText.
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const notes = (await zip.file('word/footnotes.xml')?.async('string')) ?? '';
  return [...paragraphs(body), '', ...paragraphs(notes)].join('\n');
}
