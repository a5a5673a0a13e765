import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The words the fact check understands, by what they assert. The wording above
 * (verbs, adjectives, rank moves) must use words of this lexicon, so that a word an
 * editor puts in wording.yaml is always read by the check as what it says.
 */
export const DEFAULT_LEXICON = {
  up: ['上升', '增长', '提高', '增加', '上涨', '提升', '升高', '回升', '攀升', '上扬', '走高'],
  down: ['下降', '降低', '减少', '下滑', '回落', '下跌', '走低', '下挫'],
  flat: ['持平', '不变'],
  strong: ['突出', '相对优良', '显著', '表现突出', '较强', '领先', '较好', '优良', '较高', '靠前'],
  weak: ['偏弱', '有待改善', '较低', '表现偏弱', '较弱', '落后', '较差', '靠后', '有待提高', '有待提升'],
};

const verbSet = z.object({ up: z.string(), down: z.string(), flat: z.string() });
const adjectives = z.object({ strong: z.string(), weak: z.string() });

export const wordingSchema = z.object({
  join: z.object({ separator: z.string().default('、'), last: z.string().default('和'), shortList: z.number().int().min(0).default(3) }).prefault({}),
  numbers: z.object({ thousands: z.string().default(','), groupFrom: z.number().int().positive().default(10000), minus: z.string().default('-') }).prefault({}),
  rangeDash: z.string().default('—'),
  verbs: z
    .object({
      score: verbSet.default({ up: '上升', down: '下降', flat: '持平' }),
      growth: verbSet.default({ up: '增长', down: '下降', flat: '持平' }),
      rate: verbSet.default({ up: '提高', down: '下降', flat: '持平' }),
      count: verbSet.default({ up: '增加', down: '减少', flat: '持平' }),
    })
    .prefault({}),
  rankMove: z
    .object({
      up: z.string().default('从{from}上升到{to}'),
      down: z.string().default('从{from}下降到{to}'),
      keepTop: z.string().default('仍居{to}'),
      keep: z.string().default('保持不变，仍为{to}'),
    })
    .prefault({}),
  few: z.number().int().min(0).default(5),
  nodes: z.record(z.string(), adjectives).default({}),
  defaultNode: adjectives.default({ strong: '表现突出', weak: '表现偏弱' }),
  roles: z.object({ top: z.string(), riser: z.string(), faller: z.string() }).default({ top: '得分最高', riser: '增幅最大', faller: '降幅最大' }),
  lexicon: z
    .object({
      up: z.array(z.string().min(2)).default(DEFAULT_LEXICON.up),
      down: z.array(z.string().min(2)).default(DEFAULT_LEXICON.down),
      flat: z.array(z.string().min(2)).default(DEFAULT_LEXICON.flat),
      strong: z.array(z.string().min(2)).default(DEFAULT_LEXICON.strong),
      weak: z.array(z.string().min(2)).default(DEFAULT_LEXICON.weak),
    })
    .prefault({}),
});

export type Wording = z.infer<typeof wordingSchema>;

export const WORDING_FILE = 'wording.yaml';

/** Reads `wording.yaml` from the templates folder (every field has a default). */
export function loadWording(templatesDir: string): Wording {
  const path = join(templatesDir, WORDING_FILE);
  const raw = existsSync(path) ? parse(readFileSync(path, 'utf8')) : {};
  const parsed = wordingSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${path}: invalid wording data: ${issues}`);
  }
  const problems = lexiconProblems(parsed.data);
  if (problems.length) throw new Error(`${path}: ${problems.join('；')}`);
  return parsed.data;
}

/**
 * Words of the wording that the lexicon does not hold, or holds with the opposite
 * meaning: such a word would print a claim the fact check reads wrongly or not at all.
 */
export function lexiconProblems(w: Wording): string[] {
  const out: string[] = [];
  const lex = w.lexicon;
  const sense = (word: string) => (['up', 'down', 'flat'] as const).find((k) => lex[k].includes(word));
  for (const [set, verbs] of Object.entries(w.verbs))
    for (const dir of ['up', 'down', 'flat'] as const) {
      const word = verbs[dir];
      const got = sense(word);
      if (got !== dir)
        out.push(
          got ? `verbs.${set}.${dir}「${word}」在 lexicon.${got} 中，意思相反；请换用 lexicon.${dir} 中的词` : `verbs.${set}.${dir}「${word}」不是事实核查认识的词；请把它加入 lexicon.${dir}，或换用 lexicon.${dir} 中的词（${lex[dir].join('、')}）`,
        );
    }
  const adjectives = [...Object.entries(w.nodes).map(([n, a]) => [`nodes.${n}`, a] as const), ['defaultNode', w.defaultNode] as const];
  for (const [where, a] of adjectives)
    for (const kind of ['strong', 'weak'] as const) {
      const other = kind === 'strong' ? 'weak' : 'strong';
      if (lex[other].includes(a[kind])) out.push(`${where}.${kind}「${a[kind]}」在 lexicon.${other} 中，意思相反`);
      else if (!lex[kind].includes(a[kind])) out.push(`${where}.${kind}「${a[kind]}」不是事实核查认识的词；请把它加入 lexicon.${kind}`);
    }
  // Numbers must read back as the numbers they are (GB/T 15835): a minus that is a minus, a 千分撇 that is no decimal point.
  if (!['-', '−', '－'].includes(w.numbers.minus)) out.push(`numbers.minus「${w.numbers.minus}」不是负号；请用 -`);
  if (/[.\d．]/.test(w.numbers.thousands)) out.push(`numbers.thousands「${w.numbers.thousands}」会被读成小数点或数字；请用 , 或留空`);
  // The typical districts are chosen as the highest, the largest rise and the largest fall: their role words must say so.
  if (!w.roles.top.includes('最高')) out.push(`roles.top「${w.roles.top}」：典型区县是得分最高的区县，须含“最高”`);
  if (!/(增幅|增长|上升)最大/.test(w.roles.riser)) out.push(`roles.riser「${w.roles.riser}」：典型区县是增幅最大的区县，须含“增幅最大”`);
  if (!/(降幅|下降)最大/.test(w.roles.faller)) out.push(`roles.faller「${w.roles.faller}」：典型区县是降幅最大的区县，须含“降幅最大”`);
  const moves: [keyof Wording['rankMove'], 'up' | 'down' | null][] = [
    ['up', 'up'],
    ['down', 'down'],
    ['keepTop', null],
    ['keep', null],
  ];
  for (const [key, dir] of moves) {
    const pattern = w.rankMove[key];
    // 升至/降至 ({from}升至{to}) read as up/down as well.
    const senses = (['up', 'down'] as const).filter((d) => lex[d].some((x) => pattern.includes(x)) || pattern.includes(d === 'up' ? '升至' : '降至'));
    if (dir && !senses.includes(dir)) out.push(`rankMove.${key}「${pattern}」没有 lexicon.${dir} 中的词`);
    if (senses.some((d) => d !== dir)) out.push(`rankMove.${key}「${pattern}」含有意思相反的词`);
  }
  return out;
}
