/**
 * Makes the sample data set: raw indicators of the 38 districts for 2017Q1–2018Q4,
 * from a fixed seed, so `npm run report` has realistic input. The shape follows the
 * published 2018Q3 report: the urban core on top, the remote counties at the bottom,
 * and a few districts jumping or dropping between 2018Q2 and 2018Q3.
 *
 *   npx tsx scripts/make-sample-data.ts [outDir]     (default data/sample)
 *   npx tsx scripts/make-sample-data.ts outDir --quarters 100
 *     (the N quarters up to 2018Q4 instead of the 8 of the sample, for the benchmark of a
 *     large batch; with 8, the sample itself)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { quarters: { type: 'string', default: '8' } } });
const quarterCount = Number(opts.quarters);
if (!Number.isInteger(quarterCount) || quarterCount < 1 || quarterCount > 400) throw new Error(`--quarters: a whole number from 1 to 400, not ${opts.quarters}`);

/** mulberry32: a small, well-known seeded PRNG (deterministic across platforms). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20181001);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** Each district's underlying strength (0–1): the urban core high, remote counties low. */
const strength: Record<string, number> = {
  渝北区: 1.0,
  江北区: 0.86,
  沙坪坝区: 0.85,
  九龙坡区: 0.88,
  南岸区: 0.84,
  渝中区: 0.83,
  北碚区: 0.66,
  巴南区: 0.64,
  大渡口区: 0.5,
  万州区: 0.66,
  涪陵区: 0.63,
  永川区: 0.6,
  璧山区: 0.58,
  江津区: 0.58,
  合川区: 0.57,
  荣昌区: 0.6,
  綦江区: 0.52,
  长寿区: 0.5,
  黔江区: 0.5,
  大足区: 0.5,
  南川区: 0.45,
  铜梁区: 0.45,
  潼南区: 0.45,
  开州区: 0.44,
  丰都县: 0.46,
  奉节县: 0.44,
  云阳县: 0.42,
  垫江县: 0.38,
  梁平区: 0.37,
  忠县: 0.36,
  酉阳县: 0.4,
  巫山县: 0.35,
  石柱县: 0.33,
  秀山县: 0.33,
  城口县: 0.3,
  彭水县: 0.2,
  巫溪县: 0.19,
  武隆区: 0.17,
};
/** Registry order (GB/T 2260), as the rows are written. */
const districts = [
  '万州区',
  '涪陵区',
  '渝中区',
  '大渡口区',
  '江北区',
  '沙坪坝区',
  '九龙坡区',
  '南岸区',
  '北碚区',
  '綦江区',
  '大足区',
  '渝北区',
  '巴南区',
  '黔江区',
  '长寿区',
  '江津区',
  '合川区',
  '永川区',
  '南川区',
  '璧山区',
  '铜梁区',
  '潼南区',
  '荣昌区',
  '开州区',
  '梁平区',
  '武隆区',
  '城口县',
  '丰都县',
  '垫江县',
  '忠县',
  '云阳县',
  '奉节县',
  '巫山县',
  '巫溪县',
  '石柱县',
  '秀山县',
  '酉阳县',
  '彭水县',
];

/** The quarters generated: the data quarters up to 2018Q4, and the one before the first (the base of its growth rate). */
const quarters = Array.from({ length: quarterCount + 1 }, (_, i) => {
  const back = quarterCount - i; // quarters before 2018Q4
  const index = 2018 * 4 + 3 - back;
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
});
const seasonal = [0.86, 1.0, 1.04, 1.1]; // Q1 is low: the Spring Festival

/** One-off movements between 2018Q2 and 2018Q3 (multipliers of the 2018Q3 value), as in the reference. */
const shocks2018Q3: Record<string, Partial<Record<string, number>>> = {
  大渡口区: { 新注册企业数: 1.75, 科技型企业数: 1.25, 新增就业岗位数: 1.47, 社会关注度: 1.13, 创业投资额: 1.6 },
  丰都县: { 新注册企业数: 1.35, 创业投资额: 1.5 },
  酉阳县: { 新注册企业数: 1.3, 高新技术产品产值: 1.25 },
  荣昌区: { 新注册企业数: 0.7, 新增就业岗位数: 0.62, 就业潜力: 0.55, 高新技术产品产值: 0.8, 创业投资额: 0.7 },
  云阳县: { 社会关注度: 1.32, 众创空间数: 1.3 },
  潼南区: { 社会关注度: 0.82, 科技企业孵化器数: 0.5 },
  涪陵区: { 就业潜力: 1.47, 新增就业岗位数: 1.2 },
  秀山县: { 新注册企业数: 0.72, 创业投资额: 0.7 },
  武隆区: { 新注册企业数: 0.8, 新增就业岗位数: 0.75 },
  渝北区: { 众创空间数: 1.1, 社会关注度: 1.1 },
};

type Gen = (s: number, k: number, season: number) => number;
const indicators: { name: string; gen: Gen; sigma: number; digits: number }[] = [
  { name: '新注册企业数', gen: (s, k, se) => (25 + 1180 * s ** 1.7) * (1 + 0.015 * k) * se, sigma: 0.1, digits: 0 },
  { name: '科技型企业数', gen: (s, k) => (12 + 820 * s ** 1.9) * (1 + 0.03 * k), sigma: 0.03, digits: 0 },
  { name: '创业投资额', gen: (s, k) => (0.3 + 21 * s ** 2.3) * (1 + 0.02 * k), sigma: 0.15, digits: 2 },
  { name: '众创空间数', gen: (s, k) => (1.2 + 34 * s ** 2.4) * (1 + 0.015 * k), sigma: 0.04, digits: 0 },
  { name: '科技企业孵化器数', gen: (s) => 0.6 + 8.5 * s ** 2.4, sigma: 0.03, digits: 0 },
  { name: '知识产权保护程度', gen: (s, k) => 52 + 40 * s + 0.3 * k, sigma: 0.025, digits: 1 },
  { name: '社会关注度', gen: (s, k, se) => (1800 + 42000 * s ** 1.6) * (1 + 0.02 * k) * (0.8 + 0.2 * se), sigma: 0.08, digits: 0 },
  { name: '新增就业岗位数', gen: (s, k, se) => (250 + 19000 * s ** 1.8) * (1 + 0.01 * k) * se, sigma: 0.08, digits: 0 },
  { name: '就业潜力', gen: (s) => 24 + 62 * s, sigma: 0.07, digits: 1 },
  { name: '高新技术产品产值', gen: (s, k, se) => (4 + 330 * s ** 2.1) * (1 + 0.015 * k) * se, sigma: 0.05, digits: 2 },
];

// Persistent (AR(1)) noise per district and indicator, so quarters differ gradually.
const values = new Map<string, Map<string, Record<string, number>>>();
for (const d of districts) {
  const noise: Record<string, number> = {};
  for (const ind of indicators) noise[ind.name] = 0;
  quarters.forEach((q, k) => {
    const se = seasonal[Number(q.slice(5)) - 1];
    const row: Record<string, number> = {};
    for (const ind of indicators) {
      noise[ind.name] = 0.6 * noise[ind.name] + ind.sigma * gauss();
      let v = ind.gen(strength[d], k, se) * Math.exp(noise[ind.name]);
      if (q === '2018Q3') v *= shocks2018Q3[d]?.[ind.name] ?? 1;
      const f = 10 ** ind.digits;
      row[ind.name] = Math.max(0, Math.round(v * f) / f);
    }
    if (!values.has(q)) values.set(q, new Map());
    values.get(q)!.set(d, row);
  });
}

// The growth rate is derived from the counts, so the data set is consistent with itself.
const header = ['季度', '区县', '新注册企业数', '新注册企业数环比增长率', '科技型企业数', '创业投资额', '众创空间数', '科技企业孵化器数', '知识产权保护程度', '社会关注度', '新增就业岗位数', '就业潜力', '高新技术产品产值'];
const byYear = new Map<string, string[]>();
for (const q of quarters.slice(1)) {
  const prevQ = quarters[quarters.indexOf(q) - 1];
  for (const d of districts) {
    const row = values.get(q)!.get(d)!;
    const prev = values.get(prevQ)!.get(d)!;
    const growth = Math.round((row['新注册企业数'] / prev['新注册企业数'] - 1) * 10000) / 100;
    const cells = [q, d, ...header.slice(2).map((h) => (h === '新注册企业数环比增长率' ? growth : row[h]))];
    const year = q.slice(0, 4);
    if (!byYear.has(year)) byYear.set(year, [header.join(',')]);
    byYear.get(year)!.push(cells.join(','));
  }
}

const outDir = positionals[0] ?? 'data/sample';
mkdirSync(outDir, { recursive: true });
for (const [year, lines] of byYear) {
  // UTF-8 with BOM: what Excel writes as "CSV UTF-8" and opens without garbling.
  writeFileSync(join(outDir, `双创指标_${year}.csv`), '\ufeff' + lines.join('\r\n') + '\r\n');
}
console.log(`wrote ${[...byYear.keys()].map((y) => `双创指标_${y}.csv`).join(', ')} to ${outDir}`);
