import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx, renderDocxWithInfo } from '../../src/render/docx/index.js';
import { withFigureScales } from '../../src/model/layout.js';
import type { DocumentModel } from '../../src/model/types.js';
import { buildSampleModel, FOOTNOTE, LEAD, PARAGRAPHS } from './sample-model.js';

const T = 60_000;

let model: DocumentModel;
let bytes: Uint8Array;
let zip: JSZip;
const xml: Record<string, string> = {};

beforeAll(async () => {
  model = await buildSampleModel();
  ({ bytes } = await renderDocxWithInfo(model));
  zip = await JSZip.loadAsync(bytes);
  for (const name of ['word/document.xml', 'word/styles.xml', 'word/footnotes.xml', 'word/header1.xml', 'word/footer1.xml', 'word/fontTable.xml', 'docProps/core.xml', 'word/_rels/document.xml.rels']) {
    xml[name] = await zip.file(name)!.async('string');
  }
}, T);

/** Paragraphs of document.xml: style id and text. */
function paragraphs(doc: string): { style: string; text: string; xml: string }[] {
  return [...doc.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const body = m[1] ?? m[2] ?? '';
    return {
      style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? '',
      text: [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      xml: body,
    };
  });
}

/** The style definition of one paragraph style. */
function style(id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>([\\s\\S]*?)</w:style>`).exec(xml['word/styles.xml']);
  expect(m, `style ${id}`).not.toBeNull();
  return m![1];
}

describe('DOCX renderer', () => {
  it('sets East Asian fonts: serif for body, sans for headings', () => {
    expect(xml['word/styles.xml']).toMatch(/<w:rFonts [^>]*w:eastAsia="Noto Serif SC"/);
    expect(style('BodyText')).toMatch(/w:eastAsia="Noto Serif SC"/);
    expect(style('Heading1')).toMatch(/w:eastAsia="Noto Sans SC"/);
    expect(style('Heading1')).toMatch(/w:ascii="Noto Sans SC"/);
    // Word falls back to 宋体 / 黑体 where the Noto fonts are missing
    expect(xml['word/fontTable.xml']).toMatch(/<w:font w:name="Noto Serif SC"><w:altName w:val="宋体"\/>/);
    expect(xml['word/fontTable.xml']).toMatch(/<w:font w:name="Noto Sans SC"><w:altName w:val="黑体"\/>/);
  });

  it('can name system fonts instead', async () => {
    const z = await JSZip.loadAsync(await renderDocx(model, { fontNames: { serif: '宋体', sans: '黑体' } }));
    const styles = await z.file('word/styles.xml')!.async('string');
    expect(styles).toMatch(/w:eastAsia="宋体"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    expect(styles).not.toMatch(/Noto/);
  }, T);

  it('has named styles: headings with outline levels, body with a two-character indent', () => {
    expect(style('Heading1')).toMatch(/<w:outlineLvl w:val="0"\/>/);
    expect(style('Heading2')).toMatch(/<w:outlineLvl w:val="1"\/>/);
    expect(style('Heading3')).toMatch(/<w:outlineLvl w:val="2"\/>/);
    for (const h of ['Heading1', 'Heading2', 'Heading3']) expect(style(h)).toMatch(/<w:keepNext\/>/);
    expect(style('BodyText')).toMatch(/<w:jc w:val="both"\/>/);
    expect(style('BodyText')).toMatch(/w:firstLine="420"/);
    expect(style('BodyText')).toMatch(/w:firstLineChars="200"/);
    for (const s of ['Title', 'Byline', 'Lead', 'Caption', 'Note', 'FootnoteText']) style(s);
  });

  it('keeps the text in order with the right styles', () => {
    const ps = paragraphs(xml['word/document.xml']);
    const find = (text: string, from = 0) => ps.findIndex((p, i) => i >= from && p.text.includes(text));
    const lead = find(LEAD.slice(0, 20));
    expect(ps[lead].style).toBe('Lead');
    const title = find('2018年第三季度重庆区县双创指数报告');
    expect(ps[title].style).toBe('Title');
    expect(ps[title + 1].style).toBe('Byline');
    let pos = title;
    for (const p of PARAGRAPHS.slice(0, 9)) {
      const at = find(p.slice(0, 20), pos + 1);
      expect(at, p.slice(0, 20)).toBeGreaterThan(pos);
      expect(ps[at].style).toBe('BodyText');
      pos = at;
    }
    expect(ps[find('一、区县双创指数评价结果')].style).toBe('Heading1');
    expect(ps[find('（一）双创活力评价结果')].style).toBe('Heading2');
    expect(ps[find('1. 渝北区')].style).toBe('Heading3');
  });

  it('has a real footnote numbered ① on the byline', () => {
    expect(xml['word/footnotes.xml']).toContain(FOOTNOTE);
    expect(xml['word/footnotes.xml']).toMatch(/<w:footnote w:id="1">/);
    // no stray reference marks in the separators
    expect(xml['word/footnotes.xml']).not.toMatch(/w:type="separator"[^>]*><w:p>(?:(?!<\/w:footnote>).)*<w:footnoteRef\/>/);
    const byline = paragraphs(xml['word/document.xml']).find((p) => p.style === 'Byline')!;
    expect(byline.xml).toMatch(/<w:footnoteReference w:id="1"\/>/);
    expect(xml['word/document.xml']).toMatch(/<w:footnotePr><w:numFmt w:val="decimalEnclosedCircleChinese"\/><\/w:footnotePr>/);
  });

  it('has the running header and a PAGE field in the footer', () => {
    expect(xml['word/header1.xml']).toContain(model.header.bulletin);
    expect(xml['word/header1.xml']).toContain(model.header.column);
    expect(xml['word/header1.xml']).toMatch(/<w:tab\/>/);
    expect(xml['word/footer1.xml']).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|<w:fldSimple w:instr="\s*PAGE\s*"/);
  });

  it('embeds each figure as SVG with a PNG fallback, caption below, kept together', async () => {
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).sort();
    expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(2);
    expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(2);
    expect(xml['word/document.xml']).toMatch(/asvg:svgBlip/);
    const ps = paragraphs(xml['word/document.xml']);
    const figures = ps.map((p, i) => ({ p, i })).filter(({ p }) => p.xml.includes('<w:drawing>'));
    expect(figures).toHaveLength(2);
    expect(figures.map(({ i }) => ps[i + 1].text)).toEqual(['图1 38个区县双创指数', '图2 双创指数前12位区县']);
    for (const { p, i } of figures) {
      expect(p.style).toBe('Figure');
      expect(style('Figure')).toMatch(/<w:keepNext\/>/);
      expect(ps[i + 1].style).toBe('Caption');
    }
    // 440 pt wide → 587 px → EMU
    expect(xml['word/document.xml']).toMatch(/<wp:extent cx="5591175" cy="2543175"\/>/);
  });

  it('sets a figure at the scale the model carries (the PDF layout set it), so Word breaks pages alike', async () => {
    const z = await JSZip.loadAsync(await renderDocx(withFigureScales(model, new Map([[1, 0.9]]))));
    const doc = await z.file('word/document.xml')!.async('string');
    const extents = [...doc.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const full = [...xml['word/document.xml'].matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // figure 1 at 90 % (to the pixel), figure 2 as it was
    expect(extents[0][0] / full[0][0]).toBeCloseTo(0.9, 2);
    expect(extents[0][1] / full[0][1]).toBeCloseTo(0.9, 2);
    expect(extents[1]).toEqual(full[1]);
  }, T);

  it('has the table caption above, a repeating header row and rows that do not split', () => {
    const doc = xml['word/document.xml'];
    const caption = doc.indexOf('表1');
    const table = doc.indexOf('<w:tbl>');
    expect(caption).toBeGreaterThan(0);
    expect(table).toBeGreaterThan(caption);
    const rows = [...doc.slice(table).matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(39);
    expect(rows[0]).toMatch(/<w:tblHeader\/>/);
    expect(rows[0]).toContain('序号');
    expect(rows[1]).not.toMatch(/<w:tblHeader\/>/);
    for (const r of rows) expect(r).toMatch(/<w:cantSplit\/>/);
    const captionPara = paragraphs(doc).find((p) => p.text.startsWith('表1'))!;
    expect(captionPara.xml).toMatch(/<w:keepNext\/>/);
  });

  it('is a valid ZIP: checksums right, PNGs stored, XML and SVG deflated', async () => {
    await JSZip.loadAsync(bytes, { checkCRC32: true });
    // methods from the central directory
    const buf = Buffer.from(bytes);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let o = buf.readUInt32LE(eocd + 16);
    const methods: Record<string, number> = {};
    for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
      const nameLength = buf.readUInt16LE(o + 28);
      methods[buf.toString('utf8', o + 46, o + 46 + nameLength)] = buf.readUInt16LE(o + 10);
      o += 46 + nameLength + buf.readUInt16LE(o + 30) + buf.readUInt16LE(o + 32);
    }
    const names = Object.keys(methods);
    expect(names.filter((n) => n.endsWith('.png')).every((n) => methods[n] === 0)).toBe(true);
    expect(names.filter((n) => /\.(xml|rels|svg)$/.test(n)).every((n) => methods[n] === 8)).toBe(true);
  });

  it("puts the figures' own bytes in the package", async () => {
    const svgs = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.svg'))
        .sort()
        .map((n) => zip.file(n)!.async('string')),
    );
    const figures = model.blocks.flatMap((b) => (b.type === 'figure' ? [b] : []));
    expect(svgs.sort()).toEqual(figures.map((f) => f.svg).sort());
    const pngs = await Promise.all(Object.keys(zip.files).filter((n) => n.endsWith('.png')).map((n) => zip.file(n)!.async('nodebuffer')));
    for (const f of figures) expect(pngs.some((p) => p.equals(Buffer.from(f.png)))).toBe(true);
  });

  it('is deterministic: fixed dates, same bytes twice', async () => {
    expect(xml['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2018-11-15T00:00:00Z</dcterms:created>');
    expect(xml['docProps/core.xml']).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2018-11-15T00:00:00Z</dcterms:modified>');
    for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2018-11-15T00:00:00.000Z');
    const again = await renderDocx(model);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    expect(Object.keys(zip.files)[0]).toBe('[Content_Types].xml');
  }, T);
});
