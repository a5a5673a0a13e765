import { readFileSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { InputError, type InputProblem } from '../errors.js';
import type { District, IndexConfig, TreeNode } from './types.js';
import { parseQuarter } from '../quarter.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CONFIG = resolve(projectRoot, 'config/index.yaml');

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
    })
    .default({ method: 'goalpost', floor: 0, headroom: 0 }),
  aggregation: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
  /** Nested form: one root node holding its children. */
  tree: nodeSchema.optional(),
  /** Flat form: every node once, children by name; `root` names the top. */
  root: z.string().optional(),
  nodes: z.array(nodeSchema).optional(),
  tiers: z
    .array(z.strictObject({ name: z.string(), label: z.string(), min: z.number().nullable() }))
    .min(1),
  lists: z
    .strictObject({
      top: z.number().int().positive().default(5),
      bottom: z.number().int().positive().default(5),
      risers: z.number().int().positive().default(5),
      fallers: z.number().int().positive().default(5),
      drivers: z.number().int().positive().default(3),
    })
    .default({ top: 5, bottom: 5, risers: 5, fallers: 5, drivers: 3 }),
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

/** Parses a YAML file and validates it, reporting each problem with its line. */
function readYaml<T>(file: string, schema: z.ZodType<T>): { value: T; lineOf: (path: (string | number)[]) => number | undefined } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError([{ file, message: `cannot read the file (${(e as NodeJS.ErrnoException).code})`, hint: 'check the path given with --config' }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line,
        message: `not valid YAML: ${e.code} ${e.message.split('\n')[0]}`,
        hint: 'check indentation and that lists and maps are closed',
      })),
    );
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let i = path.length; i >= 0; i--) {
      const node = doc.getIn(path.slice(0, i), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        file,
        // For an unknown key, point at the key itself rather than at the map holding it.
        line: lineOf([...(issue.path as (string | number)[]), ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])]),
        message: `${issue.path.join('.') || '(top)'}: ${issue.message}`,
        hint: 'see config/index.yaml for the expected form',
      })),
    );
  }
  return { value: parsed.data, lineOf };
}

export function loadConfig(file: string = DEFAULT_CONFIG, opts: { districtsFile?: string } = {}): IndexConfig {
  const shown = displayPath(file);
  const { value: raw, lineOf } = readYaml(file, configSchema);
  const problems: InputProblem[] = [];
  const problem = (path: (string | number)[], message: string, hint: string) =>
    problems.push({ file: shown, line: lineOf(path), message, hint });

  // Bring both forms to one flat list of raw nodes (with the YAML path for messages).
  const flat = new Map<string, { node: RawNode; path: (string | number)[]; childNames: string[] }>();
  let rootName: string | undefined;
  const addNested = (node: RawNode, path: (string | number)[]) => {
    if (flat.has(node.name)) problem(path, `node ${node.name} appears twice in the tree`, 'give every node a unique name');
    const childNames = node.children.map((c, i) => {
      if (typeof c === 'string') return c;
      addNested(c, [...path, 'children', i]);
      return c.name;
    });
    flat.set(node.name, { node, path, childNames });
  };
  if (raw.tree && raw.nodes) problem(['nodes'], 'both `tree` and `nodes` are given', 'use one form of the tree');
  if (raw.tree) {
    rootName = raw.tree.name;
    addNested(raw.tree, ['tree']);
  } else if (raw.nodes) {
    rootName = raw.root;
    if (!rootName) problem([], '`nodes` is given without `root`', 'name the top node with root: 双创指数');
    raw.nodes.forEach((n, i) => addNested(n, ['nodes', i]));
  } else {
    problem([], 'the config has no indicator tree', 'add `tree:` (see config/index.yaml)');
  }
  if (problems.length) throw new InputError(problems);

  // Unknown children, cycles and unreachable nodes.
  for (const [name, { childNames, path }] of flat) {
    for (const c of childNames)
      if (!flat.has(c)) problem(path, `node ${name} has an unknown child ${c}`, `define a node named ${c} or remove it from ${name}'s children`);
  }
  if (rootName && !flat.has(rootName)) problem(['root'], `root ${rootName} is not a node`, 'name one of the nodes as root');
  if (problems.length) throw new InputError(problems);

  const nodes: TreeNode[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, parent: string | null, depth: number, points: number) => {
    const entry = flat.get(name)!;
    if (visiting.has(name)) {
      problem(entry.path, `the tree has a cycle through ${name}`, `a node cannot be its own ancestor: remove ${name} from its descendants' children`);
      return;
    }
    if (nodes.some((n) => n.name === name)) {
      problem(entry.path, `node ${name} has two parents`, 'each node belongs to one parent');
      return;
    }
    const n = entry.node;
    const weight = parent === null ? 1 : n.weight;
    if (weight === undefined) {
      problem(entry.path, `node ${name} has no weight`, `give ${name} a weight (its share of ${parent})`);
      return;
    }
    const node: TreeNode = {
      name,
      aliases: n.aliases,
      weight,
      direction: n.direction,
      unit: n.unit,
      kind: n.kind,
      bounds: n.bounds,
      normalisation: n.normalisation,
      children: entry.childNames,
      parent,
      depth,
      points: points * weight,
    };
    nodes.push(node);
    visiting.add(name);
    const sum = entry.childNames.reduce((s, c) => s + (flat.get(c)?.node.weight ?? 0), 0);
    if (entry.childNames.length > 0 && Math.abs(sum - 1) > 1e-6)
      problem(entry.path, `the weights of ${name}'s children add up to ${+sum.toFixed(6)}, not 1`, `adjust the weights of ${entry.childNames.join('、')} so they sum to 1`);
    if (n.bounds && !(n.bounds[0] < n.bounds[1]))
      problem([...entry.path, 'bounds'], `bounds of ${name} must be [lower, upper] with lower < upper`, 'e.g. bounds: [0, 1500]');
    for (const c of entry.childNames) visit(c, name, depth + 1, node.points);
    visiting.delete(name);
  };
  if (rootName) visit(rootName, null, 0, raw.scale);
  for (const [name, { path }] of flat)
    if (!nodes.some((n) => n.name === name) && !problems.some((p) => p.message.includes(name)))
      problem(path, `node ${name} is not reachable from the root ${rootName}`, `list ${name} among some node's children or remove it`);

  // Aliases must not collide, or a column heading would be ambiguous.
  const seen = new Map<string, string>();
  for (const n of nodes)
    for (const label of [n.name, ...n.aliases]) {
      const other = seen.get(label);
      if (other && other !== n.name) problem([], `the heading ${label} names both ${other} and ${n.name}`, 'make every name and alias unique');
      seen.set(label, n.name);
    }

  if (raw.normalisation.baseQuarter && !parseQuarter(raw.normalisation.baseQuarter))
    problem(['normalisation', 'baseQuarter'], `baseQuarter ${raw.normalisation.baseQuarter} is not a quarter`, 'write it as 2017Q1');
  const mins = raw.tiers.map((t) => t.min);
  if (mins[mins.length - 1] !== null) problem(['tiers'], 'the last tier must have min: null', 'the lowest tier takes every remaining district');
  for (let i = 1; i < mins.length - 1; i++)
    if ((mins[i] as number) >= (mins[i - 1] as number)) problem(['tiers', i], 'tier bounds must fall from the top tier down', 'list tiers from the highest min to the lowest');
  if (problems.length) throw new InputError(problems);

  const districtFile = opts.districtsFile ?? resolve(dirname(file), raw.districts);
  const { value: reg } = readYaml(districtFile, districtsSchema);
  const districts: District[] = reg.districts.map((d) => ({ ...d }));

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
    files: { config: resolve(file), districts: resolve(districtFile) },
  };
}

import { displayPath } from '../files.js';
export { displayPath };
