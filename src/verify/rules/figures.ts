/**
 * References to figures in running text (见图4, 如图2所示, （图1）): the figure exists
 * and stands in the section the sentence is in (a reference to another section's
 * figure is a wrong number far more often than a deliberate cross-reference).
 */
import { rule } from './rule.js';

import type { FigureRef } from '../types.js';

/** Words that say what a figure shows, and the figure kinds they fit. */
const KIND_WORDS: [RegExp, string[]][] = [
  [/环比变化|变化率|变化情况|增幅|降幅|升降|涨跌/, ['change']],
  [/对比|两个季度|两季度|与上季度/, ['two-quarter']],
  [/分布|分类|地图/, ['map']],
  [/排序|排名|得分|指数值/, ['bars', 'map']],
];
const KIND_NAMES: Record<string, string> = { change: '环比变化图', 'two-quarter': '两季度对比图', map: '分布图', bars: '得分排序图' };

function describe(figures: FigureRef[], kind: string[] | undefined, node: string | undefined): string {
  const fit = figures.filter((f) => (!kind || kind.includes(f.kind)) && (!node || f.node === node));
  return fit.length ? `相符的是${fit.map((f) => `图${f.number}`).join('、')}` : '文档中没有相符的图';
}

interface FigureClaim {
  at: number;
  n: number;
}

export const figureRefs = rule<FigureClaim>({
  kind: 'figure',
  read(sc) {
    const out: FigureClaim[] = [];
    sc.each(/(?:见|如|参见|详见)?图(\d+)(?:所示|显示)?/g, (m) => out.push({ at: m.index!, n: Number(m[1]) }));
    return out;
  },
  check(sc, c) {
    const figures = sc.figures;
    if (!figures) return sc.unverifiable(`图${c.n}：核对时不知道文档的图`);
    const fig = figures.find((f) => f.number === c.n);
    if (!fig) return sc.check(false, `文档中没有图${c.n}（共${figures.length}幅图）`);
    // What the sentence says the figure shows: its kind and its index, if it says.
    const said = sc.s.slice(sc.clauseStart(c.at), c.at + 4);
    const kind = KIND_WORDS.find(([re]) => re.test(said))?.[1];
    const node = sc.targets.filter((t) => t.end <= c.at + 4 && t.start >= sc.clauseStart(c.at) && sc.f.isNode(t.name)).pop()?.name;
    if (fig.kind && kind && !kind.includes(fig.kind)) return sc.check(false, `图${c.n}是“${fig.caption}”（${KIND_NAMES[fig.kind] ?? fig.kind}），句中说的是${KIND_NAMES[kind[0]]}；${describe(figures, kind, node)}`);
    if (fig.node && node && fig.node !== node) return sc.check(false, `图${c.n}画的是${fig.node}，句中说的是${node}；${describe(figures, kind, node)}`);
    if (kind || node) return sc.check(true, '');
    const here = figures.filter((f) => f.section === sc.ctx.heading).map((f) => `图${f.number}`);
    sc.check(fig.section === sc.ctx.heading || sc.ctx.heading.startsWith(fig.section) || fig.section.startsWith(sc.ctx.heading), `图${c.n}是“${fig.caption}”，在“${fig.section}”一节；本节的图是${here.join('、') || '（无）'}`);
  },
  examples: {
    pass: ['图1 2018年第3季度双创指数分布图\n如图1所示，渝北区双创指数得分88.59分。'],
    fail: ['图1 2018年第3季度双创指数分布图\n如图2所示，渝北区双创指数得分88.59分。'],
  },
});
