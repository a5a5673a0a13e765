/**
 * Shaped runs are shared across layout passes and renders (pdfmake-adapter.ts,
 * shareShapedRuns): a warm render must give the bytes of a cold one, and a
 * document whose characters were never drawn before must still embed and map
 * their glyphs (encode() keeps its per-document side effects).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { renderPdf } from '../../src/render/pdf/index.js';
import { shapedRunCount } from '../../src/render/pdf/pdfmake-adapter.js';
import { createFontSet, defaultFontSet } from '../../src/fonts.js';
import type { DocumentModel } from '../../src/model/types.js';
import { buildSampleModel } from './sample-model.js';
import { readPdf, squash } from './pdf-text.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Characters the sample report never uses (rare, but in Noto Serif SC), in a serif paragraph and a sans heading. */
const UNSEEN = '魑魅魍魉饕餮犇骉麤龘齉爨';

let sample: DocumentModel;
let first: Uint8Array;
let second: Uint8Array;

beforeAll(async () => {
  sample = await buildSampleModel();
  first = await renderPdf(sample);
  second = await renderPdf(sample);
}, 120_000);

function withUnseen(model: DocumentModel): DocumentModel {
  const blocks = model.blocks.filter((b) => b.type !== 'figure');
  return {
    ...model,
    blocks: [...blocks.slice(0, 4), { type: 'heading', level: 2, content: [{ type: 'text', text: `（四）${UNSEEN.slice(0, 6)}` }] }, { type: 'paragraph', content: [{ type: 'text', text: `生僻字测试：${UNSEEN}。` }] }, ...blocks.slice(4)],
  };
}

describe('shaped runs shared across renders', () => {
  it('a second render in the same process (warm runs) gives the same bytes, and the runs are kept', () => {
    expect(sha256(second)).toBe(sha256(first));
    expect(shapedRunCount(defaultFontSet().serif.regular.bytes)).toBeGreaterThan(100);
  });

  it('a document with characters never drawn before embeds them: warm render = cold render, text extracts', async () => {
    const model = withUnseen(sample);
    const warm = await renderPdf(model);
    // A fresh FontSet reads the files anew: new fontkit fonts, no shaped runs yet (a cold render).
    const coldFonts = createFontSet();
    expect(shapedRunCount(coldFonts.serif.regular.bytes)).toBe(0);
    const cold = await renderPdf(model, { fonts: coldFonts });
    expect(sha256(warm)).toBe(sha256(cold));
    const text = squash((await readPdf(warm)).pages.map((p) => p.text).join(''));
    expect(text).toContain(`生僻字测试：${UNSEEN}。`);
    expect(text).toContain(`（四）${UNSEEN.slice(0, 6)}`);
  }, 120_000);
});
