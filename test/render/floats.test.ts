/**
 * Floating figures: a figure that does not fit under the text before it goes to
 * the next page while the text after it fills the page it leaves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdfWithInfo } from '../../src/render/pdf/index.js';
import type { Block, DocumentModel } from '../../src/model/types.js';
import { MARGIN, PAGE } from '../../src/render/common.js';
import { DISTRICTS, PARAGRAPHS, SCORES, buildSampleModel, makeFigure } from './sample-model.js';
import { readPdf } from './pdf-text.js';

const T = 60_000;
const p = (text: string): Block => ({ type: 'paragraph', content: [{ type: 'text', text }] });

let model: DocumentModel;

beforeAll(async () => {
  const base = await buildSampleModel();
  const tall = await makeFigure(440, 540, DISTRICTS, SCORES);
  const small = await makeFigure(300, 120, DISTRICTS.slice(0, 8), SCORES.slice(0, 8));
  // Text that fills about 60 % of page 1, a figure too tall for the rest, a second figure, more text.
  model = {
    ...base,
    footnotes: [],
    blocks: [
      { type: 'heading', level: 1, content: [{ type: 'text', text: '一、区县双创指数评价结果' }] },
      ...PARAGRAPHS.slice(0, 4).map(p),
      { type: 'figure', id: 'tall', number: 1, caption: '高图', ...tall },
      { type: 'figure', id: 'small', number: 2, caption: '矮图', ...small },
      ...PARAGRAPHS.slice(4, 11).map(p),
    ],
  };
}, T);

describe('floating figures', () => {
  it(
    'moves the figures after the text that fills the page they would leave empty, keeping their order',
    async () => {
      const still = await renderPdfWithInfo(model, { floats: false });
      const floated = await renderPdfWithInfo(model);
      const [a, b] = [await readPdf(still.bytes), await readPdf(floated.bytes)];
      const fifth = PARAGRAPHS[4].replace(/\s+/g, '').slice(-24);
      // Without floats the figures stand at the top of page 2 and the fifth paragraph follows them there.
      expect(a.pages[0].text).not.toContain(fifth);
      // With floats the fifth paragraph fills page 1; the figures follow, numbered in order.
      expect(b.pages[0].text).toContain(fifth);
      const order = floated.model.blocks.map((x) => (x.type === 'figure' ? `图${x.number}` : x.type));
      expect(order.indexOf('图1')).toBeGreaterThan(5);
      expect(order.indexOf('图2')).toBeGreaterThan(order.indexOf('图1'));
      // Nothing lost or duplicated
      expect(floated.model.blocks.length).toBe(model.blocks.length);
      expect(new Set(floated.model.blocks)).toEqual(new Set(model.blocks));
      // Page 1 now ends near the foot of its text block
      const lowest = Math.min(...b.pages[0].items.filter((i) => !/^\d+$/.test(i.str.trim())).map((i) => i.y));
      expect(lowest).toBeLessThan(MARGIN.bottom + 0.2 * (PAGE.height - MARGIN.top - MARGIN.bottom));
    },
    T,
  );

  it(
    'leaves a model alone whose figures fit where they stand',
    async () => {
      const fits: DocumentModel = { ...model, blocks: model.blocks.filter((x) => x.type !== 'figure' || x.number === 2).slice(0, 4) };
      const r = await renderPdfWithInfo(fits);
      expect(r.model.blocks).toEqual(fits.blocks);
    },
    T,
  );
});

describe('floating figures and headings', () => {
  it(
    'never puts a figure between a heading and the table it introduces',
    async () => {
      const base = await buildSampleModel();
      const table = base.blocks.find((b) => b.type === 'table')!;
      const withTable: DocumentModel = {
        ...model,
        blocks: [...model.blocks.slice(0, 7), { type: 'heading', level: 1, content: [{ type: 'text', text: '附表' }] }, table],
      };
      const r = await renderPdfWithInfo(withTable);
      const at = r.model.blocks.findIndex((b) => b.type === 'heading' && b.content.some((c) => c.type === 'text' && c.text === '附表'));
      expect(r.model.blocks[at + 1].type).toBe('table');
    },
    T,
  );
});
