import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf, renderPdfWithInfo, type PdfRenderInfo } from '../../src/render/pdf/index.js';
import type { Block, DocumentModel, Inline } from '../../src/model/types.js';
import { buildSampleModel, DISTRICTS, FOOTNOTE, LEAD, makeFigure, PARAGRAPHS, SCORES } from './sample-model.js';
import { MARGIN, PAGE } from '../../src/render/common.js';
import { readPdf, squash, type OutlineItem, type PdfPage } from './pdf-text.js';

const T = 60_000;

let model: DocumentModel;
let bytes: Uint8Array;
let info: PdfRenderInfo;
let pages: PdfPage[];
let docInfo: Record<string, unknown>;
let outline: OutlineItem[];

beforeAll(async () => {
  model = await buildSampleModel();
  ({ bytes, info } = await renderPdfWithInfo(model));
  ({ pages, info: docInfo, outline } = await readPdf(bytes));
}, T);

const blockText = (b: Block): string => ('content' in b ? squash((b.content as Inline[]).map((i) => (i.type === 'text' ? i.text : '')).join('')) : '');

describe('PDF renderer', () => {
  it('lays the sample out on several A4 pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(info.pages).toBe(pages.length);
    expect(new TextDecoder('latin1').decode(bytes.slice(0, 8))).toBe('%PDF-1.7');
  });

  it('contains every paragraph, in order (start and end of each)', () => {
    const all = pages.map((p) => p.text).join('');
    let pos = -1;
    const texts = [squash(LEAD), ...PARAGRAPHS.slice(0, 10).map(squash)];
    for (const t of texts) {
      const head = all.indexOf(t.slice(0, 14), pos + 1);
      expect(head, `start of "${t.slice(0, 14)}"`).toBeGreaterThan(pos);
      const tail = all.indexOf(t.slice(-14), head);
      expect(tail, `end of "${t.slice(-14)}"`).toBeGreaterThan(head);
      pos = tail;
    }
  });

  it('embeds subset TrueType fonts (serif body, sans headings)', () => {
    const raw = new TextDecoder('latin1').decode(bytes);
    expect((raw.match(/\/FontFile2/g) ?? []).length).toBe(4);
    for (const name of ['NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Regular', 'NotoSansSC-Bold']) {
      expect(raw).toMatch(new RegExp(`/[A-Z]{6}\\+${name}`));
    }
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times)/);
    expect(pages[0].fonts.some((f) => /\+NotoSerifSC-Regular$/.test(f))).toBe(true);
    expect(pages[0].fonts.some((f) => /\+NotoSansSC-Bold$/.test(f))).toBe(true);
  });

  it('prints the running header and the page number on every page', () => {
    pages.forEach((p, i) => {
      expect(p.text).toContain(squash(model.header.bulletin));
      expect(p.text).toContain(squash(model.header.column));
      const last = p.items[p.items.length - 1];
      expect(last.str.trim()).toBe(String(i + 1));
      // the number is the lowest text on the page
      expect(Math.min(...p.items.map((it) => it.y))).toBe(last.y);
    });
  });

  it('prints footnote ① at the foot of page 1 only, under the body text', () => {
    const note = squash(FOOTNOTE);
    expect(pages[0].text).toContain(note.slice(0, 20));
    pages.slice(1).forEach((p) => expect(p.text).not.toContain(note.slice(0, 20)));
    expect(info.footnotePages).toEqual({ group: 1 });
    const items = pages[0].items;
    const noteY = items.find((it) => it.str.includes('重庆科技发展战略研究院'))!.y;
    const bodyYs = items.filter((it) => PARAGRAPHS.some((p) => it.str.length > 3 && p.includes(it.str))).map((it) => it.y);
    expect(Math.min(...bodyYs)).toBeGreaterThan(noteY);
    // the mark sits on the byline
    expect(pages[0].text).toContain('重庆区县双创指数报告研究小组①');
  });

  it('puts captions under figures and above tables, numbered in order', () => {
    const all = pages.map((p) => p.text).join('');
    const f1 = all.indexOf(squash('图1 38个区县双创指数'));
    const f2 = all.indexOf(squash('图2 双创指数前12位区县'));
    const t1 = all.indexOf(squash('表1 2018年第3季度38个区县双创指数得分'));
    expect(f1).toBeGreaterThan(all.indexOf(squash(PARAGRAPHS[1]).slice(-10)));
    expect(f2).toBeGreaterThan(f1);
    expect(t1).toBeGreaterThan(f2);
    // the table caption comes before the table's header row
    expect(all.indexOf('序号区县双创指数双创活力', t1)).toBeGreaterThan(t1);
  });

  it('draws figures as vector SVG (no raster image for them)', () => {
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).not.toMatch(/\/Subtype \/Image/);
  });

  it('repeats the table header on each page the table crosses', () => {
    const head = squash('序号区县双创指数双创活力双创环境双创成效');
    const withHead = pages.filter((p) => p.text.includes(head));
    expect(withHead.length).toBeGreaterThanOrEqual(2);
    const all = pages.map((p) => p.text).join('');
    expect(all).toContain('38武隆区');
  });

  it('never leaves a heading at the foot of a page', () => {
    model.blocks.forEach((b, i) => {
      if (b.type !== 'heading') return;
      const next = model.blocks.slice(i + 1).find((n) => n.type !== 'heading');
      const h = blockText(b);
      const page = pages.findIndex((p) => p.text.includes(h));
      expect(page, h).toBeGreaterThanOrEqual(0);
      if (next && (next.type === 'paragraph' || next.type === 'note')) {
        expect(pages[page].text, `${h} with its text`).toContain(blockText(next).slice(0, 8));
      }
    });
  });

  it('writes fixed metadata and the headings as bookmarks', () => {
    expect(docInfo.Title).toBe(model.meta.title);
    expect(docInfo.Author).toBe(model.meta.author);
    expect(docInfo.CreationDate).toBe('D:20181115000000Z');
    expect(docInfo.ModDate).toBe('D:20181115000000Z');
    expect(docInfo.Language).toBe('zh-CN');
    expect(outline.map((o) => o.title)).toEqual(['一、区县双创指数评价结果', '二、区县双创指数一级指标评价结果', '三、区县双创指数与上季度对比情况']);
    expect(outline[2].items.map((o) => o.title)).toEqual(['（一）总体情况', '（二）典型区县分析']);
    expect(outline[2].items[1].items.map((o) => o.title)).toEqual(['1. 渝北区', '2. 大渡口区']);
  });

  it(
    'sets a figure up to 1/7 smaller (no label under 6 pt) when that keeps it on the page of its text; otherwise it moves on at full size',
    async () => {
      const t = (text: string): Inline => ({ type: 'text', text });
      const text: Block[] = [model.blocks[1], ...PARAGRAPHS.slice(0, 3).map((p) => ({ type: 'paragraph', content: [t(p)] }) as Block)];
      const base: DocumentModel = { ...model, blocks: text, footnotes: [] };
      const probe = await readPdf((await renderPdfWithInfo(base)).bytes);
      // Room under the text of page 1 (baselines are measured from the bottom of the page).
      const body = probe.pages[0].items.filter((it) => it.y > MARGIN.bottom && it.y < PAGE.height - MARGIN.top);
      const room = Math.min(...body.map((it) => it.y)) - 4 - MARGIN.bottom - 6 - 10 - 16 - 2;
      const withFigure = async (height: number): Promise<DocumentModel> => ({
        ...base,
        blocks: [...text, { type: 'figure', id: 'f', number: 1, caption: '测试用图', ...(await makeFigure(400, height, DISTRICTS.slice(0, 5), SCORES.slice(0, 5))) }],
      });
      const near = await renderPdfWithInfo(await withFigure(room / 0.93));
      expect(near.info.figureScales[1]).toBeGreaterThanOrEqual(0.85);
      expect(near.info.figureScales[1]).toBeLessThan(1);
      const nearPages = (await readPdf(near.bytes)).pages;
      expect(nearPages).toHaveLength(1);
      expect(nearPages[0].text).toContain('测试用图');
      const far = await renderPdfWithInfo(await withFigure(room / 0.7));
      expect(far.info.figureScales).toEqual({});
      const farPages = (await readPdf(far.bytes)).pages;
      expect(farPages[0].text).not.toContain('测试用图');
      expect(farPages[1].text).toContain('测试用图');
    },
    T,
  );

  it(
    'is deterministic: the same model gives the same bytes',
    async () => {
      const again = await renderPdf(model);
      expect(again.length).toBe(bytes.length);
      expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    },
    T,
  );

  it(
    'prints each footnote on the page of its mark, several per page',
    async () => {
      const t = (text: string): Inline => ({ type: 'text', text });
      const note = (id: string, text: string) => ({ id, mark: '', content: [t(text)] });
      const withRef = (text: string, id: string): Block => ({ type: 'paragraph', content: [t(text), { type: 'footnoteRef', id }] });
      const blocks: Block[] = [
        model.blocks[1],
        model.blocks[2],
        ...PARAGRAPHS.slice(0, 6).map((p, i) => (i === 3 ? withRef(p, 'b') : i === 4 ? withRef(p, 'c') : ({ type: 'paragraph', content: [t(p)] } as Block))),
        ...PARAGRAPHS.slice(6).map((p, i) => (i === 4 ? withRef(p, 'd') : ({ type: 'paragraph', content: [t(p)] } as Block))),
        ...PARAGRAPHS.map((p, i) => (i === 9 ? withRef(p, 'e') : ({ type: 'paragraph', content: [t(p)] } as Block))),
      ];
      const marks = ['①', '②', '③', '④', '⑤'];
      const m: DocumentModel = {
        ...model,
        blocks,
        footnotes: [
          { ...model.footnotes[0] },
          note('b', '第二条注释：双创活力指数由新注册企业数、新注册企业数环比增长率等指标合成。'),
          note('c', '第三条注释：双创环境指数由众创空间数、知识产权保护程度、社会关注度等指标合成。'),
          note('d', '第四条注释：双创成效指数由新增就业岗位数、就业潜力等指标合成。'),
          note('e', '第五条注释：本节数据来源于各区县统计部门。'),
        ].map((f, i) => ({ ...f, mark: marks[i] })),
      };
      const r = await renderPdfWithInfo(m);
      if (process.env.DOCS_OUT) (await import('node:fs')).writeFileSync(`${process.env.DOCS_OUT}/footnotes.pdf`, r.bytes);
      const read = await readPdf(r.bytes);
      expect(Object.keys(r.info.footnotePages).sort()).toEqual(['b', 'c', 'd', 'e', 'group']);
      for (const fn of m.footnotes) {
        const p = r.info.footnotePages[fn.id];
        const text = squash(fn.content.map((c) => (c.type === 'text' ? c.text : '')).join('')).slice(0, 12);
        read.pages.forEach((pg, i) => {
          if (i + 1 === p) expect(pg.text, `${fn.id} on page ${p}`).toContain(text);
          else expect(pg.text, `${fn.id} not on page ${i + 1}`).not.toContain(text);
        });
        // mark in the text and label of the note: the mark character appears at least twice on its page
        expect(read.pages[p - 1].text.split(fn.mark).length - 1).toBeGreaterThanOrEqual(2);
      }
      // the notes are the lowest text above the page number
      for (const fn of m.footnotes) {
        const pg = read.pages[r.info.footnotePages[fn.id] - 1];
        const probe = squash(fn.content[0].type === 'text' ? fn.content[0].text : '').slice(-9, -1);
        const noteY = pg.items.find((it) => squash(it.str).includes(probe))!.y;
        const bodyYs = pg.items.filter((it) => PARAGRAPHS.some((p) => squash(it.str).length > 4 && p.includes(it.str))).map((it) => it.y);
        expect(Math.min(...bodyYs)).toBeGreaterThan(noteY);
      }
    },
    T,
  );
});
