/**
 * `scindex compare --config other.yaml` (what-if): the quarter built under two configurations (weights, normalisation,
 * aggregation …), and the districts whose ranks move between them: the question
 * statisticians ask before changing a method (JRC ten-step guide, step 7).
 */
import type { Command } from 'commander';
import { command, dataOption, out } from './common.js';
import { buildFacts, type FactsInput } from '../pipeline.js';
import { displayPath, DEFAULT_CONFIG } from '../config/load.js';
import { InputError } from '../errors.js';

export interface RankMove {
  district: string;
  score: number;
  rank: number;
  otherScore: number;
  otherRank: number;
  /** Ranks gained under the other configuration (positive: moves up). */
  move: number;
}

export interface Comparison {
  quarter: string;
  quarterLabel: string;
  base: string;
  other: string;
  /** Root and first-level nodes (of the base configuration) → the districts whose rank differs, largest move first. */
  nodes: { node: string; moves: RankMove[] }[];
  /** Nodes of one configuration that the other lacks. */
  unmatched: string[];
}

export async function compareConfigurations(input: Omit<FactsInput, 'config'> & { base?: string; other: string }): Promise<Comparison> {
  const a = await buildFacts({ ...input, config: input.base });
  const b = await buildFacts({ ...input, config: input.other, quarter: a.ledger.meta.quarter });
  if (a.config.districts.map((d) => d.name).join() !== b.config.districts.map((d) => d.name).join())
    throw new InputError([{ file: displayPath(input.other), message: '两个配置的区县名录不同，无法比较排名', hint: '让两个配置使用同一个 districts.yaml' }]);
  const nodesA = [a.ledger.meta.root, ...a.ledger.meta.firstLevel];
  const nodesB = [b.ledger.meta.root, ...b.ledger.meta.firstLevel];
  const nodes = nodesA
    .filter((n) => nodesB.includes(n))
    .map((node) => {
      const moves = a.ledger.districts
        .flatMap((d, i) => {
          const sa = d.scores[node];
          const sb = b.ledger.districts[i].scores[node];
          // A node left uncomputed for the district (missing: uncomputed) under either configuration has no rank to compare.
          if (!sa || !sb) return [];
          return [{ district: d.district, score: sa.score, rank: sa.rank, otherScore: sb.score, otherRank: sb.rank, move: sa.rank - sb.rank }];
        })
        .filter((m) => m.move !== 0)
        // largest move first; equal moves by the base rank
        .sort((x, y) => Math.abs(y.move) - Math.abs(x.move) || x.rank - y.rank);
      return { node, moves };
    });
  return {
    quarter: a.ledger.meta.quarter,
    quarterLabel: a.ledger.meta.quarterLabel,
    base: displayPath(input.base ?? DEFAULT_CONFIG),
    other: displayPath(input.other),
    nodes,
    unmatched: [...nodesA.filter((n) => !nodesB.includes(n)), ...nodesB.filter((n) => !nodesA.includes(n))],
  };
}

/** The comparison as the command prints it. */
export function comparisonLines(c: Comparison): string[] {
  const lines = [`${c.quarterLabel}：${c.base} → ${c.other}`];
  for (const { node, moves } of c.nodes) {
    if (!moves.length) {
      lines.push(`${node}：各区县排名均不变`);
      continue;
    }
    lines.push(`${node}：${moves.length}个区县排名变化`);
    const width = Math.max(...moves.map((m) => m.district.length));
    for (const m of moves) lines.push(`  ${m.district.padEnd(width, '　')}  第${m.rank}位 → 第${m.otherRank}位  ${m.move > 0 ? `↑${m.move}` : `↓${-m.move}`}  （${m.score.toFixed(2)} → ${m.otherScore.toFixed(2)}分）`);
  }
  if (c.unmatched.length) lines.push(`只在一个配置中出现、未比较的指数：${c.unmatched.join('、')}`);
  return lines;
}

export function registerCompare(program: Command): void {
  command(program, 'compare', '在另一套配置下计算同一季度，列出排名变化的区县及变化幅度（改权重、标准化或合成方法之前先看影响）')
    .requiredOption('-c, --config <yaml>', '另一套配置')
    .option('-b, --base <yaml>', '作比较的配置（默认 config/index.yaml）')
    .addOption(dataOption())
    .option('-q, --quarter <quarter>', '季度（默认：数据中最新的季度）')
    .action(async (opts: { config: string; base?: string; data: string; quarter?: string }) => {
      const c = await compareConfigurations({ data: opts.data, quarter: opts.quarter, base: opts.base, other: opts.config });
      out(comparisonLines(c).join('\n'));
    });
}
