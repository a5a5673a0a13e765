/**
 * The view model the narrative templates see: everything comes from the facts
 * ledger; this module only selects, groups and flags (ties, empty lists, which
 * list is complete, which district is an extreme) so that the templates can
 * choose the right sentence without computing anything.
 */
import type { DistrictChange, IndicatorFact, Ledger, NodeChangeFacts, NodeFacts, NodeScore, Portrait } from '../facts/types.js';
import type { Wording } from './wording.js';
import { previousQuarter, quarterLabels } from '../quarter.js';
import { registerFacts } from './provenance.js';
import { robustnessView } from './robustness-view.js';
import { uncomputedView } from './uncomputed-view.js';

import type { ChangeView, ExtremeView, IndicatorView, LevelView, MoverExtremeView, MoversView, NarrativeContext, NodeView, OverallView, PortraitView, ScoreView, SubIndexView, TieGroup, TierView } from './views.js';

export type * from './views.js';

/** The quarter before `q` ('2018Q3' → '2018Q2'), as a label 2018年第2季度. */
export function previousQuarterLabel(q: string): string {
  return quarterLabels(previousQuarter(q)).label;
}

function tieGroups(list: { district: string; value: number; rank: number }[], skipValue: number): TieGroup[] {
  const groups = new Map<number, TieGroup>();
  for (const d of list) {
    if (d.value === skipValue) continue;
    const g = groups.get(d.value) ?? { districts: [], rank: d.rank };
    g.districts.push(d.district);
    g.rank = Math.min(g.rank, d.rank);
    groups.set(d.value, g);
  }
  return [...groups.values()].filter((g) => g.districts.length > 1);
}

function levelView(n: NodeFacts, q: string): LevelView {
  const extreme = (e: NodeFacts['highest'], measure: string): ExtremeView =>
    registerFacts({ districts: e.districts, tied: e.districts.length > 1, value: e.value }, { target: n.node, quarter: q, districts: e.districts, ...(e.districts.length === 1 ? { district: e.districts[0] } : {}) }, { value: { measure } });
  return {
    top: n.top.map((d) => d.district),
    bottom: n.bottom.map((d) => d.district),
    topTies: tieGroups(n.top, n.highest.value),
    bottomTies: tieGroups(n.bottom, n.lowest.value),
    highest: extreme(n.highest, 'score'),
    lowest: extreme(n.lowest, 'score'),
    allEqual: n.highest.value === n.lowest.value,
  };
}

class LedgerIndex {
  readonly q: string;
  readonly prev: string | undefined;
  constructor(private ledger: Ledger) {
    this.q = ledger.meta.quarter;
    this.prev = ledger.meta.previous ?? undefined;
  }

  /** The fields of a level and its change: this quarter's and last quarter's level and rank, the change (score, previousScore …; value, previousValue …). */
  levelFields(level: 'score' | 'value'): Record<string, { measure: string; quarter?: string; from?: string }> {
    const { q, prev } = this;
    return {
      [level]: { measure: level, quarter: q },
      rank: { measure: 'rank', quarter: q },
      [level === 'score' ? 'previousScore' : 'previousValue']: { measure: level, quarter: prev },
      previousRank: { measure: 'rank', quarter: prev },
      diff: { measure: 'diff', quarter: q, from: prev },
      pct: { measure: 'pct', quarter: q, from: prev },
    };
  }

  /** The fields of a score view. */
  scoreFields(): Record<string, { measure: string; quarter?: string; from?: string }> {
    return this.levelFields('score');
  }

  /** Another district has the same current (previous) score of the node. */
  scoreTied(node: string, district: string, previous = false): boolean {
    const key = previous ? 'previousScore' : 'score';
    const mine = this.ledger.districts.find((d) => d.district === district)?.scores[node]?.[key];
    if (mine === undefined) return false;
    return this.ledger.districts.some((d) => d.district !== district && d.scores[node]?.[key] === mine);
  }

  indicatorView(f: IndicatorFact, district: string, withAhead: boolean): IndicatorView {
    const values = this.ledger.indicators[f.indicator]?.values ?? {};
    const others = Object.entries(values)
      .filter(([d]) => d !== district)
      .map(([, v]) => v);
    const ahead = Object.entries(values)
      .filter(([d, v]) => d !== district && v.rank < f.rank)
      .sort((a, b) => a[1].rank - b[1].rank)
      .map(([d]) => d);
    const hasChange = f.diff !== undefined && f.diff !== null;
    const { q } = this;
    return registerFacts(
      <IndicatorView>{
        indicator: f.indicator,
        parent: f.parent,
        kind: f.kind,
        unit: f.unit,
        isRate: f.kind === 'rate',
        isCount: f.kind === 'count',
        value: f.value,
        rank: f.rank,
        tied: others.some((o) => o.rank === f.rank),
        share: f.share ?? null,
        hasChange,
        previousValue: f.previousValue ?? null,
        previousRank: f.previousRank ?? null,
        previousTied: f.previousRank !== undefined && others.some((o) => o.previousRank === f.previousRank),
        diff: hasChange ? f.diff! : null,
        pct: f.pct ?? null,
        up: hasChange && f.diff! > 0,
        down: hasChange && f.diff! < 0,
        flat: hasChange && f.diff === 0,
        ahead: withAhead && ahead.length > 0 && ahead.length <= 3 ? ahead : [],
      },
      { target: f.indicator, district },
      { ...this.levelFields('value'), share: { measure: 'share', quarter: q } },
    );
  }

  scoreView(node: string, district: string, s: NodeScore): ScoreView {
    if (s.previousScore === undefined || s.previousRank === undefined || s.diff === undefined) throw new Error(`the ledger has no change of ${node} for ${district}`);
    return registerFacts(
      <ScoreView>{
        score: s.score,
        rank: s.rank,
        tied: this.scoreTied(node, district),
        previousScore: s.previousScore,
        previousRank: s.previousRank,
        previousTied: this.scoreTied(node, district, true),
        diff: s.diff,
        pct: s.pct ?? null,
        up: s.diff > 0,
        down: s.diff < 0,
        flat: s.diff === 0,
      },
      { target: node, district },
      this.scoreFields(),
    );
  }
}

/** `from`: the quarter the changes are measured from (the previous quarter for 环比, the year-ago one for 同比). */
function moversView(list: DistrictChange[], count: number, biggest: NodeChangeFacts['biggestRise'], sign: 1 | -1, node: string, idx: LedgerIndex, w: Wording, from = idx.prev): MoversView {
  let extreme: MoverExtremeView | null = null;
  if (list.length) {
    const lead = list[0].pct;
    const districts = list.filter((c) => c.pct === lead).map((c) => c.district);
    // The district named as the largest mover must be the first of the list it heads.
    if (!biggest || biggest.districts.join() !== districts.join() || biggest.value !== lead)
      throw new Error(
        `facts ledger is inconsistent for ${node}: the list of ${sign > 0 ? 'risers' : 'fallers'} starts with ${districts.join('、')} (${lead}%) but the largest ${sign > 0 ? 'rise' : 'fall'} is ${biggest ? `${biggest.districts.join('、')} (${biggest.value}%)` : 'missing'}`,
      );
    const driver = biggest.drivers[0];
    extreme = registerFacts(
      {
        districts,
        tied: districts.length > 1,
        pct: Math.abs(lead!),
        diff: Math.abs(list[0].diff),
        driver: driver && districts.length === 1 ? idx.indicatorView(driver, districts[0], false) : null,
      },
      { target: node, quarter: idx.q, from, districts, ...(districts.length === 1 ? { district: districts[0] } : {}) },
      // Printed without sign (abs2): the ref keeps the signed ledger value's meaning.
      { pct: { measure: 'pct', value: lead! }, diff: { measure: 'diff' } },
    );
  } else if (biggest) throw new Error(`facts ledger is inconsistent for ${node}: a largest ${sign > 0 ? 'rise' : 'fall'} without a list`);
  return registerFacts(
    <MoversView>{
      list: list.map((c) => ({ district: c.district, pct: Math.abs(c.pct ?? 0), diff: Math.abs(c.diff), rank: c.rank, previousRank: c.previousRank })),
      names: list.map((c) => c.district),
      count,
      none: count === 0 || list.length === 0,
      single: list.length === 1 && count === 1,
      complete: list.length === count,
      few: count < w.few,
      extreme,
    },
    { target: node, quarter: idx.q, from },
    { count: { measure: sign > 0 ? 'rose' : 'fell' } },
  );
}

function changeView(c: NodeChangeFacts, node: string, idx: LedgerIndex, w: Wording, from = idx.prev): ChangeView {
  return registerFacts(
    <ChangeView>{
      meanPct: c.meanPct,
      up: c.direction === 'up',
      down: c.direction === 'down',
      flat: c.direction === 'flat',
      allSame: c.rose === 0 && c.fell === 0,
      allRose: c.rose > 0 && c.fell === 0 && c.same === 0,
      allFell: c.fell > 0 && c.rose === 0 && c.same === 0,
      aboveMean: c.aboveMean,
      rose: c.rose,
      fell: c.fell,
      same: c.same,
      risers: moversView(c.risers, c.rose, c.biggestRise, 1, node, idx, w, from),
      fallers: moversView(c.fallers, c.fell, c.biggestFall, -1, node, idx, w, from),
      counted: c.counted,
    },
    { target: node, quarter: idx.q, from },
    {
      meanPct: { measure: 'meanPct' },
      counted: { measure: 'districtCount' },
      aboveMean: { measure: 'aboveMean' },
      rose: { measure: 'rose' },
      fell: { measure: 'fell' },
      same: { measure: 'same' },
    },
  );
}

function portraitView(p: Portrait, ledger: Ledger, idx: LedgerIndex): PortraitView {
  const rc = ledger.nodes[ledger.meta.root].change;
  const isRiser = !!rc?.biggestRise?.districts.includes(p.district);
  const isFaller = !!rc?.biggestFall?.districts.includes(p.district);
  const subs: SubIndexView[] = p.subIndices.map((s) => registerFacts({ node: s.node, ...idx.scoreView(s.node, p.district, s), biggest: false }, { target: s.node, district: p.district }, idx.scoreFields()));
  const ups = subs.filter((s) => s.up);
  const downs = subs.filter((s) => s.down);
  const flats = subs.filter((s) => s.flat);
  const emphasis = p.role === 'riser' ? ups : downs;
  if (emphasis.length > 1) {
    const mag = (s: SubIndexView) => Math.abs(s.pct ?? 0);
    const max = Math.max(...emphasis.map(mag));
    const at = emphasis.filter((s) => mag(s) === max);
    if (at.length === 1) at[0].biggest = true;
  }
  return {
    district: p.district,
    role: p.role,
    isTop: p.role === 'top',
    isRiser,
    isFaller,
    total: idx.scoreView(ledger.meta.root, p.district, p.total),
    // The sub-index with the largest move comes first, so that 其中……最大 opens its sentence.
    subIndices: [...subs.filter((s) => s.biggest), ...subs.filter((s) => !s.biggest)],
    subCount: subs.length,
    ups: ups.map((s) => s.node),
    downs: downs.map((s) => s.node),
    flats: flats.map((s) => s.node),
    allUp: ups.length === subs.length,
    allDown: downs.length === subs.length,
    allFlat: flats.length === subs.length,
    indicators: p.indicators.filter((f) => f.diff !== undefined).map((f) => idx.indicatorView(f, p.district, p.role === 'top')),
  };
}

export function buildContext(ledger: Ledger, wording: Wording): NarrativeContext {
  const idx = new LedgerIndex(ledger);
  const { meta } = ledger;
  // Changes need a previous quarter, and scores there to divide by (all zeros give no % change).
  const changesAvailable = meta.changesUnavailable === null && ledger.nodes[meta.root].change !== null;
  const firstLevel: NodeView[] = meta.firstLevel.map((name, index) => {
    const n = ledger.nodes[name];
    if (!n) throw new Error(`the facts ledger has no node ${name}`);
    const adj = wording.nodes[name] ?? wording.defaultNode;
    return { node: name, index, strong: adj.strong, weak: adj.weak, level: levelView(n, meta.quarter), ranked: n.ranked, change: changesAvailable && n.change ? changeView(n.change, name, idx, wording) : null };
  });

  const root = ledger.nodes[meta.root];
  let overall: OverallView | null = null;
  if (changesAvailable && root.change) {
    const tops = root.highest.districts.map((d) => {
      const row = ledger.districts.find((r) => r.district === d)!;
      return registerFacts({ district: d, ...idx.scoreView(meta.root, d, row.scores[meta.root]) }, { target: meta.root, district: d }, idx.scoreFields());
    });
    overall = { change: changeView(root.change, meta.root, idx, wording), tops, topTied: tops.length > 1 };
  }

  const yoy = meta.yearOnYearParagraph && root.yoy && meta.yearAgoLabel ? { label: meta.yearAgoLabel, change: changeView(root.yoy, meta.root, idx, wording, meta.yearAgo ?? undefined) } : null;

  const portraits = changesAvailable && overall ? ledger.portraits.map((p) => portraitView(p, ledger, idx)) : [];
  const portraitIntro = portraits.map((p) => {
    // A role shared with other districts is said as shared: 得分并列最高的万州区.
    const shared = (role: string, districts: string[] | undefined) => ((districts?.length ?? 0) > 1 ? role.replace('最', '并列最') : role);
    const rc = ledger.nodes[meta.root].change;
    const roles = [p.isTop ? shared(wording.roles.top, root.highest.districts) : null, p.isRiser ? shared(wording.roles.riser, rc?.biggestRise?.districts) : null, p.isFaller ? shared(wording.roles.faller, rc?.biggestFall?.districts) : null].filter(
      (r): r is string => r !== null,
    );
    return `${roles.join('且')}的${p.district}`;
  });

  return registerFacts(
    <NarrativeContext>{
      meta,
      root: meta.root,
      districtCount: meta.districtCount,
      tierCount: ledger.tiers.length,
      changesAvailable,
      noChange: changesAvailable
        ? null
        : {
            reason: meta.changesUnavailable ?? `${meta.previousLabel}各区县的得分均为零，无法计算环比变化率`,
            missingLabel: previousQuarterLabel(meta.quarter),
            cause: meta.changesUnavailable ? `数据中没有${previousQuarterLabel(meta.quarter)}的数据` : `${meta.previousLabel}各区县的得分均为零`,
          },
      tiers: ledger.tiers.map((t) =>
        registerFacts(
          <TierView>{
            name: t.name,
            label: t.label,
            min: t.min,
            max: t.max,
            count: t.count,
            members: t.members.map((m) => m.district),
            empty: t.count === 0,
            single: t.count === 1,
          },
          { target: meta.root, quarter: meta.quarter },
          { count: { measure: 'tierCount' } },
        ),
      ),
      firstLevel,
      overall,
      yoy,
      robustness: robustnessView(ledger),
      uncomputed: uncomputedView(ledger),
      portraits,
      portraitIntro,
      wording,
    },
    { target: meta.root, quarter: meta.quarter },
    { districtCount: { measure: 'districtCount' }, tierCount: { measure: 'tierCountAll' } },
  );
}
