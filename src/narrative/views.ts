/**
 * The shapes of the view model the narrative templates see (built by context.ts).
 */
import type { Ledger, Portrait } from '../facts/types.js';
import type { Wording } from './wording.js';
import type { RobustnessView } from './robustness-view.js';
import type { UncomputedView } from './uncomputed-view.js';

export interface TieGroup {
  districts: string[];
  rank: number;
}

export interface ExtremeView {
  districts: string[];
  tied: boolean;
  value: number;
}

export interface LevelView {
  top: string[];
  bottom: string[];
  /** Groups of equal values inside the lists (other than the highest/lowest group). */
  topTies: TieGroup[];
  bottomTies: TieGroup[];
  highest: ExtremeView;
  lowest: ExtremeView;
  /** Every district has the same value (a tie of all: there is no top or bottom to name). */
  allEqual: boolean;
}

export interface IndicatorView {
  indicator: string;
  parent: string;
  kind: string;
  unit: string;
  isRate: boolean;
  isCount: boolean;
  value: number;
  rank: number;
  tied: boolean;
  share: number | null;
  hasChange: boolean;
  previousValue: number | null;
  previousRank: number | null;
  previousTied: boolean;
  diff: number | null;
  pct: number | null;
  up: boolean;
  down: boolean;
  /** Has a change, and it is zero. */
  flat: boolean;
  /** Districts ranked above this one on the indicator (only when there are at most three). */
  ahead: string[];
}

export interface MoverView {
  district: string;
  /** Absolute % change and points. */
  pct: number;
  diff: number;
  rank: number;
  previousRank: number;
}

export interface MoverExtremeView {
  districts: string[];
  tied: boolean;
  /** Absolute % change and points of the extreme district(s). */
  pct: number;
  diff: number;
  /** The indicator that moved the first extreme district's score most, if the data has indicators. */
  driver: IndicatorView | null;
}

export interface MoversView {
  list: MoverView[];
  names: string[];
  /** How many districts rose (fell) in all. */
  count: number;
  none: boolean;
  single: boolean;
  /** The list names every district that rose (fell). */
  complete: boolean;
  /** Fewer than wording.few rose (fell). */
  few: boolean;
  extreme: MoverExtremeView | null;
}

export interface ChangeView {
  meanPct: number;
  /** How many districts the mean change is over (all, unless a cell is left uncomputed). */
  counted: number;
  up: boolean;
  down: boolean;
  flat: boolean;
  /** No district changed at all. */
  allSame: boolean;
  /** Every district rose (fell). */
  allRose: boolean;
  allFell: boolean;
  aboveMean: number;
  rose: number;
  fell: number;
  same: number;
  risers: MoversView;
  fallers: MoversView;
}

export interface NodeView {
  node: string;
  index: number;
  strong: string;
  weak: string;
  level: LevelView;
  /** How many districts have a score of the node (all, unless a cell is left uncomputed). */
  ranked: number;
  change: ChangeView | null;
}

export interface TierView {
  name: string;
  label: string;
  min: number | null;
  max: number | null;
  count: number;
  members: string[];
  empty: boolean;
  single: boolean;
}

export interface ScoreView {
  score: number;
  rank: number;
  tied: boolean;
  previousScore: number;
  previousRank: number;
  previousTied: boolean;
  diff: number;
  /** Signed % change; null when the previous score was 0. */
  pct: number | null;
  up: boolean;
  down: boolean;
  flat: boolean;
}

export interface SubIndexView extends ScoreView {
  node: string;
  /** The largest rise (riser) or fall (others) among the district's sub-indices. */
  biggest: boolean;
}

export interface PortraitView {
  district: string;
  role: Portrait['role'];
  isTop: boolean;
  isRiser: boolean;
  isFaller: boolean;
  total: ScoreView;
  subIndices: SubIndexView[];
  subCount: number;
  ups: string[];
  downs: string[];
  flats: string[];
  allUp: boolean;
  allDown: boolean;
  allFlat: boolean;
  indicators: IndicatorView[];
}

export interface TopView extends ScoreView {
  district: string;
}

export interface OverallView {
  change: ChangeView;
  /** The district(s) with the highest total. */
  tops: TopView[];
  topTied: boolean;
}

/** 同比: the total against the same quarter of the previous year. */
export interface YearOnYearView {
  /** 2017年第3季度 */
  label: string;
  change: ChangeView;
}

export interface NarrativeContext {
  meta: Ledger['meta'];
  root: string;
  districtCount: number;
  tierCount: number;
  changesAvailable: boolean;
  /** When there is no previous quarter: why, and the quarter that is missing. */
  /** When there is no change to report: why (cause: 数据中没有2018年第2季度的数据 / 2018年第2季度各区县的得分均为零), and the quarter missing. */
  noChange: { reason: string; missingLabel: string; cause: string } | null;
  tiers: TierView[];
  firstLevel: NodeView[];
  overall: OverallView | null;
  /** Districts without a total this quarter (an indicator missing, missing: uncomputed), and why; null when every district has one. */
  uncomputed: UncomputedView | null;
  /** The rank intervals of the total, when the ledger holds them (the robustness section and its figure). */
  robustness: RobustnessView | null;
  /** Present when the ledger has 同比 facts and the configuration asks for the paragraph. */
  yoy: YearOnYearView | null;
  portraits: PortraitView[];
  /** "得分最高的渝北区", "增幅最大的大渡口区" … */
  portraitIntro: string[];
  wording: Wording;
}
