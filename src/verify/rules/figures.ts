/**
 * References to figures in running text (见图4, 如图2所示, （图1）): the figure exists
 * and stands in the section the sentence is in (a reference to another section's
 * figure is a wrong number far more often than a deliberate cross-reference).
 */
import { rule } from './rule.js';

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
    const here = figures.filter((f) => f.section === sc.ctx.heading).map((f) => `图${f.number}`);
    sc.check(fig.section === sc.ctx.heading || sc.ctx.heading.startsWith(fig.section) || fig.section.startsWith(sc.ctx.heading), `图${c.n}是“${fig.caption}”，在“${fig.section}”一节；本节的图是${here.join('、') || '（无）'}`);
  },
  examples: {
    pass: ['图1 2018年第3季度双创指数分布图\n如图1所示，渝北区双创指数得分88.59分。'],
    fail: ['图1 2018年第3季度双创指数分布图\n如图2所示，渝北区双创指数得分88.59分。'],
  },
});
