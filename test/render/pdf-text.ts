/** Reads a PDF back as a reader's tools would: text per page, font names (pdfjs-dist). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  /** Text of the page in content order, whitespace removed (CJK extraction puts spaces and breaks anywhere). */
  text: string;
  /** Names of the fonts the page's text uses (e.g. BZZZZZ+NotoSerifSC-Regular). */
  fonts: string[];
  /** Text pieces with their baseline y (PDF units, from the bottom of the page). */
  items: { str: string; y: number }[];
}

export const squash = (s: string): string => s.replace(/\s+/g, '');

export interface OutlineItem {
  title: string;
  items: OutlineItem[];
}

export async function readPdf(bytes: Uint8Array): Promise<{ pages: PdfPage[]; info: Record<string, unknown>; outline: OutlineItem[] }> {
  // pdfjs takes ownership of the buffer it is given: pass a copy.
  const doc = await getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((it) => ('str' in it ? it.str : '')).join('');
    const items = content.items.flatMap((it) => ('str' in it && it.str.trim() ? [{ str: it.str, y: it.transform[5] as number }] : []));
    const fonts = new Set<string>();
    await page.getOperatorList();
    for (const it of content.items) {
      if (!('fontName' in it)) continue;
      const f = page.commonObjs.has(it.fontName) ? (page.commonObjs.get(it.fontName) as { name?: string }) : undefined;
      if (f?.name) fonts.add(f.name);
    }
    pages.push({ text: squash(text), fonts: [...fonts], items });
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []) as OutlineItem[];
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown>, outline };
}
