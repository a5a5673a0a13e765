/**
 * The paginator (src/render/pdf/paginate.ts) lays measured blocks out as pdfmake
 * does: the float planner trusts it to try block orders without a pdfmake pass.
 * Checked against pdfmake's own layout, block by block, and on what a table
 * keeps with it at the foot of a page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../../src/model/types.js';
import { buildDefinition, LEAD_BOX, type BuildState } from '../../src/render/pdf/definition.js';
import { BLOCK_INDEX, FIGURE_NUMBER, TABLE_PART, layOut, preparePdfmake, type PdfmakePage } from '../../src/render/pdf/pdfmake-adapter.js';
import { extent } from '../../src/render/pdf/layout-plan.js';
import { flowItems, type TextItem } from '../../src/render/pdf/flow.js';
import { Paginator } from '../../src/render/pdf/paginate.js';
import { renderPdfWithInfo } from '../../src/render/pdf/index.js';
import { defaultFontSet } from '../../src/fonts.js';
import { MARGIN, PAGE } from '../../src/render/common.js';
import { DISTRICTS, PARAGRAPHS, SCORES, buildSampleModel, makeFigure } from './sample-model.js';
import { readPdf, squash } from './pdf-text.js';

const T = 60_000;
const p = (text: string): Block => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** pdfmake's layout of a model (one pass, nothing drawn, headings kept with their text). */
async function pdfmakePages(model: DocumentModel): Promise<PdfmakePage[]> {
  preparePdfmake(defaultFontSet());
  const st: BuildState = {
    footnotes: new Map(model.footnotes.map((f) => [f.id, f])),
    pass: { measure: true, notes: new Map(), reserve: new Map(), scales: new Map(), breaks: new Set(), keeps: true },
    figures: new Map(),
    firstPageNumber: 1,
    header: model.header,
    attachments: [],
    headingCount: 0,
    openHeadings: [],
  };
  const { dd, hook } = buildDefinition(model, st);
  return (await layOut(dd, hook)).pages;
}

/** Where pdfmake put the start of each block: its first line, a figure's image, a table's caption. */
function pdfmakeStarts(model: DocumentModel, pages: PdfmakePage[]): Map<number, { page: number; top: number }> {
  const starts = new Map<number, { page: number; top: number }>();
  pages.forEach((page, n) => {
    for (const it of page.items) {
      let block: number | undefined;
      if (it.type === 'svg') block = model.blocks.findIndex((b) => b.type === 'figure' && b.number === it.item[FIGURE_NUMBER]);
      else {
        const tagged = it.item.inlines?.find((inl) => inl[BLOCK_INDEX] !== undefined);
        if (tagged && (tagged[TABLE_PART] === undefined || tagged[TABLE_PART] === 'caption')) block = tagged[BLOCK_INDEX];
      }
      if (block !== undefined && block >= 0 && !starts.has(block)) starts.set(block, { page: n, top: extent(it)[0] });
    }
  });
  return starts;
}

/** The paginator's layout of the same blocks, in the same order. */
function paginatorStarts(model: DocumentModel, pages: PdfmakePage[]): { starts: Map<number, { page: number; top: number }>; pages: number } {
  const pg = new Paginator(() => 0);
  const sheet = pg.start(true);
  let headings: TextItem[] = [];
  for (const it of flowItems(model, pages, (b) => b.scale)) {
    if (it.kind === 'text' && it.keep) headings.push(it);
    else {
      pg.place(sheet, headings, it);
      headings = [];
    }
  }
  if (headings.length > 0) pg.place(sheet, headings, null);
  return { starts: sheet.log!.starts, pages: sheet.page + 1 };
}

let sample: DocumentModel;
let tall: Awaited<ReturnType<typeof makeFigure>>;

beforeAll(async () => {
  sample = { ...(await buildSampleModel()), footnotes: [] };
  sample.blocks = sample.blocks.map((b) => (b.type === 'byline' ? { ...b, content: b.content.filter((c) => c.type !== 'footnoteRef') } : b));
  tall = await makeFigure(440, 300, DISTRICTS, SCORES);
}, T);

describe('paginator', () => {
  it(
    'puts every block where pdfmake puts it: lines, headings kept with their text, figures, a table across pages',
    async () => {
      // The hand-built sample with two more figures, so that blocks move to the next page for each reason.
      const model: DocumentModel = {
        ...sample,
        blocks: [...sample.blocks.slice(0, 8), { type: 'figure', id: 'tall', number: 3, caption: '高图', ...tall }, ...sample.blocks.slice(8, 20), { type: 'figure', id: 'tall2', number: 4, caption: '高图二', ...tall }, ...sample.blocks.slice(20)],
      };
      const pages = await pdfmakePages(model);
      const want = pdfmakeStarts(model, pages);
      const got = paginatorStarts(model, pages);
      expect(got.pages).toBe(pages.length);
      expect(new Set([...want.values()].map((s) => s.page)).size).toBeGreaterThanOrEqual(4);
      for (const [block, at] of want) {
        const b = model.blocks[block];
        // The lead's first line stands inside its box: under the rule and the padding.
        const offset = b.type === 'lead' ? LEAD_BOX.rule + LEAD_BOX.paddingTop : 0;
        const sim = got.starts.get(block);
        expect(sim?.page, `${b.type} ${block}`).toBe(at.page);
        expect(sim!.top + offset, `${b.type} ${block}`).toBeCloseTo(at.top, 1);
      }
    },
    T,
  );

  it(
    'takes a table caption and its heading to the next page with the table when its first rows do not fit under them',
    async () => {
      const table = sample.blocks.find((b) => b.type === 'table')!;
      const heading: Block = { type: 'heading', level: 1, content: [{ type: 'text', text: '附表' }] };
      // Text that ends low on page 1: room for the heading and the caption (about 50 pt), not for the header and three rows.
      const text: Block[] = [];
      for (let i = 0; ; i++) {
        const lines = [...text, p(PARAGRAPHS[i % PARAGRAPHS.length].slice(0, 45 * (1 + (i % 3))))];
        const probe = await pdfmakePages({ ...sample, blocks: lines });
        if (probe.length > 1) break;
        text.push(lines.at(-1)!);
        const bottom = Math.max(...probe[0].items.filter((it) => extent(it)[0] >= MARGIN.top - 1 && extent(it)[0] < PAGE.height - MARGIN.bottom).map((it) => extent(it)[1]));
        if (PAGE.height - MARGIN.bottom - bottom < 100) break;
      }
      const model: DocumentModel = { ...sample, blocks: [...text, heading, table] };
      const at = text.length;
      const { bytes } = await renderPdfWithInfo(model);
      const read = await readPdf(bytes);
      const caption = squash(`表1${table.type === 'table' ? table.caption : ''}`);
      const onPage = read.pages.findIndex((pg) => pg.text.includes(caption));
      expect(onPage).toBe(1);
      expect(read.pages[1].text.startsWith('附表')).toBe(true);
      expect(read.pages[0].text).not.toContain('附表');
      // The paginator foresees it
      const pages = await pdfmakePages(model);
      expect(paginatorStarts(model, pages).starts.get(at)?.page).toBe(1);
      expect(paginatorStarts(model, pages).starts.get(at + 1)?.page).toBe(1);
    },
    T,
  );
});
