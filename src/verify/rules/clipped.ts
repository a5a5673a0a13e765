/**
 * Values clipped at their goalposts, as the note under the appendix table states them
 * (src/document/appendix.ts): 有3个指标值超出目标值范围，标准化时按边界值计：新注册企业数2个
 * （江北区、渝北区），众创空间数1个（万州区）. The total, each indicator's count and its
 * districts (in registry order) are checked against the ledger's clipped values.
 */
import type { Ledger } from '../../facts/types.js';
import { rule } from './rule.js';

type ClippedClaim = { form: 'total'; n: number } | { form: 'indicator'; indicator: string; n: number; named: string[] };

/** indicator → its districts whose value was clipped, in registry order. */
function clippedValues(ledger: Ledger): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [indicator, { values }] of Object.entries(ledger.indicators)) {
    const districts = ledger.districts.map((d) => d.district).filter((d) => values[d]?.clipped);
    if (districts.length) out.set(indicator, districts);
  }
  return out;
}

export const clipped = rule<ClippedClaim>({
  kind: 'clipped',
  read(sc) {
    const out: ClippedClaim[] = [];
    if (!/超出目标值范围/.test(sc.s)) return out;
    sc.each(/有(\d+)个指标值超出目标值范围/g, (m) => out.push({ form: 'total', n: Number(m[1]) }));
    sc.each(/[：，]([^，：；（）\d]+)(\d+)个（([^）]*)）/g, (m) => out.push({ form: 'indicator', indicator: m[1], n: Number(m[2]), named: m[3].split('、') }));
    return out;
  },
  check(sc, c) {
    const byIndicator = clippedValues(sc.f.ledger);
    if (c.form === 'total')
      return sc.value(
        c.n,
        [...byIndicator.values()].reduce((s, d) => s + d.length, 0),
        '超出目标值范围的指标值个数',
      );
    const want = byIndicator.get(c.indicator) ?? [];
    sc.value(c.n, want.length, `${c.indicator}超出目标值范围的值的个数`);
    sc.list(c.named, want, `${c.indicator}超出目标值范围的区县`);
  },
  examples: {
    // The sample quarter has no value outside its goalposts (test/input/numbers.test.ts checks a quarter that has).
    pass: [],
    fail: ['有2个指标值超出目标值范围，标准化时按边界值计：新注册企业数2个（江北区、渝北区）。'],
  },
});
