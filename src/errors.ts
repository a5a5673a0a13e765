import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';

/**
 * Errors about the user's input (data, config, templates). They name the place
 * (file, row, column or line), say what is wrong and how to fix it, and are
 * collected so that one run reports every problem of a file at once.
 */
export interface InputProblem {
  file: string;
  /** 1-based row as a spreadsheet shows it (the header is row 1). */
  row?: number;
  /** Column letter (A, B, …) and/or header text. */
  column?: string;
  /** 1-based line in a text file (config, template). */
  line?: number;
  /** 1-based character position within `line` (YAML). */
  col?: number;
  message: string;
  hint?: string;
  /**
   * Problems of one kind in one file (a duplicated file, a wrong column under every row)
   * fold together: the first few are kept, the rest only counted (see ProblemList).
   */
  kind?: string;
  /** How many further problems of this kind in this file were folded into this one. */
  more?: number;
}

/** Problems kept per kind and file before the rest are only counted. */
export const SHOWN_PER_KIND = 3;
/** Problems printed in one message; the rest are counted. */
export const MAX_PRINTED = 50;
/** Problems kept in memory; the rest are only counted, so that a million bad rows cannot exhaust memory. */
export const MAX_KEPT = 500;

const CHAR_NAMES: Record<number, string> = {
  9: '制表符',
  13: '回车符',
  27: 'ESC 控制字符',
  127: 'DEL 控制字符',
  173: '软连字符',
  8203: '零宽空格',
  8204: '零宽非连接符',
  8205: '零宽连接符',
  8206: '从左至右标记',
  8207: '从右至左标记',
  8234: '从左至右嵌入',
  8235: '从右至左嵌入',
  8236: '方向格式结束',
  8237: '从左至右强制',
  8238: '从右至左强制',
  8232: '行分隔符',
  8233: '段分隔符',
  8288: '零宽不换行符',
  8294: '从左至右隔离',
  8295: '从右至左隔离',
  8296: '首强隔离',
  8297: '方向隔离结束',
  65279: '零宽不换行空格（BOM）',
};

/** Characters that are invisible or act on the terminal: control, format (zero-width, bidi) and line/paragraph separators. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const HIDDEN_ANY = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const codeOf = (ch: string) => 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** The hidden characters of a text, named: ["U+200F（从右至左标记）"], in order of first appearance. */
export function hiddenCharacters(text: string): string[] {
  if (!HIDDEN_ANY.test(text)) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(HIDDEN)) {
    const cp = m[0].codePointAt(0)!;
    found.add(`${codeOf(m[0])}（${CHAR_NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? '控制字符' : '不可见格式字符')}）`);
  }
  return [...found];
}

/**
 * A text as a message may show it: hidden characters are written as [U+200F], so that an
 * ANSI escape in a cell cannot recolour the terminal and a bidi mark cannot reorder the line.
 */
export function visible(text: string, keepNewlines = false): string {
  return text.replace(HIDDEN, (ch) => (keepNewlines && ch === '\n' ? ch : `[${codeOf(ch)}]`));
}

function place(p: InputProblem): string {
  const where = [visible(p.file)];
  if (p.line !== undefined) where.push(`第${p.line}行` + (p.col !== undefined ? `第${p.col}列` : ''));
  if (p.row !== undefined) where.push(`第${p.row}行`);
  if (p.column !== undefined) where.push(`列 ${visible(p.column)}`);
  return where.join(' ');
}

export function formatProblem(p: InputProblem): string {
  const hint = p.hint ? `\n    → ${visible(p.hint, true)}` : '';
  const more = p.more ? `\n    （还有${p.more}个同类问题，未逐一列出）` : '';
  return `${place(p)}: ${visible(p.message, true)}${hint}${more}`;
}

/** Problems a list stands for: each one plus those folded into it. */
export function countProblems(problems: InputProblem[]): number {
  return problems.reduce((n, p) => n + 1 + (p.more ?? 0), 0);
}

export class InputError extends Error {
  readonly problems: InputProblem[];
  /** Problems not kept at all (beyond MAX_KEPT), only counted: the message names their number. */
  readonly notKept: number;
  constructor(problems: InputProblem[], opts: { dropped?: number } = {}) {
    const dropped = opts.dropped ?? 0;
    const total = countProblems(problems) + dropped;
    const printed = problems.slice(0, MAX_PRINTED);
    const rest = total - countProblems(printed);
    super(
      total === 1
        ? formatProblem(problems[0])
        : `输入有${total}个问题：\n` + printed.map((p) => '  - ' + formatProblem(p).replace(/\n/g, '\n  ')).join('\n') + (rest > 0 ? `\n  …… 还有${rest}个问题未列出（先改正以上问题，再运行一次即可看到其余问题）` : ''),
    );
    this.name = 'InputError';
    this.problems = problems;
    this.notKept = dropped;
  }
}

/**
 * Gathers problems while a stage runs, then throws them all together. Problems with a
 * `kind` fold per file: the first SHOWN_PER_KIND are kept, the rest counted on the last
 * one kept; and no more than MAX_KEPT are kept in all, so memory stays bounded however
 * bad the input.
 */
export class ProblemList {
  private readonly kept: InputProblem[] = [];
  private readonly lastOfKind = new Map<string, { problem: InputProblem; count: number }>();
  private dropped = 0;
  private total = 0;
  add(p: InputProblem): void {
    this.total++;
    const key = p.kind === undefined ? undefined : `${p.file}\u0000${p.kind}`;
    const group = key === undefined ? undefined : this.lastOfKind.get(key);
    if (group && group.count >= SHOWN_PER_KIND) {
      group.problem.more = (group.problem.more ?? 0) + 1;
      return;
    }
    if (this.kept.length >= MAX_KEPT) {
      this.dropped++;
      return;
    }
    this.kept.push(p);
    if (key !== undefined) this.lastOfKind.set(key, { problem: p, count: (group?.count ?? 0) + 1 });
  }
  /** Every problem added, kept or not. */
  get size(): number {
    return this.total;
  }
  get items(): readonly InputProblem[] {
    return this.kept;
  }
  /** Whether a problem of this kind was reported for this file. */
  has(file: string, kind: string): boolean {
    return this.lastOfKind.has(`${file}\u0000${kind}`);
  }
  throwIfAny(): void {
    if (this.total > 0) throw new InputError(this.kept, { dropped: this.dropped });
  }
}

/** Chinese hints for the YAML parser's error codes (the codes of the `yaml` package). */
const YAML_HINTS: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: '缩进不一致：同一层的键要对齐，下一层多缩进两个空格',
  TAB_AS_INDENT: 'YAML 不允许用制表符（Tab）缩进：请改用空格',
  DUPLICATE_KEY: '同一个键写了两次：删去其中一个',
  MISSING_CHAR: '缺少配对的符号：检查引号、方括号 [ ] 和花括号 { } 是否成对',
  UNEXPECTED_TOKEN: '此处有多余或错位的符号：检查冒号、逗号、括号和引号',
  BAD_SCALAR_START: '值不能以 @ ` | > 等符号开头：请把整个值用引号括起来',
  BLOCK_AS_IMPLICIT_KEY: '键后面缺少冒号，或冒号后缺少空格：写成「键: 值」',
  MULTILINE_IMPLICIT_KEY: '键不能跨行：检查上一行是否少了冒号或引号没有闭合',
  BLOCK_IN_FLOW: '方括号或花括号内不能换行写列表：写在一行内，或改为缩进的列表',
  BAD_DQ_ESCAPE: '双引号内的反斜杠转义无效：改用单引号，或写成 \\\\',
  BAD_ALIAS: '以 * 开头的值被当作引用：请把整个值用引号括起来',
  MULTIPLE_DOCS: '文件里只能有一个文档：删去多余的 --- 分隔线',
  KEY_OVER_1024_CHARS: '键太长（超过1024个字符）：检查是否少了冒号',
};

const YAML_MESSAGES: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: '缩进错误',
  TAB_AS_INDENT: '用了制表符缩进',
  DUPLICATE_KEY: '键重复',
  MISSING_CHAR: '缺少闭合的符号',
  UNEXPECTED_TOKEN: '意外的符号',
  BAD_SCALAR_START: '值的开头无效',
  BLOCK_AS_IMPLICIT_KEY: '键的写法无效',
  MULTILINE_IMPLICIT_KEY: '键跨越了多行',
  BLOCK_IN_FLOW: '括号内的写法无效',
  BAD_DQ_ESCAPE: '转义字符无效',
  BAD_ALIAS: '引用无效',
  MULTIPLE_DOCS: '多于一个文档',
  KEY_OVER_1024_CHARS: '键太长',
};

/** One YAML parse error of any file as an input problem: file, line, column, a Chinese message and hint. */
export function yamlProblem(file: string, error: YAMLError): InputProblem {
  const pos = error.linePos?.[0];
  return {
    file,
    ...(pos ? { line: pos.line, col: pos.col } : {}),
    message: `YAML 格式错误：${YAML_MESSAGES[error.code] ?? '无法解析'}（${error.code}）`,
    hint: YAML_HINTS[error.code] ?? '检查缩进、冒号后的空格，以及引号和括号是否成对',
  };
}

/**
 * Parses YAML text of a user's file; a syntax error becomes an InputError naming the file,
 * line and column with a Chinese hint (for any YAML the tool reads: config, wording, bulletin).
 * `file` is the path as the user should see it.
 */
export function parseYamlInput(file: string, text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new InputError(doc.errors.map((e) => yamlProblem(file, e)));
  return { doc, lineCounter };
}

/** `parseYamlInput` and the plain JavaScript value. */
export function parseYamlValue(file: string, text: string): unknown {
  return parseYamlInput(file, text).doc.toJS();
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文字',
  boolean: 'true 或 false',
  array: '列表',
  object: '键值映射（键: 值）',
  tuple: '列表',
};

function describeInput(input: unknown): string {
  if (input === null) return '空值 null';
  if (Array.isArray(input)) return '列表';
  if (typeof input === 'string') return `文字"${visible(input.length > 40 ? input.slice(0, 40) + '…' : input)}"`;
  if (typeof input === 'number') return `数字 ${input}`;
  if (typeof input === 'boolean') return String(input);
  return TYPE_NAMES[typeof input] ?? typeof input;
}

/** The parts of a zod issue a Chinese message needs (zod v4's issue objects). */
interface SchemaIssue {
  code: string;
  input?: unknown;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

/**
 * A Chinese message for a schema (zod) issue of a user's YAML file: pass it as
 * `schema.safeParse(data, { error: schemaIssueMessage })`. Returns undefined for rare
 * issues, which then get zod's own Chinese locale message.
 */
export function schemaIssueMessage(issue: SchemaIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `缺少必填项（应为${TYPE_NAMES[issue.expected ?? ''] ?? issue.expected}）`;
      return `应为${TYPE_NAMES[issue.expected ?? ''] ?? issue.expected}，实际是${describeInput(issue.input)}`;
    case 'invalid_value':
      return `应为 ${(issue.values ?? []).map(String).join('、')} 之一，实际是${describeInput(issue.input)}`;
    case 'unrecognized_keys':
      return `未知的键 ${(issue.keys ?? []).map((k) => visible(k)).join('、')}（可能拼写有误）`;
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return `至少要有${issue.minimum}项`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少要有${issue.minimum}个字符`;
      return `应${issue.inclusive ? '不小于' : '大于'}${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `至多${issue.maximum}项`;
      if (issue.origin === 'string') return `至多${issue.maximum}个字符`;
      return `应${issue.inclusive ? '不大于' : '小于'}${issue.maximum}`;
    default:
      return undefined;
  }
}
