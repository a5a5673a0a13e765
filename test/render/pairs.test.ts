/** Figures side by side: a pair at half the text width, in the PDF and in the DOCX. */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/render/pdf/index.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { HALF_WIDTH } from '../../src/render/common.js';
import type { DocumentModel } from '../../src/model/types.js';
import { DISTRICTS, PARAGRAPHS, SCORES, buildSampleModel, makeFigure } from './sample-model.js';
import { readPdf } from './pdf-text.js';

const T = 60_000;
let model: DocumentModel;

beforeAll(async () => {
  const base = await buildSampleModel();
  const left = await makeFigure(230, 330, DISTRICTS.slice(0, 12), SCORES.slice(0, 12));
  const right = await makeFigure(300, 430, DISTRICTS.slice(12, 24), SCORES.slice(12, 24)); // wider than half: scaled down to it, as tall as the left then
  model = {
    ...base,
    footnotes: [],
    blocks: [
      { type: 'paragraph', content: [{ type: 'text', text: PARAGRAPHS[0] }] },
      { type: 'figure', id: 'left', number: 1, caption: '左图', ...left, besideNext: true },
      { type: 'figure', id: 'right', number: 2, caption: '右图', ...right },
      { type: 'paragraph', content: [{ type: 'text', text: PARAGRAPHS[1] }] },
    ],
  };
}, T);

describe('figure pairs', () => {
  it(
    'sets the two figures side by side in the PDF: one page where stacked they would need two, captions level',
    async () => {
      const { pages } = await readPdf(await renderPdf(model));
      expect(pages).toHaveLength(1);
      const caption = (label: string) => pages[0].items.find((i) => i.str.startsWith(label))!;
      const [c1, c2] = [caption('图1'), caption('图2')];
      expect(c1).toBeDefined();
      expect(c2).toBeDefined();
      expect(Math.abs(c1.y - c2.y)).toBeLessThan(0.5);
      // the text after the pair comes below both
      const after = pages[0].items.find((i) => PARAGRAPHS[1].startsWith(i.str.trim()) && i.str.trim().length > 4)!;
      expect(after.y).toBeLessThan(c1.y);
    },
    T,
  );

  it(
    'sets them in one table row of the DOCX, each at most half the text width',
    async () => {
      const z = await JSZip.loadAsync(await renderDocx(model));
      const doc = await z.file('word/document.xml')!.async('string');
      const tables = [...doc.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
      expect(tables).toHaveLength(1);
      const row = tables[0];
      expect(row.match(/<w:tc>/g)).toHaveLength(4); // images in one row, captions in the next
      expect(row.match(/<w:drawing>/g)).toHaveLength(2);
      expect(row).toMatch(/<w:cantSplit\/>/);
      expect(row).toMatch(/SEQ 图[\s\S]*SEQ 图/);
      const halfEmu = Math.round((HALF_WIDTH * 96) / 72) * 9525;
      for (const m of row.matchAll(/<wp:extent cx="(\d+)"/g)) expect(Number(m[1])).toBeLessThanOrEqual(halfEmu);
    },
    T,
  );
});
