/**
 * The code's shape, checked on every `npm test` (ARCHITECTURE.md says why):
 *  - no file in src/ over 500 lines;
 *  - no function over 80 lines (a function whose body is one declarative table,
 *    marked `// structure: table` on the line before it, is exempt);
 *  - no stage imports from a later stage (the order below is the data flow).
 * Prints each violation and exits 1 if there is any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const MAX_FILE = 500;
const MAX_FUNCTION = 80;

/** The stages in the order data flows through them; a module may import from its own stage or an earlier one. */
export const STAGES: string[][] = [
  // Shared: messages, the quarter, file maps, fonts, and the process's bundle and data cache (bundle.mjs).
  ['errors.ts', 'quarter.ts', 'files.ts', 'fonts.ts', 'bundle.mjs'],
  ['config'],
  ['load'],
  ['validate'],
  ['compute', 'method'],
  ['facts'],
  ['narrative'],
  ['figures'],
  ['model'],
  ['markup'],
  ['document'],
  ['render'],
  ['verify'],
  ['pipeline.ts', 'report.ts'],
  ['archive'],
  ['cli.ts', 'cli', 'watch.ts', 'server', 'workbench'],
];

const stageOf = (file: string): number => {
  const top = relative(SRC, file).split('/')[0];
  return STAGES.findIndex((s) => s.includes(top));
};

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.d.mts')) yield p;
  }
}

const problems: string[] = [];
for (const file of walk(SRC)) {
  const text = readFileSync(file, 'utf8');
  const rel = relative(ROOT, file);
  const lines = text.split('\n').length;
  if (lines > MAX_FILE) problems.push(`${rel}: ${lines} lines (at most ${MAX_FILE})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node)) {
      const start = lineOf(node.getStart());
      const n = lineOf(node.getEnd()) - start + 1;
      const before = text.split('\n')[start - 2] ?? '';
      if (n > MAX_FUNCTION && !/structure: table/.test(before)) {
        const name = (node as ts.FunctionDeclaration).name?.getText() ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
        problems.push(`${rel}:${start}: function ${name} has ${n} lines (at most ${MAX_FUNCTION})`);
      }
    }
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        const from = stageOf(file);
        const to = stageOf(target.replace(/\.js$/, '.ts'));
        if (from >= 0 && to > from) problems.push(`${rel}:${lineOf(node.getStart())}: imports ${relative(ROOT, target)} from a later stage`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

if (problems.length) {
  console.error(`代码结构检查：${problems.length}处不符合 ARCHITECTURE.md\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('代码结构检查：通过（文件≤500行，函数≤80行，阶段只向前引用）');
