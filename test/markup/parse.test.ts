import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { figureIdsPlaced, parseMarkup, type FigureAsset, type MarkupAssets, type TableAsset } from '../../src/markup/parse.js';
import type { Block } from '../../src/model/types.js';

const fig = (number: number, caption: string): FigureAsset => ({ number, caption, svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', png: new Uint8Array([1]), widthPt: 10, heightPt: 10 });
const table: TableAsset = { caption: '各区县得分', header: [['区县', '得分']], rows: [['渝北区', '87.89']], note: '注：表注。' };
const assets: MarkupAssets = {
  figures: new Map([
    ['change-total', fig(1, '较上季度变化')],
    ['map-total', fig(2, '双创指数分布图')],
    ['bar-total', { ...fig(3, '38个区县双创指数'), note: '注：图注。' }],
  ]),
  tables: new Map([['appendix', table]]),
};

const SOURCE = 'templates/report.hbs';

function parse(text: string) {
  return parseMarkup(text, SOURCE, assets);
}

/** The problems an InputError carries (fails if none is thrown). */
function problems(text: string) {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
}

const DOC = `::: lead
重庆区县双创指数以引导全社会营造“大众创业、万众创新”
环境和氛围为导向。
:::

::: title
2018年第三季度重庆区县双创指数报告
:::

::: byline
重庆区县双创指数报告研究小组[^group]
:::

[^group]: 重庆区县双创指数报告研究小组由重庆科技发展战略研究院、
重庆大数据研究院等机构的专家学者组成。

# 一、区县双创指数评价结果

根据各区县2018年第3季度双创指数的综合得分，
可将全市38个区县划分为4类。

第一类：得分在80分以上的区县有1个，为**渝北区**。[^tier]

::: figure change-total
:::
::: figure map-total :::

## （一）双创活力评价结果

### 1. 渝北区

Latin words
join with a space, 面积 km^2^ and \\*stars\\*.

::: table appendix
:::

> 注：双创指数为三项一级指标
> 得分之和。

[^tier]: 分类标准见附表。

::: pagebreak
:::
::: note
（来源：重庆科技发展战略研究院）
:::
`;

describe('parseMarkup', () => {
  const { blocks, footnotes } = parse(DOC);

  it('turns the markup into blocks in order', () => {
    expect(blocks.map((b) => (b.type === 'heading' ? `h${b.level}` : b.type))).toEqual(['lead', 'title', 'byline', 'h1', 'paragraph', 'paragraph', 'figure', 'figure', 'h2', 'h3', 'paragraph', 'table', 'note', 'pageBreak', 'note']);
  });

  it('joins the lines of a paragraph without spaces between Chinese characters', () => {
    const lead = blocks[0] as Extract<Block, { type: 'lead' }>;
    expect(lead.content).toEqual([{ type: 'text', text: '重庆区县双创指数以引导全社会营造“大众创业、万众创新”环境和氛围为导向。' }]);
    const p = blocks[4] as Extract<Block, { type: 'paragraph' }>;
    expect(p.content).toEqual([{ type: 'text', text: '根据各区县2018年第3季度双创指数的综合得分，可将全市38个区县划分为4类。' }]);
    const latin = blocks[10] as Extract<Block, { type: 'paragraph' }>;
    expect(latin.content).toEqual([
      { type: 'text', text: 'Latin words join with a space, 面积 km' },
      { type: 'text', text: '2', superscript: true },
      { type: 'text', text: ' and *stars*.' },
    ]);
  });

  it('reads bold text and footnote marks', () => {
    const p = blocks[5] as Extract<Block, { type: 'paragraph' }>;
    expect(p.content).toEqual([
      { type: 'text', text: '第一类：得分在80分以上的区县有1个，为' },
      { type: 'text', text: '渝北区', bold: true },
      { type: 'text', text: '。' },
      { type: 'footnoteRef', id: 'tier' },
    ]);
  });

  it('numbers footnotes ①② in order of first mark, wherever they are defined', () => {
    expect(footnotes.map((f) => [f.id, f.mark])).toEqual([
      ['group', '①'],
      ['tier', '②'],
    ]);
    expect(footnotes[0].content).toEqual([{ type: 'text', text: '重庆区县双创指数报告研究小组由重庆科技发展战略研究院、重庆大数据研究院等机构的专家学者组成。' }]);
  });

  it('prints the figures with the numbers of their assets, numbers tables in order of appearance, fills both from the assets', () => {
    const figures = blocks.filter((b): b is Extract<Block, { type: 'figure' }> => b.type === 'figure');
    expect(figures.map((f) => [f.id, f.number, f.caption])).toEqual([
      ['change-total', 1, '较上季度变化'],
      ['map-total', 2, '双创指数分布图'],
    ]);
    const t = blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table')!;
    expect([t.id, t.number, t.caption, t.rows, t.note]).toEqual(['appendix', 1, '各区县得分', [['渝北区', '87.89']], '注：表注。']);
  });

  it('lists the figures a segment places as the parser reads them (for numbering them beforehand)', () => {
    expect(figureIdsPlaced(DOC)).toEqual(blocks.flatMap((b) => (b.type === 'figure' ? [b.id] : [])));
    expect(figureIdsPlaced('::: figure map-total :::\n::: figure\n:::\n::: table appendix :::\n  ::: figure bar-total\n:::')).toEqual(['map-total', 'bar-total']);
  });

  it('reads > lines as one note', () => {
    const note = blocks[12] as Extract<Block, { type: 'note' }>;
    expect(note.content).toEqual([{ type: 'text', text: '注：双创指数为三项一级指标得分之和。' }]);
  });
});

describe('parseMarkup errors name the source and the line', () => {
  it('unknown directive', () => {
    const p = problems('正文。\n\n::: chart total\n:::\n');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ file: SOURCE, line: 3 });
    expect(p[0].message).toContain('unknown directive "::: chart"');
  });

  it('unknown figure id, with the known ids as hint', () => {
    const p = problems('# 一、标题\n\n::: figure map-totl\n:::\n');
    expect(p[0]).toMatchObject({ file: SOURCE, line: 3 });
    expect(p[0].message).toContain('unknown figure "map-totl"');
    expect(p[0].hint).toContain('map-total');
  });

  it('unknown table id', () => {
    expect(problems('::: table appendx :::')[0]).toMatchObject({ line: 1, message: 'unknown table "appendx"' });
  });

  it('unclosed block, at the end and before the next directive', () => {
    const atEnd = problems('段落。\n\n::: lead\n导语没有结束。\n');
    expect(atEnd[0]).toMatchObject({ line: 3 });
    expect(atEnd[0].message).toContain('not closed');
    const before = problems('::: title\n标题\n::: byline\n作者\n:::\n');
    expect(before[0]).toMatchObject({ line: 1 });
    expect(before[0].message).toContain('not closed before the next directive (line 3)');
  });

  it('stray closing fence', () => {
    expect(problems('段落。\n:::\n')[0]).toMatchObject({ line: 2, message: 'closing ::: without an opening directive' });
  });

  it('footnote mark without a definition, and a definition without a mark', () => {
    const p = problems('第一段[^a]。\n\n第二段。\n\n[^b]: 无人引用。\n');
    expect(p).toHaveLength(2);
    expect(p[0]).toMatchObject({ line: 1 });
    expect(p[0].message).toContain('[^a] has no definition');
    expect(p[1]).toMatchObject({ line: 5 });
    expect(p[1].message).toContain('[^b] is defined but never marked');
  });

  it('reports every problem at once, and the message names file and line', () => {
    const text = ['::: title', '标题', ':::', '', '#### 太深的标题', '', '::: figure nope', ':::', '', '**未闭合的粗体', '', '::: figure map-total :::', '::: figure map-total :::'].join('\n');
    let err: InputError | undefined;
    try {
      parse(text);
    } catch (e) {
      err = e as InputError;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err!.problems.map((p) => p.line)).toEqual([5, 7, 10, 13]);
    expect(err!.message).toContain(`${SOURCE} 第5行`);
    expect(err!.message).toContain(`${SOURCE} 第13行: figure "map-total" is placed twice`);
  });

  it('text inside a figure block, empty blocks, blank line in a title', () => {
    const p = problems('::: figure map-total\n说明\n:::\n\n::: byline\n:::\n\n::: title\n第一行\n\n第二行\n:::\n');
    expect(p.map((x) => x.line)).toEqual([2, 5, 10]);
  });

  it('maps lines back to the template with lineMap', () => {
    try {
      parseMarkup('\n\n::: chart\n:::\n', SOURCE, assets, { lineMap: (n) => n + 100 });
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).problems[0].line).toBe(103);
    }
  });
});

describe('a Handlebars template renders to markup the parser reads', () => {
  it('builds the tier paragraphs with {{#each}}', () => {
    const template = Handlebars.compile(
      [
        '{{!-- 报告模板：编辑结构在这里 --}}',
        '::: title',
        '{{year}}年第{{quarterCn}}季度重庆区县双创指数报告',
        ':::',
        '',
        '# 一、区县双创指数评价结果',
        '',
        '{{#each tiers}}',
        '{{label}}：双创指数得分在{{range}}的区县有{{count}}个，为{{list}}。',
        '',
        '{{/each}}',
        '::: figure map-total',
        ':::',
      ].join('\n'),
      { noEscape: true },
    );
    const text = template({
      year: 2018,
      quarterCn: '三',
      tiers: [
        { label: '第一类', range: '80分以上', count: 1, list: '渝北区' },
        { label: '第二类', range: '70—80分', count: 2, list: '江北区、沙坪坝区' },
      ],
    });
    const { blocks } = parse(text);
    expect(blocks.map((b) => b.type)).toEqual(['title', 'heading', 'paragraph', 'paragraph', 'figure']);
    expect(blocks[3]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: '第二类：双创指数得分在70—80分的区县有2个，为江北区、沙坪坝区。' }] });
  });
});
