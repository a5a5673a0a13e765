/**
 * Drivers: 主要得益于社会关注度的增长 / 主要受众创空间数下降影响 — the indicator named
 * must be the one that moved the district's index most in that direction (the
 * ledger's contributions), and the direction word must be the indicator's own.
 */
import type { SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

interface DriverClaim {
  at: number;
  indicator: string;
  verb: string | null;
}

/** The indicator with the largest contribution of the sign of the district's change of `node`. */
function driverOf(sc: SentenceCheck, district: string, node: string, up: boolean): string | null {
  const c = sc.f.change(node);
  const extreme = up ? c?.biggestRise : c?.biggestFall;
  if (extreme && extreme.districts.length === 1 && extreme.districts[0] === district && extreme.drivers[0]) return extreme.drivers[0].indicator;
  const root = sc.f.ledger.meta.root;
  const candidates = Object.entries(sc.f.ledger.indicators)
    .filter(([, ind]) => node === root || ind.parent === node)
    .map(([name, ind]) => ({ name, c: ind.values[district]?.contribution }))
    .filter((x): x is { name: string; c: number } => typeof x.c === 'number' && (up ? x.c > 0 : x.c < 0))
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c));
  return candidates[0]?.name ?? null;
}

export const drivers = rule<DriverClaim>({
  kind: 'driver',
  read(sc) {
    const I = [...sc.f.indicators].sort((a, b) => b.length - a.length).join('|');
    const out: DriverClaim[] = [];
    if (!sc.f.indicators.length) return out;
    const re = new RegExp(`(?:主要|主要是|这主要)?(?:得益于|受益于|受到|受|是由于|源于|来自于?|归因于|由于)(${I})(?:的)?(${sc.lex.move})?`, 'g');
    sc.each(re, (m) => out.push({ at: m.index!, indicator: m[1], verb: m[2] ?? null }));
    return out;
  },
  check(sc, c) {
    const d = sc.districtBefore(c.at);
    // The index whose change is explained: the node named before the driver (not the indicator itself).
    const node = sc.targets.filter((t) => t.end <= c.at && sc.f.isNode(t.name)).pop()?.name ?? sc.ctx.section;
    if (!d) return sc.unverifiable(`“${c.indicator}”是哪个区县变化的原因，句中没有说明`);
    const nodeDiff = sc.f.score(d, node)?.diff;
    if (sc.lacksPrevious(nodeDiff, `${d}${node}变化的原因`)) return;
    const up = nodeDiff > 0;
    const want = driverOf(sc, d, node, up);
    sc.check(want === c.indicator, `${d}${node}${up ? '上升' : '下降'}的主要原因是${want ?? '（无）'}，不是${c.indicator}`);
    if (c.verb) {
      const diff = sc.f.indicator(d, c.indicator)?.diff;
      sc.check(diff !== undefined && sc.lex.isUp(c.verb) === diff > 0, `${d}${c.indicator}较上季度${diff !== undefined && diff > 0 ? '上升' : '下降'}，文中为“${c.verb}”`, 'direction');
    }
  },
  examples: {
    pass: ['沙坪坝区双创环境指数增幅最大，增幅为5.56%，主要得益于社会关注度的增长。'],
    fail: ['沙坪坝区双创环境指数增幅最大，增幅为5.56%，主要得益于众创空间数的增长。', '沙坪坝区双创环境指数增幅最大，增幅为5.56%，主要得益于社会关注度的下降。'],
  },
});
