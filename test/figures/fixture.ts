/**
 * Plausible quarterly data for the 38 districts (not the real figures): totals
 * 40–90 in the report's tiers, sub-indices under 35/40/25, quarter-on-quarter
 * changes between −20 % and +30 %. Deterministic.
 */
export const QUARTER = '2018年第3季度';
export const PREVIOUS_QUARTER = '2018年第2季度';

/** [district, current total, % change on the previous quarter] */
const ROWS: [string, number, number][] = [
  ['渝北区', 87.89, 7.01],
  ['江北区', 78.42, 3.12],
  ['沙坪坝区', 76.15, -2.45],
  ['九龙坡区', 75.3, 5.67],
  ['南岸区', 72.84, 1.05],
  ['渝中区', 70.61, -4.38],
  ['万州区', 68.97, 2.29],
  ['涪陵区', 67.12, -1.73],
  ['北碚区', 66.48, 4.41],
  ['巴南区', 65.9, 0.36],
  ['大渡口区', 62.94, 12.77],
  ['永川区', 62.05, -0.82],
  ['璧山区', 61.33, 6.92],
  ['荣昌区', 60.31, -9.74],
  ['江津区', 59.87, 1.58],
  ['合川区', 59.02, -3.21],
  ['綦江区', 58.44, 8.34],
  ['黔江区', 57.76, -6.05],
  ['丰都县', 57.1, 14.6],
  ['大足区', 56.58, -1.12],
  ['奉节县', 56.02, 3.87],
  ['长寿区', 55.47, -12.4],
  ['潼南区', 54.93, 2.75],
  ['南川区', 54.31, -0.35],
  ['云阳县', 53.8, 9.12],
  ['铜梁区', 53.25, -4.9],
  ['开州区', 52.9, 0.94],
  ['垫江县', 52.47, 21.3],
  ['酉阳县', 51.96, -7.66],
  ['梁平区', 51.62, 4.05],
  ['忠县', 51.18, -2.02],
  ['巫山县', 50.83, 28.4],
  ['石柱县', 50.52, -15.7],
  ['秀山县', 50.21, 1.77],
  ['城口县', 50.05, -18.9],
  ['彭水县', 48.76, 5.4],
  ['巫溪县', 45.39, -11.2],
  ['武隆区', 42.17, 17.6],
];

export interface FixtureRow {
  district: string;
  total: number;
  previousTotal: number;
  changePct: number;
  /** Sub-indices (双创活力 ≤ 35, 双创环境 ≤ 40, 双创成效 ≤ 25) summing to the total. */
  vitality: number;
  environment: number;
  outcome: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export const FIXTURE: FixtureRow[] = ROWS.map(([district, total, changePct], i) => {
  // shares near 35/40/25 %, varied deterministically by row
  const a = 0.35 + 0.03 * Math.sin(i * 1.7);
  const b = 0.4 + 0.03 * Math.cos(i * 2.3);
  const vitality = r2(total * a);
  const environment = r2(total * b);
  return {
    district,
    total,
    changePct,
    previousTotal: r2(total / (1 + changePct / 100)),
    vitality,
    environment,
    outcome: r2(total - vitality - environment),
  };
});

export const MEAN_CHANGE = Math.round((FIXTURE.reduce((s, r) => s + r.changePct, 0) / FIXTURE.length) * 100) / 100;
