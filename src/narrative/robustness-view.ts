/**
 * The view of the rank intervals (section 四, templates/report/robustness.hbs): what
 * the Monte Carlo supports and nothing more — the top district's stability, how many
 * districts' 5 %–95 % interval is narrow, which district's rank is least certain.
 * Selects and flags only; every number printed is registered as its fact.
 */
import type { Ledger } from '../facts/types.js';
import { registerFacts } from './provenance.js';

export interface RobustnessTopView {
  district: string;
  low: number;
  high: number;
  /** Every run gave it rank 1 (在全部模拟中……始终位居第1位). */
  always: boolean;
  /** Its 5 %–95 % interval is rank 1 alone (在90%以上的模拟中……位居第1位). */
  mostly: boolean;
}

export interface RobustnessView {
  runs: number;
  /** The district ranked first, when it is alone there. */
  top: RobustnessTopView | null;
  /** How many districts' interval spans at most `within` ranks; `all`: every district's. */
  narrow: { count: number; within: number; all: boolean };
  /** The one district whose interval is widest (null when several share it, or no interval moves). */
  widest: { district: string; low: number; high: number } | null;
}

/** The root's rank intervals as the narrative may state them; null when the simulation did not run. */
export function robustnessView(ledger: Ledger): RobustnessView | null {
  const r = ledger.robustness;
  const root = ledger.meta.root;
  const node = r?.nodes[root];
  if (!r || !node) return null;
  const q = ledger.meta.quarter;
  const first = node.intervals.filter((i) => i.rank === 1);
  const topFact = first.length === 1 ? first[0] : null;
  const rankFields = { low: { measure: 'rankLow' }, high: { measure: 'rankHigh' } };
  const top = topFact
    ? registerFacts(
        <RobustnessTopView>{ district: topFact.district, low: topFact.low, high: topFact.high, always: topFact.best === 1 && topFact.worst === 1, mostly: topFact.low === 1 && topFact.high === 1 },
        { target: root, quarter: q, district: topFact.district },
        rankFields,
      )
    : null;
  const n = r.narrow[root];
  const narrow = registerFacts({ count: n.count, within: n.within, all: n.count === node.intervals.length }, { target: root, quarter: q }, { count: { measure: 'narrowCount' }, within: { measure: 'narrowWithin' } });
  const w = r.widest[root];
  const wf = w.districts.length === 1 && w.span > n.within ? node.intervals.find((i) => i.district === w.districts[0])! : null;
  const widest = wf ? registerFacts({ district: wf.district, low: wf.low, high: wf.high }, { target: root, quarter: q, district: wf.district }, rankFields) : null;
  return registerFacts(<RobustnessView>{ runs: r.runs, top, narrow, widest }, { target: root, quarter: q }, { runs: { measure: 'runs' } });
}
