/**
 * The PDF as an archival file: what PDF/A-2b / PDF/A-3b ask of its structure
 * (no validator is installable here, so the structure is read back), and the
 * attachments an issued report carries.
 */
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../src/render/pdf/index.js';
import type { PdfAttachment } from '../../src/render/pdf/index.js';
import type { DocumentModel } from '../../src/model/types.js';
import { buildSampleModel } from './sample-model.js';
import { readStructure, type PdfStructure } from './pdf-structure.js';
import { readPdf } from './pdf-text.js';

const T = 60_000;
const FACTS = Buffer.from(JSON.stringify({ meta: { quarter: '2018Q3' }, districts: [{ district: '渝北区', total: 85.3 }] }));
const ROWS = Buffer.from('\ufeff季度,区县,双创指数\n2018Q3,渝北区,85.3\n');
const ATTACHMENTS: PdfAttachment[] = [
  { name: 'facts.json', data: FACTS, mime: 'application/json', relationship: 'Data', description: '事实台账' },
  { name: 'data-2018Q3.csv', data: ROWS, mime: 'text/csv', relationship: 'Source', description: '区县指标数据' },
];

let model: DocumentModel;
let withFiles: Uint8Array;
let plain: Uint8Array;
let a3: PdfStructure;
let a2: PdfStructure;

beforeAll(async () => {
  model = await buildSampleModel();
  withFiles = await renderPdf(model, { attachments: ATTACHMENTS });
  plain = await renderPdf(model);
  a3 = readStructure(withFiles);
  a2 = readStructure(plain);
}, T);

const catalog = (s: PdfStructure) => [...s.objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;

async function pdfjs(bytes: Uint8Array) {
  return getDocument({ data: bytes.slice(), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

describe('PDF/A', () => {
  it('declares PDF/A-3b with attachments and PDF/A-2b without, in the XMP, on a PDF 1.7 file', async () => {
    expect(a3.header).toBe('%PDF-1.7');
    for (const [bytes, part] of [
      [withFiles, '3'],
      [plain, '2'],
    ] as const) {
      const doc = await pdfjs(bytes);
      const { metadata } = await doc.getMetadata();
      expect(metadata?.get('pdfaid:part')).toBe(part);
      expect(metadata?.get('pdfaid:conformance')).toBe('B');
      await doc.destroy();
    }
  });

  it('has Info and XMP dates that agree (the document date, never the clock)', async () => {
    const doc = await pdfjs(withFiles);
    const meta = await doc.getMetadata();
    const info = meta.info as Record<string, string>;
    const metadata = meta.metadata!;
    expect(info.CreationDate).toBe('D:20181115000000Z');
    expect(info.ModDate).toBe('D:20181115000000Z');
    expect(metadata.get('xmp:createdate')).toBe('2018-11-15T00:00:00Z');
    expect(metadata.get('xmp:modifydate')).toBe('2018-11-15T00:00:00Z');
    expect(metadata.get('xmp:metadatadate')).toBe('2018-11-15T00:00:00Z');
    expect(metadata.get('dc:title')).toBe(info.Title);
    await doc.destroy();
  });

  it('has an sRGB OutputIntent with an embedded ICC profile', () => {
    for (const s of [a3, a2]) {
      const intent = s.deref(catalog(s).dict, 'OutputIntents')!;
      expect(intent.dict).toMatch(/\/S \/GTS_PDFA1/);
      expect(intent.dict).toMatch(/\/OutputConditionIdentifier \(sRGB IEC61966-2\.1\)/);
      const profile = s.deref(intent.dict, 'DestOutputProfile')!;
      expect(profile.dict).toMatch(/\/N 3/);
      const icc = /\/FlateDecode/.test(profile.dict) ? inflateSync(profile.stream!) : Buffer.from(profile.stream!);
      expect(icc.toString('latin1', 36, 40)).toBe('acsp'); // ICC file signature
      expect(icc.toString('latin1', 16, 20)).toBe('RGB ');
    }
  });

  it('embeds every font and is not encrypted', () => {
    const fonts = [...a3.objects.values()].filter((o) => /\/Type \/Font\b/.test(o.dict) && !/\/Subtype \/Type0/.test(o.dict));
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      const descriptor = a3.deref(f.dict, 'FontDescriptor');
      expect(descriptor?.dict, f.dict).toMatch(/\/FontFile2 \d+ 0 R/);
    }
    expect(a3.trailer).not.toMatch(/\/Encrypt/);
    expect(a3.trailer).toMatch(/\/ID \[/);
  });
});

describe('attachments', () => {
  it('lists the attached files with their bytes, as pdfdetach -list does', async () => {
    const doc = await pdfjs(withFiles);
    const files = (await doc.getAttachments()) as Record<string, { filename: string; content: Uint8Array; description?: string }>;
    expect(
      Object.values(files)
        .map((f) => f.filename)
        .sort(),
    ).toEqual(['data-2018Q3.csv', 'facts.json']);
    expect(Buffer.from(Object.values(files).find((f) => f.filename === 'facts.json')!.content)).toEqual(FACTS);
    expect(Buffer.from(Object.values(files).find((f) => f.filename === 'data-2018Q3.csv')!.content)).toEqual(ROWS);
    await doc.destroy();
    const none = await pdfjs(plain);
    expect(await none.getAttachments()).toBeNull();
    await none.destroy();
  });

  it('makes them PDF/A-3 associated files: catalog /AF, AFRelationship, MIME type, dates', () => {
    const af = /\/AF \[([^\]]*)\]/.exec(catalog(a3).dict);
    expect(af).not.toBeNull();
    const specs = [...af![1].matchAll(/(\d+) 0 R/g)].map((m) => a3.objects.get(Number(m[1]))!.dict);
    expect(specs).toHaveLength(2);
    const byName = Object.fromEntries(specs.map((d) => [/\/UF \(([^)]*)\)/.exec(d)![1], d]));
    expect(byName['facts.json']).toMatch(/\/AFRelationship \/Data/);
    expect(byName['data-2018Q3.csv']).toMatch(/\/AFRelationship \/Source/);
    for (const d of specs) {
      expect(d).toMatch(/\/Type \/Filespec/);
      // /F (name) is the file name; /EF << /F n 0 R >> the embedded file stream
      const stream = a3.deref(d, 'F');
      expect(stream?.dict).toMatch(/\/Type \/EmbeddedFile/);
      expect(stream?.dict).toMatch(/\/Subtype \/(application#2Fjson|text#2Fcsv)/);
      expect(stream?.dict).toMatch(/\/ModDate \(D:20181115000000Z\)/);
    }
    expect(catalog(a2).dict).not.toMatch(/\/AF /);
  });

  it('does not change the pages: same text with and without attachments', async () => {
    const [a, b] = [await readPdf(withFiles), await readPdf(plain)];
    expect(a.pages.map((p) => p.text)).toEqual(b.pages.map((p) => p.text));
  });
});

describe('header mark', () => {
  it(
    'prints the mark (样例数据) in the header band of every page when the model has one',
    async () => {
      const marked = await readPdf(await renderPdf({ ...model, header: { ...model.header, mark: '样例数据' } }));
      expect(marked.pages.length).toBeGreaterThan(1);
      for (const p of marked.pages) expect(p.text).toContain('样例数据');
      expect((await readPdf(plain)).pages.some((p) => p.text.includes('样例数据'))).toBe(false);
    },
    T,
  );
});

describe('figure text', () => {
  it(
    "puts a figure's alt text over it as invisible text: a search finds the districts, the layout is unchanged",
    async () => {
      const alt = '图1 38个区县双创指数：渝北区 87.89；江北区 86.51。';
      const withAlt: DocumentModel = { ...model, blocks: model.blocks.map((b) => (b.type === 'figure' && b.number === 1 ? { ...b, alt } : b)) };
      const [a, b] = [await readPdf(await renderPdf(withAlt)), await readPdf(plain)];
      const page = a.pages.findIndex((p) => p.text.includes('图138个区县双创指数：渝北区87.89'));
      expect(page).toBeGreaterThanOrEqual(0);
      expect(b.pages[page].text).not.toContain('渝北区87.89');
      // same pages, and every other piece of text where it was
      expect(a.pages.length).toBe(b.pages.length);
      const others = (p: { items: { str: string; y: number }[] }) => p.items.filter((i) => !alt.includes(i.str.trim())).map((i) => `${i.str}@${i.y.toFixed(2)}`);
      expect(a.pages.map(others)).toEqual(b.pages.map(others));
    },
    T,
  );
});
