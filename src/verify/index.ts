/**
 * Fact check of FINAL text (the narrative, or text extracted from the PDF/DOCX)
 * against the facts ledger.
 *
 * The text is split into headings and sentences (see text.ts). Each sentence is
 * read by claim extractors — regular expressions over the house wording — that
 * know what a phrase asserts (a list, a superlative, a rank move, a change with
 * its unit, a count …) and check it against the ledger for the district and the
 * index the phrase is about. Context: the district is the nearest one named
 * before the phrase (or, in a sentence naming none, the district the previous
 * sentences were about); the index is the nearest index or indicator named
 * before it (or the one of the current section heading). Every number no
 * extractor claimed falls to a last rule: next to a district it must be one of
 * that district's ledger values (for the index, if named); otherwise it must be
 * a city-level value (means, counts, tier bounds, quarters).
 */
import type { Ledger } from '../facts/types.js';
import { LedgerFacts, same, type Mention } from './facts.js';
import { HEADING_PREFIX, segment } from './text.js';

export interface VerifyProblem {
  sentence: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Claims checked (each number, list, superlative, rank move …). */
  claims: number;
  problems: VerifyProblem[];
  /** Claims checked by kind (quarter, tier, list, superlative, value, rank, mean, count, change, unit, share, number, figure). */
  byKind: Record<string, number>;
}

const NUM = '-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const UP = '上升|增长|提高|增加|上涨|提升';
const DOWN = '下降|降低|减少|下滑|回落|下跌';
const UNIT = '个百分点|%|分|家|个|次|亿元';
const isUp = (verb: string) => new RegExp(`^(?:${UP}|增)`).test(verb);
const parseNum = (s: string) => Number(s.replace(/,/g, ''));
const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(2));

interface Token {
  value: number;
  start: number;
  end: number;
  consumed: boolean;
  /** Part of a quarter label (2018年第3季度): checked on its own, transparent to other claims. */
  quarter?: boolean;
}

interface Context {
  section: string;
  subject: string | null;
}

class SentenceCheck {
  readonly districts: Mention[];
  readonly targets: Mention[];
  readonly tokens: Token[];
  claims = 0;
  kind = 'number';
  readonly byKind: Record<string, number> = {};

  constructor(
    readonly s: string,
    readonly f: LedgerFacts,
    readonly ctx: Context,
    readonly problems: VerifyProblem[],
  ) {
    // Districts in a 次于 list (ranked above the subject) are not what the numbers are about.
    const excluded = [...s.matchAll(new RegExp(`次于(${f.listSource})`, 'g'))].map((m) => [m.index!, m.index! + m[0].length]);
    this.districts = f.districtMentions(s).filter((d) => !excluded.some(([a, b]) => d.start >= a && d.end <= b));
    this.targets = f.targetMentions(s);
    this.tokens = [...s.matchAll(new RegExp(NUM, 'g'))]
      .filter((m) => !/[\d.,]/.test(s[m.index! - 1] ?? ''))
      .map((m) => {
        let start = m.index!;
        let text = m[0];
        // 70-80分: a hyphen between digits is a range, not a minus.
        if (text.startsWith('-') && /\d/.test(s[start - 1] ?? '')) {
          start += 1;
          text = text.slice(1);
        }
        return { value: parseNum(text), start, end: m.index! + m[0].length, consumed: false };
      });
  }

  problem(message: string): void {
    this.problems.push({ sentence: this.s, message });
  }

  check(ok: boolean, message: string, kind = this.kind): void {
    this.claims++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (!ok) this.problem(message);
  }

  /** Runs `fn` on each match whose numbers no earlier extractor has claimed; claims them. */
  each(re: RegExp, fn: (m: RegExpMatchArray) => void): void {
    for (const m of this.s.matchAll(re)) {
      const a = m.index!;
      const b = a + m[0].length;
      const inside = this.tokens.filter((t) => t.start >= a && t.start < b && !t.quarter);
      if (inside.some((t) => t.consumed)) continue;
      inside.forEach((t) => (t.consumed = true));
      fn(m);
    }
  }

  districtBefore(pos: number): string | null {
    const before = this.districts.filter((d) => d.end <= pos);
    return before.length ? before[before.length - 1].name : this.ctx.subject;
  }

  /** The index or indicator named last before `pos`, else the section's. */
  targetBefore(pos: number): string {
    const before = this.targets.filter((t) => t.end <= pos);
    return before.length ? before[before.length - 1].name : this.ctx.section;
  }

  explicitTargetBefore(pos: number): string | null {
    const before = this.targets.filter((t) => t.end <= pos);
    return before.length ? before[before.length - 1].name : null;
  }

  /** For a phrase like 有16个区县的双创活力指数……: the index named after it in its clause, else before. */
  targetAround(pos: number): string {
    const end = this.clauseEnd(pos);
    const after = this.targets.find((t) => t.start >= pos && t.start < end);
    return after ? after.name : this.targetBefore(pos);
  }

  clauseEnd(pos: number): number {
    const rest = this.s.slice(pos).search(/[，；。：]/);
    return rest < 0 ? this.s.length : pos + rest;
  }

  clause(pos: number): string {
    const start = Math.max(this.s.lastIndexOf('，', pos - 1), this.s.lastIndexOf('：', pos - 1)) + 1;
    return this.s.slice(start, this.clauseEnd(pos));
  }
}

/** Compares a list of districts named in the text with the ledger's list. */
function checkList(sc: SentenceCheck, named: string[], expected: string[], what: string): void {
  sc.check(named.join('、') === expected.join('、'), `${what}: the text lists ${named.join('、') || '(none)'}, the ledger ${expected.join('、') || '(none)'}`);
}

function checkValue(sc: SentenceCheck, got: number, want: number | null | undefined, what: string): void {
  sc.check(want !== null && want !== undefined && same(got, want), `${what}: the text says ${fmt(got)}, the ledger ${fmt(want)}`);
}

// ————————————————————————————————————————— claim extractors —————————————————————————————————————————

function quarters(sc: SentenceCheck): void {
  sc.kind = 'quarter';
  const mark = (m: RegExpMatchArray) =>
    sc.tokens.filter((t) => t.start >= m.index! && t.start < m.index! + m[0].length).forEach((t) => ((t.consumed = true), (t.quarter = true)));
  const ok = (y: number | null, n: number | null) => sc.f.quarters.some((q) => (y === null || q.year === y) && (n === null || q.n === n));
  const cn: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
  for (const m of sc.s.matchAll(/(\d{4})年(?:第([1-4一二三四])季度)?/g)) {
    mark(m);
    const y = Number(m[1]);
    const n = m[2] ? (cn[m[2]] ?? Number(m[2])) : null;
    sc.check(ok(y, n), `quarter ${m[0]} is neither the quarter reported nor the one before`);
  }
  for (const m of sc.s.matchAll(/(?<!\d年)第([1-4])季度/g)) {
    mark(m);
    sc.check(ok(null, Number(m[1])), `quarter ${m[0]} is neither the quarter reported nor the one before`);
  }
}

function tiers(sc: SentenceCheck): boolean {
  sc.kind = 'tier';
  const m = /^第([一二三四五六七八九十]+)类：?/.exec(sc.s);
  if (!m) return false;
  const tier = sc.f.ledger.tiers.find((t) => t.name === `第${m[1]}类`);
  sc.tokens.forEach((t) => (t.consumed = true));
  if (!tier) {
    sc.check(false, `the ledger has no tier 第${m[1]}类`);
    return true;
  }
  const bounds = [...sc.s.matchAll(new RegExp(`(${NUM})(?=分|[—～~-])`, 'g'))].map((x) => parseNum(x[1]));
  const want = [tier.min, tier.max].filter((x): x is number => x !== null).sort((a, b) => a - b);
  sc.check(bounds.sort((a, b) => a - b).join() === want.join(), `${tier.name} is the tier ${tier.label}; the text gives bounds ${bounds.join('、')}`);
  const count = /有(\d+)个/.exec(sc.s);
  if (count) checkValue(sc, Number(count[1]), tier.count, `${tier.name} count`);
  else if (/没有/.test(sc.s)) sc.check(tier.count === 0, `${tier.name}: the text says no district, the ledger has ${tier.count}`);
  const list = new RegExp(`(?:为|有)：?(${sc.f.listSource})`).exec(sc.s);
  if (list || tier.count > 0) checkList(sc, list ? sc.f.listOf(list[1]) : [], tier.members.map((x) => x.district), `${tier.name} members`);
  return true;
}

function tierCount(sc: SentenceCheck): void {
  sc.kind = 'count';
  sc.each(/划分为(\d+)类/g, (m) => checkValue(sc, Number(m[1]), sc.f.ledger.tiers.length, 'number of tiers'));
}

function lists(sc: SentenceCheck): void {
  sc.kind = 'list';
  const L = sc.f.listSource;
  const T = sc.f.nodes.join('|');
  // 双创活力指数增幅较大的有：A、B、C
  sc.each(new RegExp(`(增幅|降幅)(?:较大|明显)的(?:区县)?(?:分别)?有：?(${L})`, 'g'), (m) => {
    const node = sc.targetBefore(m.index!);
    const c = sc.f.change(node);
    const up = m[1] === '增幅';
    checkList(sc, sc.f.listOf(m[2]), (up ? c?.risers : c?.fallers)?.map((x) => x.district) ?? [], `${node} ${up ? 'risers' : 'fallers'}`);
  });
  // 仅有2个区县的双创活力指数上升，分别为A和B
  sc.each(new RegExp(`(\\d+)个区县的(${T})(?:指数|得分)?(${UP}|${DOWN})，(?:分别)?为：?(${L})`, 'g'), (m) => {
    const c = sc.f.change(m[2]);
    const up = isUp(m[3]);
    checkValue(sc, Number(m[1]), up ? c?.rose : c?.fell, `${m[2]}: districts that ${up ? 'rose' : 'fell'}`);
    checkList(sc, sc.f.listOf(m[4]), (up ? c?.risers : c?.fallers)?.map((x) => x.district) ?? [], `${m[2]} ${up ? 'risers' : 'fallers'}`);
  });
  // 仅有A的双创活力指数上升
  sc.each(new RegExp(`仅有(${L})的(${T})(?:指数|得分)?(${UP}|${DOWN})`, 'g'), (m) => {
    const c = sc.f.change(m[2]);
    const up = isUp(m[3]);
    checkList(sc, sc.f.listOf(m[1]), (up ? c?.risers : c?.fallers)?.map((x) => x.district) ?? [], `${m[2]} ${up ? 'risers' : 'fallers'}`);
  });
  // A、B、C、D、E的双创活力突出，其中……最高 / ……的双创活力偏弱，其中……最低
  const hasHigh = sc.s.includes('最高');
  const hasLow = sc.s.includes('最低');
  if ((hasHigh || hasLow) && !/增幅|降幅/.test(sc.s)) {
    sc.each(new RegExp(`(${L})的(${T})(?!指数|得分)`, 'g'), (m) => {
      const n = sc.f.node(m[2]);
      const named = sc.f.listOf(m[1]);
      if (hasHigh) checkList(sc, named, n?.top.map((x) => x.district) ?? [], `${m[2]} top list`);
      else checkList(sc, named, n?.bottom.map((x) => x.district) ?? [], `${m[2]} bottom list`);
    });
  }
  // 次于A、B、C (the districts ranked above, on an indicator)
  sc.each(new RegExp(`次于(${L})`, 'g'), (m) => {
    const d = sc.districtBefore(m.index!);
    const t = sc.targetBefore(m.index!);
    if (!d) return;
    const r = sc.f.ranks(d, t);
    const ahead = sc.f.isNode(t)
      ? sc.f.ledger.districts.filter((x) => r && x.scores[t].rank < r.rank).sort((a, b) => a.scores[t].rank - b.scores[t].rank).map((x) => x.district)
      : Object.entries(sc.f.ledger.indicators[t]?.values ?? {}).filter(([, v]) => r && v.rank < r.rank).sort((a, b) => a[1].rank - b[1].rank).map(([x]) => x);
    checkList(sc, sc.f.listOf(m[1]), ahead, `districts ranked above ${d} on ${t}`);
  });
}

function superlatives(sc: SentenceCheck): void {
  sc.kind = 'superlative';
  const L = sc.f.listSource;
  const T = sc.f.nodes.join('|');
  const extreme = (node: string, kind: 'highest' | 'lowest') => sc.f.node(node)?.[kind].districts ?? [];
  // 最高的为渝北区 / 得分最高的渝北区
  sc.each(new RegExp(`最(高|低)的(?:区县)?(?:为|是)?(${L})`, 'g'), (m) => {
    const node = sc.targetBefore(m.index!);
    const kind = m[1] === '高' ? 'highest' : 'lowest';
    checkList(sc, sc.f.listOf(m[2]), extreme(node, kind), `${node} ${kind}`);
  });
  // 武隆区的双创活力指数值最低
  sc.each(new RegExp(`(${L})的(${T})?(?:指数)?(?:值|得分)?(?:并列)?最(高|低)`, 'g'), (m) => {
    const node = m[2] ?? sc.targetBefore(m.index!);
    const kind = m[3] === '高' ? 'highest' : 'lowest';
    checkList(sc, sc.f.listOf(m[1]), extreme(node, kind), `${node} ${kind}`);
  });
  const biggest = (node: string, up: boolean) => (up ? sc.f.change(node)?.biggestRise : sc.f.change(node)?.biggestFall)?.districts ?? [];
  // 其中大渡口区增幅最大
  sc.each(new RegExp(`(${L})(?:的(?:${T})?(?:指数|得分)?)?(增幅|降幅)(?:并列)?最大`, 'g'), (m) => {
    const node = sc.targetBefore(m.index!);
    const up = m[2] === '增幅';
    checkList(sc, sc.f.listOf(m[1]), biggest(node, up), `${node} largest ${up ? 'rise' : 'fall'}`);
  });
  // 增幅最大的大渡口区
  sc.each(new RegExp(`(增幅|降幅)(?:并列)?最大的(${L})`, 'g'), (m) => {
    const node = sc.targetBefore(m.index!);
    const up = m[1] === '增幅';
    checkList(sc, sc.f.listOf(m[2]), biggest(node, up), `${node} largest ${up ? 'rise' : 'fall'}`);
  });
  // ……，是全市双创指数增幅最大的区县
  sc.each(new RegExp(`是全市(${T})?(?:得分)?(增幅|降幅)最大的区县`, 'g'), (m) => {
    const d = sc.districtBefore(m.index!);
    const node = m[1] ?? sc.targetBefore(m.index!);
    const up = m[2] === '增幅';
    const want = biggest(node, up);
    sc.check(d !== null && want.includes(d), `${node} largest ${up ? 'rise' : 'fall'}: the text names ${d ?? '(no district)'}, the ledger ${want.join('、') || '(none)'}`);
  });
  // 其中双创活力指数增幅最大 (among one district's first-level indices)
  sc.each(new RegExp(`其中(${sc.f.ledger.meta.firstLevel.join('|')})(?:指数)?(增幅|降幅)最大`, 'g'), (m) => {
    const d = sc.districtBefore(m.index!);
    if (!d) return;
    const up = m[2] === '增幅';
    const pcts = sc.f.ledger.meta.firstLevel
      .map((n) => ({ n, p: sc.f.score(d, n)?.pct ?? null }))
      .filter((x): x is { n: string; p: number } => x.p !== null && (up ? x.p > 0 : x.p < 0));
    const max = Math.max(...pcts.map((x) => Math.abs(x.p)));
    const top = pcts.filter((x) => Math.abs(x.p) === max).map((x) => x.n);
    sc.check(top.length === 1 && top[0] === m[1], `${d}: the first-level index with the largest ${up ? 'rise' : 'fall'} is ${top.join('、') || '(none)'}, not ${m[1]}`);
  });
}

function values(sc: SentenceCheck): void {
  sc.kind = 'value';
  // 从2018年第2季度的86.67分上升到88.59分
  sc.each(new RegExp(`(?:从|由)(?:\\d{4}年第\\d季度的|上季度的)?(${NUM})(?:${UNIT})?(${UP}|${DOWN})(?:到|至)(${NUM})`, 'g'), (m) => {
    const d = sc.districtBefore(m.index!);
    const t = sc.targetBefore(m.index!);
    if (!d) return sc.check(false, `a change from ${m[1]} to ${m[3]} without a district`);
    const [prev, now] = sc.f.isNode(t) ? [sc.f.score(d, t)?.previousScore, sc.f.score(d, t)?.score] : [sc.f.indicator(d, t)?.previousValue, sc.f.indicator(d, t)?.value];
    checkValue(sc, parseNum(m[1]), prev, `${d} ${t} last quarter`);
    checkValue(sc, parseNum(m[3]), now, `${d} ${t} this quarter`);
    sc.check(isUp(m[2]) === parseNum(m[3]) > parseNum(m[1]), `${d} ${t}: "${m[2]}" from ${m[1]} to ${m[3]}`);
  });
}

function ranks(sc: SentenceCheck): void {
  sc.kind = 'rank';
  const who = (pos: number) => {
    const d = sc.districtBefore(pos);
    const t = sc.targetBefore(pos);
    return { d, t, r: d ? sc.f.ranks(d, t) : undefined };
  };
  // （江北区和沙坪坝区并列第5位）: every district of the list holds that shared rank.
  sc.each(new RegExp(`(${sc.f.listSource})（?并列(?:全市)?第(\\d+)位`, 'g'), (m) => {
    const t = sc.targetBefore(m.index!);
    const named = sc.f.listOf(m[1]);
    for (const d of named) {
      const r = sc.f.ranks(d, t);
      sc.check(!!r && r.rank === Number(m[2]) && (named.length > 1 || r.tied), `${d} ${t}: the text says 并列第${m[2]}位, the ledger ${r ? `${r.tied ? '并列' : ''}第${r.rank}位` : '(none)'}`);
    }
  });
  sc.each(/从(并列)?第(\d+)位(上升|下降|提升|回落)(?:到|至)(并列)?第(\d+)位/g, (m) => {
    const { d, t, r } = who(m.index!);
    if (!d || !r) return sc.check(false, `a rank move of ${t} without a district`);
    checkValue(sc, Number(m[2]), r.previousRank, `${d} ${t} rank last quarter`);
    checkValue(sc, Number(m[5]), r.rank, `${d} ${t} rank`);
    sc.check(isUp(m[3]) === Number(m[5]) < Number(m[2]), `${d} ${t}: a move from 第${m[2]}位 to 第${m[5]}位 is not "${m[3]}"`);
    if (m[1]) sc.check(r.previousTied, `${d} ${t}: last quarter's rank was not shared (并列)`);
    if (m[4]) sc.check(r.tied, `${d} ${t}: the rank is not shared (并列)`);
  });
  sc.each(/(?:仍居|仍为|保持在|继续位居|仍位居|仍列)(?:全市)?(并列)?第(\d+)位/g, (m) => {
    const { d, t, r } = who(m.index!);
    if (!d || !r) return sc.check(false, `a rank of ${t} without a district`);
    checkValue(sc, Number(m[2]), r.rank, `${d} ${t} rank`);
    sc.check(r.previousRank === r.rank, `${d} ${t}: the rank moved from 第${r.previousRank}位 to 第${r.rank}位, it did not stay`);
  });
  sc.each(/排名保持不变/g, (m) => {
    const { d, t, r } = who(m.index!);
    if (d && r) sc.check(r.previousRank === r.rank, `${d} ${t}: the rank moved from 第${r.previousRank}位 to 第${r.rank}位, it did not stay`);
  });
  sc.each(/(?:(?:居|位列|位居|排名|排在|排|列)(?:全市)?(?:的)?(并列)?|(并列)(?:全市)?)第(\d+)位?/g, (m) => {
    const { d, t, r } = who(m.index!);
    if (!d || !r) return sc.check(false, `a rank of ${t} without a district`);
    checkValue(sc, Number(m[3]), r.rank, `${d} ${t} rank`);
    if (m[1] || m[2]) sc.check(r.tied, `${d} ${t}: 第${r.rank}位 is not shared (并列)`);
  });
  sc.each(/第(\d+)位/g, (m) => {
    const { d, t, r } = who(m.index!);
    if (!d || !r) return sc.check(false, `a rank 第${m[1]}位 without a district`);
    const n = Number(m[1]);
    sc.check(n === r.rank || n === r.previousRank, `${d} ${t} rank: the text says 第${n}位, the ledger 第${r.rank}位 (last quarter 第${fmt(r.previousRank)}位)`);
    if (sc.s.slice(Math.max(0, m.index! - 2), m.index!) === '并列') sc.check(n === r.rank ? r.tied : r.previousTied, `${d} ${t}: 第${n}位 is not shared (并列)`);
  });
}

function means(sc: SentenceCheck): void {
  sc.kind = 'mean';
  sc.each(new RegExp(`平均(${UP}|${DOWN})了?(${NUM})(%|分)?`, 'g'), (m) => {
    const t = sc.targetBefore(m.index!);
    const c = sc.f.change(t);
    const sign = isUp(m[1]) ? 1 : -1;
    if (m[3] === '分') checkValue(sc, sign * parseNum(m[2]), c?.meanDiff, `${t} mean change in points`);
    else checkValue(sc, sign * parseNum(m[2]), c?.meanPct, `${t} mean % change`);
  });
  sc.each(new RegExp(`平均(?:变化率|增长率|增幅)为(${NUM})%`, 'g'), (m) => {
    const t = sc.targetBefore(m.index!);
    checkValue(sc, parseNum(m[1]), sc.f.change(t)?.meanPct, `${t} mean % change`);
  });
  sc.each(/整体(?:有所|呈)?(上升|下降|增长|回落)|整体基本持平/g, (m) => {
    const t = sc.targetBefore(m.index!);
    const c = sc.f.change(t);
    const said = m[1] ? (isUp(m[1]) ? 'up' : 'down') : 'flat';
    sc.check(c?.direction === said, `${t}: the text says the index went ${said} overall, the ledger ${c?.direction ?? '(no change)'}`);
  });
  sc.each(/(?:幅度|增幅|降幅|增长率|变化率|增速)[^，；。]*?高于平均分/g, () =>
    sc.check(false, 'compares a rate of change with an average score (高于平均分); say 高于平均增幅 / 平均水平', 'unit'),
  );
}

function counts(sc: SentenceCheck): void {
  sc.kind = 'count';
  sc.each(/没有区县的?[^，；。]*/g, (m) => {
    const t = sc.targetAround(m.index!);
    const c = sc.f.change(t);
    const text = m[0];
    if (/高于平均/.test(text)) checkValue(sc, 0, c?.aboveMean, `${t}: districts above the mean change`);
    else if (new RegExp(UP).test(text)) checkValue(sc, 0, c?.rose, `${t}: districts that rose`);
    else if (new RegExp(DOWN).test(text)) checkValue(sc, 0, c?.fell, `${t}: districts that fell`);
  });
  sc.each(/(全市|各)?(\d+)个区县(平均)?/g, (m) => {
    const n = Number(m[2]);
    if (m[1] || m[3]) return checkValue(sc, n, sc.f.ledger.meta.districtCount, 'number of districts');
    const t = sc.targetAround(m.index!);
    const c = sc.f.change(t);
    const clause = sc.s.slice(m.index!, sc.clauseEnd(m.index!));
    if (/高于平均/.test(clause)) checkValue(sc, n, c?.aboveMean, `${t}: districts whose change exceeds the mean change`);
    else if (/持平/.test(clause)) checkValue(sc, n, c?.same, `${t}: districts unchanged`);
    else if (new RegExp(UP).test(clause)) checkValue(sc, n, c?.rose, `${t}: districts that rose`);
    else if (new RegExp(DOWN).test(clause)) checkValue(sc, n, c?.fell, `${t}: districts that fell`);
    else sc.check(sc.f.levelValues.includes(n), `${n}个区县 matches no count of the ledger`);
  });
}

function changes(sc: SentenceCheck): void {
  sc.kind = 'change';
  const subject = (pos: number) => ({ d: sc.districtBefore(pos), t: sc.targetBefore(pos) });
  sc.each(new RegExp(`占全市(?:总量|总数)?的(${NUM})%`, 'g'), (m) => {
    const { d, t } = subject(m.index!);
    if (!d) return sc.check(false, 'a share of the city total without a district');
    sc.kind = 'share';
    checkValue(sc, parseNum(m[1]), sc.f.isNode(t) ? undefined : sc.f.indicator(d, t)?.share, `${d} ${t} share of the city total`);
    sc.kind = 'change';
  });
  const pctOf = (d: string, t: string) => (sc.f.isNode(t) ? sc.f.score(d, t)?.pct : sc.f.indicator(d, t)?.pct);
  const diffOf = (d: string, t: string) => (sc.f.isNode(t) ? sc.f.score(d, t)?.diff : sc.f.indicator(d, t)?.diff);
  const rateInPct = (t: string) => sc.f.kindOf(t) === 'rate';
  // 增幅为6.87% / 降幅为7.03%
  sc.each(new RegExp(`(增幅|降幅|增长幅度|上升幅度|下降幅度|降低幅度)(?:均)?(?:为|达到|达|是)?(${NUM})%`, 'g'), (m) => {
    const { d, t } = subject(m.index!);
    if (!d) return sc.check(false, `a % change of ${t} without a district`);
    if (rateInPct(t)) return sc.check(false, `${t} is a rate: its change is stated in 个百分点, not %`, 'unit');
    const sign = /^[增上]/.test(m[1]) ? 1 : -1;
    checkValue(sc, sign * parseNum(m[2]), pctOf(d, t), `${d} ${t} % change`);
  });
  // 上升了4.04分 / 环比增长6.87% / 提高了70.23个百分点
  sc.each(new RegExp(`(${UP}|${DOWN})了?(${NUM})(${UNIT})?`, 'g'), (m) => {
    const { d, t } = subject(m.index!);
    const sign = isUp(m[1]) ? 1 : -1;
    const x = sign * parseNum(m[2]);
    const unit = m[3] ?? '';
    if (unit === '个百分点') {
      if (!rateInPct(t)) return sc.check(false, `${t} is not a rate: 个百分点 is for the change of a rate (a score or count changes in 分/% or its unit)`, 'unit');
      if (!d) return sc.check(false, `a change of ${t} without a district`);
      return checkValue(sc, x, diffOf(d, t), `${d} ${t} change in 个百分点`);
    }
    if (unit === '%' && rateInPct(t)) return sc.check(false, `${t} is a rate: its change is stated in 个百分点, not %`, 'unit');
    if (!d) return sc.check(sc.f.levelValues.some((v) => same(Math.abs(v), Math.abs(x))), `a change of ${fmt(x)}${unit} without a district matches no city-level value`);
    if (unit === '%') return checkValue(sc, x, pctOf(d, t), `${d} ${t} % change`);
    if (unit === '') {
      const ok = [pctOf(d, t), diffOf(d, t)].some((v) => v !== null && v !== undefined && same(v, x));
      return sc.check(ok, `${d} ${t} change: the text says ${fmt(x)}, the ledger ${fmt(diffOf(d, t))} (${fmt(pctOf(d, t))}%)`);
    }
    checkValue(sc, x, diffOf(d, t), `${d} ${t} change in ${unit}`);
  });
  // 与上季度持平
  sc.each(/(?:与|较)(?:上季度|\d{4}年第\d季度)持平/g, (m) => {
    if (/个区县/.test(sc.clause(m.index!))) return;
    const { d, t } = subject(m.index!);
    if (d) checkValue(sc, 0, diffOf(d, t), `${d} ${t} change`);
  });
}

/** Every number no extractor claimed must be a ledger value of its district (and index), or a city-level value. */
function fallback(sc: SentenceCheck): void {
  sc.kind = 'number';
  for (const tok of sc.tokens.filter((t) => !t.consumed)) {
    tok.consumed = true;
    const inSentence = sc.districts.filter((d) => d.end <= tok.start);
    const d = inSentence.length ? inSentence[inSentence.length - 1].name : null;
    const t = sc.explicitTargetBefore(tok.start);
    const match = (vs: number[]) => vs.some((v) => same(v, tok.value));
    if (d) {
      const vs = t ? sc.f.valuesOf(d, t) : sc.f.allValuesOf(d);
      sc.check(match(vs), `${fmt(tok.value)} is no ledger value of ${d}${t ? ` for ${t}` : ''}`);
    } else if (sc.ctx.subject) {
      const vs = [...(t ? sc.f.valuesOf(sc.ctx.subject, t) : sc.f.allValuesOf(sc.ctx.subject)), ...sc.f.levelValues];
      sc.check(match(vs), `${fmt(tok.value)} is no ledger value of ${sc.ctx.subject}${t ? ` for ${t}` : ''} nor a city-level value`);
    } else sc.check(match(sc.f.levelValues), `${fmt(tok.value)} is no city-level value of the ledger (means, counts, tier bounds)`);
  }
}

/** Figures must be numbered in order of first mention (图1 before 图2 …). */
function figureOrder(text: string, problems: VerifyProblem[]): number {
  const seen: number[] = [];
  // Per line, before whitespace is removed: "图2 2018年……" is figure 2.
  for (const m of text.matchAll(/图[ \t\u3000]*(\d+)/g)) {
    const n = Number(m[1]);
    if (!seen.includes(n)) seen.push(n);
  }
  for (let i = 1; i < seen.length; i++)
    if (seen[i] < seen[i - 1]) problems.push({ sentence: `图${seen[i]}`, message: `图${seen[i]} appears after 图${seen[i - 1]}: figures must be numbered in order of first mention` });
  return seen.length ? 1 : 0;
}

export function verifyText(text: string, ledger: Ledger): VerifyReport {
  const f = new LedgerFacts(ledger);
  const problems: VerifyProblem[] = [];
  let claims = figureOrder(text, problems);
  const byKind: Record<string, number> = claims ? { figure: claims } : {};
  const ctx: Context = { section: ledger.meta.root, subject: null };
  const sectionOf = (s: string) => f.targetMentions(s).find((m) => f.isNode(m.name))?.name;

  for (const unit of segment(text)) {
    if (unit.kind === 'heading') {
      const n = sectionOf(unit.text);
      if (n) ctx.section = n;
      ctx.subject = null;
      continue;
    }
    let s = unit.text.replace(/[图表]\d+/g, '');
    // A heading run into its first sentence: it sets the section.
    if (HEADING_PREFIX.test(s)) {
      const n = sectionOf(s);
      if (n) ctx.section = n;
      ctx.subject = null;
    }
    s = s.replace(/^（[一二三四五六七八九十]+）/, '');
    const sc = new SentenceCheck(s, f, ctx, problems);
    // Sentences that name no district, index or 区县 are not about the ledger (titles, bylines, other articles).
    if (!sc.districts.length && !sc.targets.length && !/区县|全市/.test(s)) continue;
    quarters(sc);
    if (!tiers(sc)) {
      tierCount(sc);
      lists(sc);
      superlatives(sc);
      values(sc);
      ranks(sc);
      means(sc);
      counts(sc);
      changes(sc);
      fallback(sc);
    }
    claims += sc.claims;
    for (const [k, v] of Object.entries(sc.byKind)) byKind[k] = (byKind[k] ?? 0) + v;
    // The district later sentences are about: the last one named, until a city-wide sentence.
    if (/\d+个区县/.test(s)) ctx.subject = null;
    else if (sc.districts.length) ctx.subject = sc.districts[sc.districts.length - 1].name;
  }
  return { ok: problems.length === 0, claims, problems, byKind };
}

export { segment, splitSentences, normaliseChars } from './text.js';
