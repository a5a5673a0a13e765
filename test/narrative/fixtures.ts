/**
 * Small hand-built data sets for the narrative and fact-check tests: the score-only
 * layout (季度,区县,双创活力,双创环境,双创成效), so the total is the sum and every
 * number of the report can be worked out by hand.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildFacts, PROJECT_ROOT, SAMPLE_DATA } from '../../src/pipeline.js';
import type { Ledger } from '../../src/facts/types.js';

export const DISTRICTS: string[] = (parse(readFileSync(join(PROJECT_ROOT, 'config/districts.yaml'), 'utf8')) as { districts: { name: string }[] }).districts.map((d) => d.name);

type Scores = [number, number, number];

/** The base quarter: 双创活力 30 − 0.25i, 双创环境 35 − 0.3i, 双创成效 20 − 0.2i for the i-th district (registry order). */
export function baseScores(): Map<string, Scores> {
  return new Map(DISTRICTS.map((d, i) => [d, [30 - 0.25 * i, 35 - 0.3 * i, 20 - 0.2 * i].map((x) => Math.round(x * 100) / 100) as Scores]));
}

function csv(quarters: [string, Map<string, Scores>][]): string {
  const lines = ['季度,区县,双创活力,双创环境,双创成效'];
  for (const [q, scores] of quarters)
    for (const d of DISTRICTS)
      lines.push(
        `${q},${d},${scores
          .get(d)!
          .map((x) => x.toFixed(2))
          .join(',')}`,
      );
  return lines.join('\n') + '\n';
}

export async function ledgerFrom(quarters: [string, Map<string, Scores>][], quarter: string): Promise<Ledger> {
  const dir = mkdtempSync(join(tmpdir(), 'narrative-'));
  const file = join(dir, 'data.csv');
  writeFileSync(file, csv(quarters));
  return (await buildFacts({ data: file, quarter })).ledger;
}

function set(m: Map<string, Scores>, d: string, i: 0 | 1 | 2, v: number) {
  if (!m.has(d)) throw new Error(`unknown district ${d}`);
  m.get(d)![i] = v;
}

/**
 * The golden data set. 2018Q3 is the base; 2018Q2 differs in:
 *  双创活力: 大足区 25.00 (+10.00%), 铜梁区 20.00 (+25.00%), 云阳县 20.00 (+12.50%),
 *           沙坪坝区 29.90 (−3.85%), 江津区 30.00 (−12.50%);
 *  双创环境: 大渡口区 31.00 (+10.00%), 江北区 32.50 (+4.00%);
 *  双创成效: unchanged.
 */
export async function goldenLedger(): Promise<Ledger> {
  const q3 = baseScores();
  const q2 = baseScores();
  set(q2, '大足区', 0, 25);
  set(q2, '铜梁区', 0, 20);
  set(q2, '云阳县', 0, 20);
  set(q2, '沙坪坝区', 0, 29.9);
  set(q2, '江津区', 0, 30);
  set(q2, '大渡口区', 1, 31);
  set(q2, '江北区', 1, 32.5);
  return ledgerFrom(
    [
      ['2018Q2', q2],
      ['2018Q3', q3],
    ],
    '2018Q3',
  );
}

/**
 * Edge cases. 2018Q3 is the base except 双创活力 涪陵区 30.00 (tied highest with 万州区),
 * 沙坪坝区 29.00 (tied with 江北区 at the edge of the top five), 酉阳县 20.75 (tied lowest
 * with 彭水县). 2018Q2 equals 2018Q3 except:
 *  双创活力: 万州区 24.00 (the only riser, +25.00%); 巴南区 30.00 and 云阳县 25.00 (both −10.00%,
 *           tied largest fall), 合川区 27.00, 南川区 26.00, 梁平区 25.00, 垫江县 24.00, 巫山县 22.50;
 *  双创环境: risers 万州区 30.43, 大足区 28.57, 沙坪坝区 30.00, 铜梁区 26.00, 长寿区 28.00 and
 *           武隆区 25.00 (both +10.00%, tied at the edge of the list), 云阳县 25.00; no faller;
 *  双创成效: 彭水县 14.00 (the only faller, −10.00%), no riser.
 * 万州区 is top of the total and its biggest riser, so there are two portraits.
 */
export async function edgeLedger(): Promise<Ledger> {
  const q3 = baseScores();
  set(q3, '涪陵区', 0, 30);
  set(q3, '沙坪坝区', 0, 29);
  set(q3, '酉阳县', 0, 20.75);
  const q2 = new Map([...q3].map(([d, s]) => [d, [...s] as Scores]));
  set(q2, '万州区', 0, 24);
  set(q2, '巴南区', 0, 30);
  set(q2, '云阳县', 0, 25);
  set(q2, '合川区', 0, 27);
  set(q2, '南川区', 0, 26);
  set(q2, '梁平区', 0, 25);
  set(q2, '垫江县', 0, 24);
  set(q2, '巫山县', 0, 22.5);
  set(q2, '万州区', 1, 30.43);
  set(q2, '大足区', 1, 28.57);
  set(q2, '沙坪坝区', 1, 30);
  set(q2, '铜梁区', 1, 26);
  set(q2, '长寿区', 1, 28);
  set(q2, '武隆区', 1, 25);
  set(q2, '云阳县', 1, 25);
  set(q2, '彭水县', 2, 14);
  return ledgerFrom(
    [
      ['2018Q2', q2],
      ['2018Q3', q3],
    ],
    '2018Q3',
  );
}

/** One quarter only: no previous quarter, no change facts. */
export async function singleQuarterLedger(): Promise<Ledger> {
  return ledgerFrom([['2018Q3', baseScores()]], '2018Q3');
}

const sampleCache = new Map<string, Promise<Ledger>>();
/** The ledger of the project's sample data for a quarter (2018Q3, 2018Q4, 2017Q1 …). */
export function sampleLedger(quarter: string): Promise<Ledger> {
  if (!sampleCache.has(quarter))
    sampleCache.set(
      quarter,
      buildFacts({ data: SAMPLE_DATA, quarter }).then((r) => r.ledger),
    );
  return sampleCache.get(quarter)!;
}
