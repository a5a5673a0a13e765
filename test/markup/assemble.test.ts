/**
 * The document model from the narrative as one structure: the narrative's headings
 * and paragraphs become blocks as they are (their text is never read as markup),
 * only {{#markup}} segments are parsed, and figure numbers, footnote marks and
 * problems span the whole document.
 */
import { describe, expect, it } from 'vitest';
import { assembleDocument } from '../../src/document/assemble.js';
import { placeFigures } from '../../src/document/figure-numbers.js';
import type { FigureSpec } from '../../src/figures/spec.js';
import { InputError } from '../../src/errors.js';
import type { FigureAsset } from '../../src/markup/parse.js';
import type { Narrative } from '../../src/narrative/types.js';

const fig = (number: number, caption: string): FigureAsset => ({ number, caption, svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', png: new Uint8Array([1]), widthPt: 10, heightPt: 10 });
const spec = (id: string, kind: FigureSpec['kind'], caption: string): FigureSpec => ({ id, kind, node: '双创指数', caption, needsPrevious: false, section: '双创指数' });
/** The figures the report could draw; the change chart is left out (as for want of a previous quarter). */
const kept = [spec('map-total', 'map', '分布图'), spec('bar-total', 'bars', '柱状图')];

const narrativeOf = (blocks: Narrative['blocks']): Narrative => ({ sections: [], blocks, handChecked: [], lexicon: { up: [], down: [], flat: [], strong: [], weak: [] } });

/** The document as the report assembles it: figures numbered by placeFigures, their assets carrying those numbers. */
function assemble(blocks: Narrative['blocks']) {
  const narrative = narrativeOf(blocks);
  const figures = new Map(placeFigures(narrative, kept).map((f) => [f.id, fig(f.number, f.caption)]));
  return assembleDocument({
    narrative,
    assets: { figures, tables: new Map() },
    header: { bulletin: '刊', column: '栏' },
    meta: { title: 't', lang: 'zh-CN', author: 'a', subject: 's', keywords: [], date: '2018-09-30', properties: [] },
    sourceName: 'report.hbs',
  });
}

const paragraph = (text: string, kind = 'level') => ({ type: 'paragraph' as const, text, kind, spans: [] });

describe('assembleDocument', () => {
  it('takes narrative text literally: a paragraph that looks like markup stays that paragraph', () => {
    const texts = ['# 不是标题', '> 注：不是注行', '**不加粗**，^不上标^', '[^x]: 不是脚注', '::: note :::'];
    const model = assemble([{ type: 'heading', level: 1, text: '一、**总体**' }, paragraph('引言。', 'lead'), ...texts.map((t) => paragraph(t))]);
    expect(model.blocks).toEqual([
      { type: 'heading', level: 1, content: [{ type: 'text', text: '一、**总体**' }] },
      { type: 'lead', content: [{ type: 'text', text: '引言。' }] },
      ...texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
    ]);
    expect(model.footnotes).toEqual([]);
  });

  it('numbers figures and footnotes through the whole document: placed figures, markup figures, a mark and its note in different segments', () => {
    const model = assemble([
      { type: 'markup', text: '::: byline\n研究小组[^group]\n:::', line: 3 },
      { type: 'figure', id: 'bar-total', line: 10 },
      { type: 'markup', text: '::: figure map-total :::\n\n[^group]: 研究小组成员。', line: 12 },
    ]);
    expect(model.blocks.filter((b) => b.type === 'figure').map((b) => [b.type === 'figure' && b.id, b.type === 'figure' && b.number])).toEqual([
      ['bar-total', 1],
      ['map-total', 2],
    ]);
    expect(model.footnotes).toEqual([{ id: 'group', mark: '①', content: [{ type: 'text', text: '研究小组成员。' }] }]);
  });

  it('numbers only the figures kept, in order of placement, under the headings they stand under', () => {
    const narrative = narrativeOf([
      { type: 'heading', level: 1, text: '一、总体' },
      { type: 'figure', id: 'change-total', line: 5 },
      { type: 'figure', id: 'map-total', line: 5 },
      { type: 'heading', level: 2, text: '（一）排名' },
      { type: 'markup', text: '::: figure bar-total :::\n::: figure map-total :::', line: 8 },
    ]);
    expect(placeFigures(narrative, kept).map((f) => [f.number, f.id, f.heading])).toEqual([
      [1, 'map-total', '一、总体'],
      [2, 'bar-total', '一、总体 › （一）排名'],
    ]);
  });

  it('names the template line of every problem, in every segment, at once', () => {
    let err: unknown;
    try {
      assemble([{ type: 'markup', text: 'x\n::: byline\n研究小组', line: 20 }, paragraph('正文。'), { type: 'figure', id: 'no-such', line: 31 }, { type: 'markup', text: '[^lonely]: 没有标记的脚注。', line: 40 }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const problems = (err as InputError).problems.map((p) => [p.line, p.message]);
    expect(problems).toEqual([
      [21, '::: byline is not closed'],
      [31, 'unknown figure "no-such"'],
      [40, 'footnote [^lonely] is defined but never marked in the text'],
    ]);
  });
});
