/**
 * The figure kinds of the report, one entry each: what a figure of the kind takes
 * from the facts ledger, how it is drawn at a given width, and its data as plain
 * Chinese text (the figure's labels are outlines, so this is what a reader's search
 * finds). To add a kind: add its name to FIGURE_KINDS (spec.ts) and an entry here.
 */
import type { Ledger } from '../facts/types.js';
import { renderRankedBars } from './bars.js';
import { renderChangeBars } from './change.js';
import { classBreaks, classify, tierClasses, type ValueClass } from './classes.js';
import { renderDistributionMap } from './map/index.js';
import { DEFAULT_DISTRICTS_CONFIG, DEFAULT_GEOJSON } from './map/geo.js';
import type { FigureMemo } from './memo.js';
import type { FigureKind, NumberedFigure } from './spec.js';
import { formatNumber } from './style.js';
import { renderTwoQuarter } from './two-quarter.js';
import { renderRankIntervals } from './rank-intervals.js';
import type { RenderedFigure } from './types.js';

/** One node's scores of every district, in the ledger's district order. */
export type NodeScores = { district: string; s: Ledger['districts'][number]['scores'][string] }[];

export interface FigureInput {
  ledger: Ledger;
  spec: NumberedFigure;
  scores: NodeScores;
}

/** A figure of one kind, its data taken from the ledger; drawn at any width. */
export interface PreparedFigure {
  render: (widthPt: number, memo: FigureMemo | undefined) => Promise<RenderedFigure>;
  /**
   * Everything `render` draws from besides the width, the code and `files`, as plain data
   * (the renderer's options): the key under which a drawn figure is kept (FigureMemo.drawn).
   */
  drawing: unknown;
  /** Files the drawing reads (their bytes enter the key). */
  files?: string[];
  /** The numbers the figure prints, by district (checked against the ledger in tests). */
  printed: Record<string, number>;
  /** The figure's data as text, without the caption, e.g. 渝北区 88.59；江北区 80.00. */
  dataText: string;
  /** The note under the figure (the list's note, or one the data call for); null: none. */
  note: string | null | undefined;
}

export interface FigureKindEntry {
  prepare(input: FigureInput): PreparedFigure;
}

/** The classes of a node's figures: the ledger's tiers for the total, rounded breaks for the others. */
function classesFor(ledger: Ledger, node: string): { classes: ValueClass[]; classLabel: (district: string, value: number) => string } {
  if (node === ledger.meta.root) {
    const bounds = ledger.tiers.map((t) => t.min).filter((m): m is number => m !== null);
    const colored = tierClasses(bounds);
    const classes = ledger.tiers.map((t, i) => ({ ...colored[i], label: t.label }));
    const tierOf = new Map(ledger.districts.map((d) => [d.district, d.tier]));
    const labelOf = new Map(ledger.tiers.map((t) => [t.name, t.label]));
    return { classes, classLabel: (district) => labelOf.get(tierOf.get(district)!)! };
  }
  const classes = classBreaks(
    ledger.districts.filter((d) => d.scores[node]).map((d) => d.scores[node].score),
    4,
  );
  return {
    classes,
    classLabel: (district, value) => classify([{ district, value }], classes)[0].classLabel,
  };
}

/** Items by a value, descending, ties in the ledger's order (as the charts rank them). */
function byValue<T>(items: T[], value: (t: T) => number): T[] {
  return items
    .map((t, i) => ({ t, i }))
    .sort((a, b) => value(b.t) - value(a.t) || a.i - b.i)
    .map(({ t }) => t);
}

/** Districts by value, descending, as 渝北区 88.59、… joined by `sep`. */
function ranked(values: { district: string; value: number }[], unit: string, sep: string): string {
  return byValue(values, (v) => v.value)
    .map((v) => `${v.district} ${formatNumber(v.value)}${unit}`)
    .join(sep);
}

const classedValues = ({ ledger, spec, scores }: FigureInput) => {
  const { classes, classLabel } = classesFor(ledger, spec.node);
  return { classes, values: scores.map(({ district, s }) => ({ district, value: s.score, classLabel: classLabel(district, s.score) })) };
};

const map: FigureKindEntry = {
  prepare(input) {
    const { spec } = input;
    const { classes, values } = classedValues(input);
    // legend order; within a class the districts by value
    const dataText = classes
      .map((c) => ({ c, members: values.filter((v) => v.classLabel === c.label) }))
      .filter((g) => g.members.length > 0)
      .map((g) => `${g.c.label}：${ranked(g.members, '', '、')}`)
      .join('；');
    const options = { values, classes, legendTitle: spec.node, note: spec.note };
    return {
      render: (widthPt, memo) => renderDistributionMap({ ...options, widthPt, memo }),
      drawing: { kind: 'map', ...options },
      files: [DEFAULT_GEOJSON, DEFAULT_DISTRICTS_CONFIG],
      printed: {},
      dataText,
      note: null, // the map prints its note inside the figure
    };
  },
};

const bars: FigureKindEntry = {
  prepare(input) {
    const { classes, values } = classedValues(input);
    const options = { values, classes, unit: '分' };
    return {
      render: (widthPt) => renderRankedBars({ ...options, widthPt }),
      drawing: { kind: 'bars', ...options },
      printed: Object.fromEntries(values.map((v) => [v.district, v.value])),
      dataText: ranked(values, '', '；'),
      note: input.spec.note,
    };
  },
};

const change: FigureKindEntry = {
  prepare({ ledger, spec, scores }) {
    const facts = ledger.nodes[spec.node]?.change;
    if (!facts) throw new Error(`figure ${spec.id}: no change facts for ${spec.node}`);
    const values = scores.filter(({ s }) => s.pct !== null && s.pct !== undefined).map(({ district, s }) => ({ district, pct: s.pct as number }));
    const missing = scores.filter(({ s }) => s.pct === null || s.pct === undefined).map(({ district }) => district);
    const mean = facts.meanPct;
    return {
      render: (widthPt) => renderChangeBars({ values, mean, widthPt }),
      drawing: { kind: 'change', values, mean },
      printed: Object.fromEntries(values.map((v) => [v.district, v.pct])),
      dataText: `${ranked(
        values.map((v) => ({ district: v.district, value: v.pct })),
        '%',
        '；',
      )}；平均 ${formatNumber(mean)}%`,
      note: missing.length ? `注：${missing.join('、')}上季度得分为0，无法计算变化率，图中未列出。` : spec.note,
    };
  },
};

const twoQuarter: FigureKindEntry = {
  prepare({ ledger, spec, scores }) {
    // A district without last quarter's score (left uncomputed then) has no pair to draw.
    const values = scores.filter(({ s }) => s.previousScore !== undefined).map(({ district, s }) => ({ district, previous: s.previousScore as number, current: s.score }));
    const dataText = byValue(values, (v) => v.current)
      .map((v) => `${v.district} 上季度${formatNumber(v.previous)}，本季度${formatNumber(v.current)}`)
      .join('；');
    const labels: [string, string] = [ledger.meta.previousLabel!, ledger.meta.quarterLabel];
    return {
      render: (widthPt) => renderTwoQuarter({ values, labels, widthPt }),
      drawing: { kind: 'two-quarter', values, labels },
      printed: Object.fromEntries(values.map((v) => [v.district, v.current])),
      dataText,
      note: spec.note,
    };
  },
};

const rankIntervals: FigureKindEntry = {
  prepare({ ledger, spec }) {
    const r = ledger.robustness?.nodes[spec.node];
    if (!r) throw new Error(`figure ${spec.id}: the ledger has no rank intervals for ${spec.node}`);
    const rows = r.intervals;
    return {
      render: (widthPt) => renderRankIntervals({ rows, count: ledger.meta.districtCount, widthPt }),
      drawing: { kind: 'rank-intervals', rows, count: ledger.meta.districtCount },
      printed: Object.fromEntries(rows.map((v) => [v.district, v.rank])),
      dataText: rows.map((v) => `${v.district} 第${v.rank}位（模拟中位数第${v.median}位，5%—95%区间第${v.low}—${v.high}位）`).join('；'),
      note: spec.note,
    };
  },
};

export const FIGURE_KIND_ENTRIES: Record<FigureKind, FigureKindEntry> = { map, bars, change, 'two-quarter': twoQuarter, 'rank-intervals': rankIntervals };
