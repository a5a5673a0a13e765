import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode } from 'yaml';
import { z } from 'zod';
import { zhCN } from 'zod/locales';
import { InputError, parseYamlInput, schemaIssueMessage, type InputProblem } from '../errors.js';
import type { IndexConfig, TreeNode } from './types.js';
import { parseQuarter } from '../quarter.js';
import { checkDistricts } from './districts.js';
import { displayPath } from '../files.js';
import { methodConfig, methodKeys, missingMethodSchema } from './method.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CONFIG = resolve(projectRoot, 'config/index.yaml');

/**
 * A value further outside its goalposts than this many goalpost spans is refused as
 * implausible (a typo, or a wrong unit: 元 for 亿元), rather than clipped and printed.
 */
export const DEFAULT_PLAUSIBILITY = 2;

const method = z.enum(['goalpost', 'minmax', 'efficacy', 'zscore', 'rank']);

/** A node as written in YAML: nested (`children` holds nodes) or flat (`children` holds names). */
const nodeSchema: z.ZodType<RawNode> = z.lazy(() =>
  z.strictObject({
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    weight: z.number().positive().optional(),
    direction: z.enum(['正向', '逆向']).default('正向'),
    unit: z.string().default(''),
    kind: z.enum(['count', 'rate', 'score']).default('score'),
    bounds: z.tuple([z.number(), z.number()]).optional(),
    normalisation: method.optional(),
    missing: missingMethodSchema.optional(),
    children: z.array(z.union([z.string(), nodeSchema])).default([]),
  }),
);
interface RawNode {
  name: string;
  aliases: string[];
  weight?: number;
  direction: '正向' | '逆向';
  unit: string;
  kind: 'count' | 'rate' | 'score';
  bounds?: [number, number];
  normalisation?: z.infer<typeof method>;
  missing?: z.infer<typeof missingMethodSchema>;
  children: (string | RawNode)[];
}

const configSchema = z.strictObject({
  title: z.string().default('重庆区县双创指数'),
  scale: z.number().positive().default(100),
  districts: z.string().default('districts.yaml'),
  normalisation: z
    .strictObject({
      method: method.default('goalpost'),
      floor: z.number().min(0).max(0.99).default(0),
      baseQuarter: z.string().optional(),
      headroom: z.number().min(0).default(0),
      plausibility: z.number().positive().nullable().default(DEFAULT_PLAUSIBILITY),
    })
    .default({ method: 'goalpost', floor: 0, headroom: 0, plausibility: DEFAULT_PLAUSIBILITY }),
  aggregation: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
  /** Nested form: one root node holding its children. */
  tree: nodeSchema.optional(),
  /** Flat form: every node once, children by name; `root` names the top. */
  root: z.string().optional(),
  nodes: z.array(nodeSchema).optional(),
  tiers: z.array(z.strictObject({ name: z.string(), label: z.string(), min: z.number().nullable() })).min(1),
  lists: z
    .strictObject({
      top: z.number().int().positive().default(5),
      bottom: z.number().int().positive().default(5),
      risers: z.number().int().positive().default(5),
      fallers: z.number().int().positive().default(5),
      drivers: z.number().int().positive().default(3),
    })
    .default({ top: 5, bottom: 5, risers: 5, fallers: 5, drivers: 3 }),
  ...methodKeys,
});

const districtsSchema = z.strictObject({
  districts: z
    .array(
      z.strictObject({
        name: z.string(),
        code: z.number().int(),
        aliases: z.array(z.string()).default([]),
        urbanCore: z.boolean().default(false),
      }),
    )
    .min(1),
});

/** Parses a YAML file and validates it, reporting each problem with its line (in Chinese). */
function readYaml<T>(file: string, schema: z.ZodType<T>, what: string): { value: T; lineOf: (path: (string | number)[]) => number | undefined } {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '不存在' : code === 'EISDIR' ? '是一个文件夹，不是文件' : code === 'EACCES' ? '没有读取权限' : `无法读取（${code}）`;
    throw new InputError([{ file: shown, message: `${what}${why}`, hint: what === '配置文件' ? '用 --config 指定指标体系的 YAML 文件（默认 config/index.yaml）' : '检查配置文件中 districts: 一项所指的文件' }]);
  }
  const { doc, lineCounter } = parseYamlInput(shown, text);
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let i = path.length; i >= 0; i--) {
      const node = doc.getIn(path.slice(0, i), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const fallback = zhCN().localeError;
  const parsed = schema.safeParse(doc.toJS(), { error: (issue) => schemaIssueMessage(issue as never) ?? fallback(issue) });
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        file: shown,
        // For an unknown key, point at the key itself rather than at the map holding it.
        line: lineOf([...(issue.path as (string | number)[]), ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])]),
        message: `${issue.path.join('.') || '（顶层）'}：${issue.message}`,
        hint: what === '配置文件' ? '写法见 config/index.yaml 及其中的说明' : '写法见 config/districts.yaml：每个区县一行 { name: 简称, code: 代码, aliases: [别名] }',
      })),
    );
  }
  return { value: parsed.data, lineOf };
}

export function loadConfig(file: string = DEFAULT_CONFIG, opts: { districtsFile?: string } = {}): IndexConfig {
  const shown = displayPath(file);
  const { value: raw, lineOf } = readYaml(file, configSchema, '配置文件');
  const problems: InputProblem[] = [];
  const problem = (path: (string | number)[], message: string, hint: string) => problems.push({ file: shown, line: lineOf(path), message, hint });
  const throwIfAny = () => {
    if (problems.length) throw new InputError(problems);
  };

  const { flat, rootName } = flattenTree(raw, problem);
  throwIfAny();
  // Unknown children, cycles and unreachable nodes.
  for (const [name, { childNames, path }] of flat) {
    for (const c of childNames) if (!flat.has(c)) problem(path, `节点${name}的下级${c}未定义`, `定义一个名为${c}的节点，或从${name}的 children 中删去它`);
  }
  if (rootName && !flat.has(rootName)) problem(['root'], `root 所指的${rootName}不是任何节点`, '让 root 指向某个节点的名称');
  throwIfAny();

  const nodes = rootName ? buildNodes(flat, rootName, raw.scale, problem) : [];
  for (const [name, { path }] of flat) if (!nodes.some((n) => n.name === name) && !problems.some((p) => p.message.includes(name))) problem(path, `节点${name}不在以${rootName}为根的指标树中`, `把${name}列入某个节点的 children，或删去它`);
  checkLabels(nodes, problem);
  checkSettings(raw, problem);
  throwIfAny();

  const districtFile = opts.districtsFile ?? resolve(dirname(file), raw.districts);
  const { value: reg, lineOf: districtLine } = readYaml(districtFile, districtsSchema, '区县名录文件');
  const districts = checkDistricts(reg.districts, displayPath(districtFile), districtLine);

  return {
    title: raw.title,
    scale: raw.scale,
    normalisation: { ...raw.normalisation, baseQuarter: raw.normalisation.baseQuarter ? parseQuarter(raw.normalisation.baseQuarter)! : undefined },
    aggregation: raw.aggregation,
    root: rootName!,
    nodes,
    tiers: raw.tiers,
    lists: raw.lists,
    districts,
    method: methodConfig(raw),
    files: { config: resolve(file), districts: resolve(districtFile) },
  };
}

type Problem = (path: (string | number)[], message: string, hint: string) => void;
type FlatTree = Map<string, { node: RawNode; path: (string | number)[]; childNames: string[] }>;

/** Brings both forms of the tree to one flat list of raw nodes (with the YAML path for messages). */
function flattenTree(raw: z.infer<typeof configSchema>, problem: Problem): { flat: FlatTree; rootName?: string } {
  const flat: FlatTree = new Map();
  let rootName: string | undefined;
  const addNested = (node: RawNode, path: (string | number)[]) => {
    if (flat.has(node.name)) problem(path, `节点${node.name}在指标树中出现了两次`, '每个节点的名称必须唯一');
    const childNames = node.children.map((c, i) => {
      if (typeof c === 'string') return c;
      addNested(c, [...path, 'children', i]);
      return c.name;
    });
    flat.set(node.name, { node, path, childNames });
  };
  if (raw.tree && raw.nodes) problem(['nodes'], '同时给出了 tree 和 nodes', '指标树只用一种写法：嵌套的 tree，或平铺的 root + nodes');
  if (raw.tree) {
    rootName = raw.tree.name;
    addNested(raw.tree, ['tree']);
  } else if (raw.nodes) {
    rootName = raw.root;
    if (!rootName) problem([], '给出了 nodes 但没有 root', '用 root: 双创指数 指明最顶层的节点');
    raw.nodes.forEach((n, i) => addNested(n, ['nodes', i]));
  } else {
    problem([], '配置中没有指标树', '添加 tree:（写法见 config/index.yaml）');
  }
  return { flat, rootName };
}

/** The tree's nodes, parents before children, with depth and points; cycles, second parents and bad weights are problems. */
function buildNodes(flat: FlatTree, rootName: string, scale: number, problem: Problem): TreeNode[] {
  const nodes: TreeNode[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, parent: string | null, depth: number, points: number) => {
    const entry = flat.get(name)!;
    if (visiting.has(name)) return problem(entry.path, `指标树在${name}处形成了循环`, `节点不能是自己的上级：从${name}的下级中删去${name}`);
    if (nodes.some((n) => n.name === name)) return problem(entry.path, `节点${name}有两个上级`, '每个节点只能属于一个上级');
    const n = entry.node;
    const weight = parent === null ? 1 : n.weight;
    if (weight === undefined) return problem(entry.path, `节点${name}没有权重`, `给${name}写上 weight（它占${parent}的份额）`);
    const node: TreeNode = {
      name,
      aliases: n.aliases,
      weight,
      direction: n.direction,
      unit: n.unit,
      kind: n.kind,
      bounds: n.bounds,
      normalisation: n.normalisation,
      ...(n.missing ? { missing: n.missing } : {}),
      children: entry.childNames,
      parent,
      depth,
      points: points * weight,
    };
    nodes.push(node);
    visiting.add(name);
    const sum = entry.childNames.reduce((s, c) => s + (flat.get(c)?.node.weight ?? 0), 0);
    if (entry.childNames.length > 0 && Math.abs(sum - 1) > 1e-6) problem(entry.path, `${name}的下级权重之和为${+sum.toFixed(6)}，不等于1`, `调整${entry.childNames.join('、')}的权重，使其和为1`);
    if (n.bounds && !(n.bounds[0] < n.bounds[1])) problem([...entry.path, 'bounds'], `${name}的 bounds 应写成 [下限, 上限]，且下限小于上限`, '例如 bounds: [0, 1500]');
    for (const c of entry.childNames) visit(c, name, depth + 1, node.points);
    visiting.delete(name);
  };
  visit(rootName, null, 0, scale);
  return nodes;
}

/** Names and aliases must not collide, or a column heading would be ambiguous. */
function checkLabels(nodes: TreeNode[], problem: Problem): void {
  const seen = new Map<string, string>();
  for (const n of nodes)
    for (const label of [n.name, ...n.aliases]) {
      const other = seen.get(label);
      if (other && other !== n.name) problem([], `表头${label}同时指${other}和${n.name}`, '每个名称和别名只能用一次');
      seen.set(label, n.name);
    }
}

function checkSettings(raw: z.infer<typeof configSchema>, problem: Problem): void {
  if (raw.normalisation.baseQuarter && !parseQuarter(raw.normalisation.baseQuarter)) problem(['normalisation', 'baseQuarter'], `baseQuarter ${raw.normalisation.baseQuarter} 不是季度`, '写成 2017Q1 或 2017年第1季度');
  const mins = raw.tiers.map((t) => t.min);
  if (mins[mins.length - 1] !== null) problem(['tiers'], '最后一类的 min 必须是 null', '最低一类包含其余所有区县');
  for (let i = 1; i < mins.length - 1; i++) if ((mins[i] as number) >= (mins[i - 1] as number)) problem(['tiers', i], '各类的下限必须从上到下递减', '按 min 从高到低列出各类');
}

/** Re-exported: callers of the config's loader name paths as messages show them. */
export { displayPath };
