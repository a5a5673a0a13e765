import type { MethodConfig, MissingMethod } from './method.js';

export type Direction = '正向' | '逆向';
export type ValueKind = 'count' | 'rate' | 'score';
export type NormalisationMethod = 'goalpost' | 'minmax' | 'efficacy' | 'zscore' | 'rank';
export type Aggregation = 'arithmetic' | 'geometric';

export interface TreeNode {
  name: string;
  aliases: string[];
  /** Share of the parent (children of one node sum to 1); 1 for the root. */
  weight: number;
  direction: Direction;
  unit: string;
  kind: ValueKind;
  bounds?: [number, number];
  normalisation?: NormalisationMethod;
  /** How a missing cell is filled (default: the config's missing.method). */
  missing?: MissingMethod;
  children: string[];
  parent: string | null;
  /** 0 for the root, 1 for the first-level indices, … */
  depth: number;
  /** Points this node can reach: root scale × product of weights down to it. */
  points: number;
}

export interface Tier {
  name: string;
  label: string;
  /** Exclusive lower bound of the total; null for the last tier. */
  min: number | null;
}

export interface District {
  name: string;
  code: number;
  aliases: string[];
  urbanCore: boolean;
}

export interface IndexConfig {
  title: string;
  scale: number;
  normalisation: {
    method: NormalisationMethod;
    floor: number;
    baseQuarter?: string;
    headroom: number;
    /** Values further outside their goalposts than this many goalpost spans are refused; null: no limit. */
    plausibility: number | null;
  };
  aggregation: Aggregation;
  root: string;
  /** Every node, parents before children, children in configured order. */
  nodes: TreeNode[];
  tiers: Tier[];
  lists: { top: number; bottom: number; risers: number; fallers: number; drivers: number };
  districts: District[];
  /** 同比, robustness of ranks, outliers, missing values (src/config/method.ts). */
  method: MethodConfig;
  /** The files this config was read from (for the archive's input snapshot; never printed). */
  files: { config: string; districts: string };
}

export function nodeByName(config: IndexConfig, name: string): TreeNode {
  const node = config.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node ${name} in the indicator tree`); // a bug, not an input error: callers pass names of the tree
  return node;
}

export function leavesOf(config: IndexConfig): TreeNode[] {
  return config.nodes.filter((n) => n.children.length === 0);
}
