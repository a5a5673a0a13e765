/**
 * Figures as a reader meets them: numbered in order of first appearance, and each
 * caption saying the quarter, index and unit of what the figure draws.
 */
import type { LedgerFacts } from './facts.js';
import type { Unit } from './text.js';
import type { FigureRef, VerifyProblem } from './types.js';

/**
 * Figures must be placed in the order of their numbers (图1 before 图2 …). The text
 * may name a figure before it stands (见图5 in the paragraph above it): placement
 * is what the captions show.
 */
export function figureOrder(units: Unit[], problems: VerifyProblem[], where: string): number {
  const seen: number[] = [];
  for (const u of units) if (u.kind === 'caption' && !seen.includes(u.n)) seen.push(u.n);
  for (let i = 1; i < seen.length; i++) if (seen[i] < seen[i - 1]) problems.push({ sentence: `图${seen[i]}`, message: `图${seen[i]}出现在图${seen[i - 1]}之后：图应按首次出现的顺序编号`, kind: 'figure', where });
  return seen.length ? 1 : 0;
}

/** A caption (图N ……): the quarter it names, the index, and the unit of what is drawn. */
export function checkCaption(text: string, n: number, figures: FigureRef[], f: LedgerFacts, problems: VerifyProblem[], where: string): number {
  const fig = figures.find((x) => x.number === n);
  const say = (message: string) => problems.push({ sentence: `图${n} ${text}`, message, kind: 'caption', where });
  if (!fig?.kind) return 0;
  const meta = f.ledger.meta;
  const labels = [...text.matchAll(/\d{4}年第\d季度/g)].map((m) => m[0]);
  const allowed = [meta.quarterLabel, ...(fig.needsPrevious && meta.previousLabel ? [meta.previousLabel] : [])];
  for (const l of labels) if (!allowed.includes(l)) say(`图${n}的图题写的是${l}，图中是${allowed.join('和')}的数据`);
  if (!labels.includes(meta.quarterLabel) && !fig.needsPrevious && labels.length) say(`图${n}的图题没有写${meta.quarterLabel}`);
  const named = f
    .targetMentions(text)
    .map((m) => m.name)
    .filter((x) => f.isNode(x));
  if (fig.node && named.length && !named.includes(fig.node)) say(`图${n}画的是${fig.node}，图题写的是${named.join('、')}`);
  const count = /(\d+)个区县/.exec(text);
  // The districts drawn: those with a score of the figure's index (all, unless a cell is left uncomputed).
  const drawn = (fig.node ? f.node(fig.node)?.ranked : undefined) ?? meta.districtCount;
  if (count && Number(count[1]) !== drawn) say(`图${n}画的是${drawn}个区县，图题写的是${count[1]}个`);
  if (/同比/.test(text) && fig.kind === 'change') say(`图${n}画的是与上一季度相比的变化（环比），图题写的是“同比”`);
  const unit = /（(%|分|个百分点|名|位)）/.exec(text)?.[1];
  const want = fig.kind === 'change' ? '%' : fig.kind === 'rank-intervals' ? '位' : '分';
  if (unit && unit !== want) say(`图${n}画的是${fig.kind === 'change' ? '环比变化率' : '得分'}，单位是${want}，图题写的是${unit}`);
  return 1;
}
