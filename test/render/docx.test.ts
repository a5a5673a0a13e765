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
  it('names the fonts every Chinese Windows/WPS machine has: 宋体 + Times New Roman body, 黑体 + Arial headings', () => {
    expect(xml['word/styles.xml']).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"\/>/);
    expect(style('BodyText')).toMatch(/w:eastAsia="宋体"/);
    expect(style('Heading1')).toMatch(/w:eastAsia="黑体"/);
    expect(style('Heading1')).toMatch(/w:ascii="Arial"/);
    expect(xml['word/styles.xml']).not.toMatch(/Noto/);
    // the font table gives Word and LibreOffice the fonts' Latin names and the GB2312 charset
    expect(xml['word/fontTable.xml']).toMatch(/<w:font w:name="宋体"><w:altName w:val="SimSun"\/><w:panose1 w:val="02010600030101010101"\/><w:charset w:val="86"\/>/);
    expect(xml['word/fontTable.xml']).toMatch(/<w:font w:name="黑体"><w:altName w:val="SimHei"\/>[\s\S]*?<w:charset w:val="86"\/>/);
    expect(xml['word/fontTable.xml']).toMatch(/<w:font w:name="Times New Roman">/);
  });

  it(
    'can name other fonts (the bulletin settings)',
    async () => {
      const z = await JSZip.loadAsync(await renderDocx(model, { fonts: { serif: { eastAsia: '仿宋' }, sans: { eastAsia: '楷体', latin: 'Calibri' } } }));
      const styles = await z.file('word/styles.xml')!.async('string');
      expect(styles).toMatch(/w:eastAsia="仿宋"/);
      expect(styles).toMatch(/w:ascii="Calibri" w:cs="Calibri" w:eastAsia="楷体"/);
      expect(styles).not.toMatch(/w:eastAsia="宋体"/);
      expect(await z.file('word/fontTable.xml')!.async('string')).toMatch(/<w:font w:name="Calibri"><w:panose1 w:val="0{20}"\/><w:charset w:val="00"\/>/);
    },
    T,
  );

  it('sets no automatic space between Chinese and Latin text or digits (as the PDF), and the grid at the body pitch', () => {
    expect(xml['word/styles.xml']).toMatch(/<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"\/><w:autoSpaceDN w:val="0"\/><w:snapToGrid w:val="0"\/>/);
    // 10.5 pt × 1.6 = 16.8 pt = 336 twips, the PDF's line pitch
    expect(xml['word/document.xml']).toMatch(/<w:docGrid w:type="lines" w:linePitch="336"\/>/);
    expect(style('BodyText')).toMatch(/<w:spacing [^>]*w:line="336"/);
  });

  it('is in Chinese: zh-CN in the core properties and the run defaults', () => {
    expect(xml['docProps/core.xml']).toMatch(/<dc:language>zh-CN<\/dc:language>/);
    expect(xml['word/styles.xml']).toMatch(/<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/);
  });

  it(
    "numbers captions with SEQ fields (bold, in a bookmark) and turns the text's 图N into cross-references",
    async () => {
      const doc = xml['word/document.xml'];
      expect(doc).toMatch(
        /<w:bookmarkStart w:id="1" w:name="_Ref_fig1"\/><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">图<\/w:t><\/w:r><w:fldSimple w:instr="SEQ 图 \\\* ARABIC"><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">1<\/w:t><\/w:r><\/w:fldSimple><w:bookmarkEnd w:id="1"\/>/,
      );
      expect(doc).toMatch(/<w:fldSimple w:instr="SEQ 表 \\\* ARABIC">/);
      const withRef: DocumentModel = {
        ...model,
        blocks: model.blocks.map((b) => (b.type === 'paragraph' ? { ...b, content: [{ type: 'text' as const, text: '如图2所示，图9不存在。' }] } : b)),
      };
      const z = await JSZip.loadAsync(await renderDocx(withRef));
      const d2 = await z.file('word/document.xml')!.async('string');
      expect(d2).toContain('<w:r><w:t xml:space="preserve">如</w:t></w:r><w:fldSimple w:instr="REF _Ref_fig2 \\h"><w:r><w:t xml:space="preserve">图2</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve">所示，图9不存在。</w:t></w:r>');
    },
    T,
  );

  it(
    'writes custom document properties and the header mark',
    async () => {
      const marked: DocumentModel = {
        ...model,
        meta: {
          ...model.meta,
          properties: [
            { name: '期号', value: '2018年第6期' },
            { name: '数据', value: '样例数据' },
          ],
        },
        header: { ...model.header, mark: '样例数据' },
      };
      const z = await JSZip.loadAsync(await renderDocx(marked));
      const custom = await z.file('docProps/custom.xml')!.async('string');
      expect(custom).toMatch(/<property [^>]*name="期号"><vt:lpwstr>2018年第6期<\/vt:lpwstr><\/property>/);
      expect(custom).toMatch(/name="数据"><vt:lpwstr>样例数据</);
      const header = await z.file('word/header1.xml')!.async('string');
      expect(header).toMatch(/<w:color w:val="a6a6a6"\/>[\s\S]*<w:tab\/><w:t xml:space="preserve">样例数据<\/w:t>/);
    },
    T,
  );

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
    const media = Object.keys(zip.files)
      .filter((n) => n.startsWith('word/media/'))
      .sort();
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
    // 440 × 200 pt, set at 97 % in Word (so that Word breaks pages as the PDF) → 426.8 × 194 pt → 569 × 259 px → EMU
    expect(xml['word/document.xml']).toMatch(/<wp:extent cx="5419725" cy="2466975"\/>/);
  });

  it(
    'sets a figure at the scale the model carries (the PDF layout set it), so Word breaks pages alike',
    async () => {
      const z = await JSZip.loadAsync(await renderDocx(withFigureScales(model, new Map([[1, 0.9]]))));
      const doc = await z.file('word/document.xml')!.async('string');
      const extents = [...doc.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const full = [...xml['word/document.xml'].matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
      // figure 1 at 90 % (to the pixel), figure 2 as it was
      expect(extents[0][0] / full[0][0]).toBeCloseTo(0.9, 2);
      expect(extents[0][1] / full[0][1]).toBeCloseTo(0.9, 2);
      expect(extents[1]).toEqual(full[1]);
    },
    T,
  );

  it('has the table caption above, a repeating header row and rows that do not split', () => {
    const doc = xml['word/document.xml'];
    const caption = doc.indexOf('SEQ 表');
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
    const pngs = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.png'))
        .map((n) => zip.file(n)!.async('nodebuffer')),
    );
    for (const f of figures) expect(pngs.some((p) => p.equals(Buffer.from(f.png)))).toBe(true);
  });

  it(
    'is deterministic: fixed dates, same bytes twice',
    async () => {
      expect(xml['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2018-11-15T00:00:00Z</dcterms:created>');
      expect(xml['docProps/core.xml']).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2018-11-15T00:00:00Z</dcterms:modified>');
      for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2018-11-15T00:00:00.000Z');
      const again = await renderDocx(model);
      expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
      expect(Object.keys(zip.files)[0]).toBe('[Content_Types].xml');
    },
    T,
  );
});
