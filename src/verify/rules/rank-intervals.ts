/**
 * What the rank intervals of the robustness simulation support (src/method/robustness.ts,
 * facts.json `robustness`), in a sentence about the simulation (模拟, 排名区间, 稳健):
 *
 *   在全部1000次模拟中，渝北区始终位居第1位      runs; best = worst = 1
 *   在90%以上的模拟中，渝北区位居第1位 / 前3位    the share, from the quantiles the ledger holds
 *   排名区间为第16—34位、中位排名为第18位          the 5 %–95 % interval, the median rank
 *   有37个区县的排名区间跨度不超过3位              the count of intervals spanning ≤ (<, >) K ranks
 *   排名区间最宽的是荣昌区                         the widest interval
 *   变化区间（5%—95%）                             the percentiles the interval is made of
 *
 * The ledger holds each district's 5th, 50th and 95th percentile and its best and worst
 * rank, so a share of runs is true when a quantile proves it, false when one refutes it,
 * and otherwise unverifiable. With no simulation (robustness switched off) every such
 * claim is unverifiable: the build stops naming the sentence.
 */
import type { RankIntervalFact, RobustnessFacts } from '../../facts/types.js';
import type { SentenceCheck } from '../sentence.js';
import { NUM } from '../sentence.js';
import { rule } from './rule.js';

type Cmp = 'le' | 'lt' | 'gt';

type IntervalClaim =
  | { form: 'runs'; at: number; n: number }
  | { form: 'percentiles'; at: number; low: number; high: number }
  | { form: 'always'; at: number; rank: number; top: boolean }
  | { form: 'share'; at: number; pct: number; rank: number; top: boolean }
  | { form: 'interval'; at: number; low: number; high: number }
  | { form: 'median'; at: number; rank: number }
  | { form: 'count'; at: number; n: number | 'all'; cmp: Cmp; within: number }
  | { form: 'widest'; at: number; named: string[] };

const ABOUT = /模拟|排名区间|区间跨度|中位排名|稳健/;
const DASH = '[—–\\-～~至到]';
const RANK_VERB = '(?:位居|位列|排名|排在|居于|居|保持在|保持|处于|列)(?:全市)?';

function cmpOf(word: string): Cmp {
  return /超过|大于|多于/.test(word) && !/不超过|不大于|不多于/.test(word) ? 'gt' : /小于|少于/.test(word) ? 'lt' : 'le';
}

const spanOk = (f: RankIntervalFact, cmp: Cmp, k: number) => (cmp === 'le' ? f.high - f.low <= k : cmp === 'lt' ? f.high - f.low < k : f.high - f.low > k);
const CMP_WORD: Record<Cmp, string> = { le: '不超过', lt: '小于', gt: '超过' };

/**
 * Whether at least pct % of the runs gave the district rank `rank` (top: rank ≤ `rank`):
 * true or false when one of the ledger's quantiles decides it, null when none does.
 */
export function shareHolds(f: RankIntervalFact, pct: number, rank: number, top: boolean): boolean | null {
  if (top) {
    // share(rank ≤ N) ≥ q is proved by the q-quantile ≤ N and refuted by it > N.
    const quantiles: [number, number][] = [
      [100, f.worst],
      [95, f.high],
      [50, f.median],
      [5, f.low],
    ];
    for (const [q, v] of quantiles) if (pct <= q && v <= rank) return true;
    for (const [q, v] of quantiles) if (pct >= q && v > rank) return false;
    return pct > 0 && f.best > rank ? false : null;
  }
  if (f.best === rank && f.worst === rank) return true;
  if (pct <= 90 && f.low === rank && f.high === rank) return true; // both tails hold < 5 % each
  if (pct >= 100) return false;
  if (pct > 5 && (f.high < rank || f.low > rank)) return false; // ≥ 95 % of the runs lie on one side of it
  if (pct > 50 && f.median !== rank) return false;
  return null;
}

function readRankClaims(sc: SentenceCheck, out: IntervalClaim[]): void {
  const allRuns = /在?(?:全部|所有|每一?次)(?:\d+次)?(?:随机)?模拟/.test(sc.s);
  sc.each(new RegExp(`(?:进行了?|共|全部|所有)?(${NUM})次(?:随机)?模拟`, 'g'), (m) => out.push({ form: 'runs', at: m.index!, n: Number(m[1]) }));
  sc.each(new RegExp(`(${NUM})%${DASH}(${NUM})%`, 'g'), (m) => out.push({ form: 'percentiles', at: m.index!, low: Number(m[1]), high: Number(m[2]) }));
  // 在90%以上的模拟中，渝北区位居第1位 / 前3位
  sc.each(new RegExp(`(${NUM})%(?:以上)?的(?:随机)?模拟(?:结果)?中[^；。]*?(?:${RANK_VERB})?(前|第)(\\d+)(?:位|名)(?:以内|之内)?`, 'g'), (m) =>
    out.push({ form: 'share', at: m.index! + m[0].length, pct: Number(m[1]), rank: Number(m[3]), top: m[2] === '前' }),
  );
  // 始终位居第1位 (or any rank phrase under 在全部模拟中); a plain 排名第1位 is the printed rank: left to the rank rule.
  const always = (m: RegExpMatchArray) => allRuns || /始终|一直|均|都|每次/.test(m[0]);
  sc.each(
    new RegExp(`(?:(?:始终|一直|均|都|每次都?)(?:${RANK_VERB})?|${RANK_VERB})(前|第)(\\d+)(?:位|名)(?:以内|之内)?`, 'g'),
    (m) => out.push({ form: 'always', at: m.index! + m[0].length, rank: Number(m[2]), top: m[1] === '前' }),
    (m) => !always(m),
  );
  sc.each(new RegExp(`(?:区间|范围)(?:为|是|在)?[（(]?第?(\\d+)(?:位)?${DASH}第?(\\d+)位|[（(]第(\\d+)(?:位)?${DASH}第?(\\d+)位[）)]`, 'g'), (m) => out.push({ form: 'interval', at: m.index!, low: Number(m[1] ?? m[3]), high: Number(m[2] ?? m[4]) }));
  sc.each(/中位(?:数)?排名(?:为|是)?第(\d+)位/g, (m) => out.push({ form: 'median', at: m.index!, rank: Number(m[1]) }));
}

function readCountClaims(sc: SentenceCheck, out: IntervalClaim[]): void {
  const span = '(?:排名)?(?:区间|变化区间|排名区间)(?:的)?跨度(?:均|都)?';
  const cmp = '(不超过|不大于|小于|少于|超过|大于|在)';
  sc.each(new RegExp(`(?:有)?(\\d+)个区县的[^，；。]*?${span}${cmp}(\\d+)(?:个)?位(以内|之内)?`, 'g'), (m) => out.push({ form: 'count', at: m.index!, n: Number(m[1]), cmp: cmpOf(m[2]), within: Number(m[3]) }));
  sc.each(new RegExp(`${span}${cmp}(\\d+)(?:个)?位(?:以内|之内)?的区县(?:共有|共|有|为)(\\d+)个`, 'g'), (m) => out.push({ form: 'count', at: m.index!, n: Number(m[3]), cmp: cmpOf(m[1]), within: Number(m[2]) }));
  sc.each(new RegExp(`(?:各|所有|全部)区县的[^，；。]*?${span}${cmp}(\\d+)(?:个)?位`, 'g'), (m) => out.push({ form: 'count', at: m.index!, n: 'all', cmp: cmpOf(m[1]), within: Number(m[2]) }));
  const widest = `(?:排名区间|区间|排名)(?:跨度)?最(?:宽|大|不稳定|不确定)|排名(?:的)?(?:不确定性|波动)最大`;
  sc.each(new RegExp(`(?:${widest})的(?:区县)?(?:是|为)(${sc.f.listSource})`, 'g'), (m) => out.push({ form: 'widest', at: m.index!, named: sc.f.listOf(m[1]) }));
  sc.each(new RegExp(`(${sc.f.listSource})的(?:${widest})`, 'g'), (m) => out.push({ form: 'widest', at: m.index!, named: sc.f.listOf(m[1]) }));
}

function intervalOf(sc: SentenceCheck, rob: RobustnessFacts, node: string, at: number): RankIntervalFact | null {
  const d = sc.districtBefore(at);
  return d ? (rob.nodes[node]?.intervals.find((i) => i.district === d) ?? null) : null;
}

function checkDistrictClaim(sc: SentenceCheck, rob: RobustnessFacts, node: string, c: Extract<IntervalClaim, { form: 'always' | 'share' | 'interval' | 'median' }>): void {
  const f = intervalOf(sc, rob, node, c.at);
  if (!f) return sc.unverifiable(`${node}的排名区间没有说明是哪个区县`);
  const who = `${f.district}${node}`;
  if (c.form === 'interval') {
    const toks = sc.tokens.filter((t) => t.start >= c.at && !t.quarter).slice(0, 2);
    for (const [tok, measure] of [
      [toks[0], 'rankLow'],
      [toks[1], 'rankHigh'],
    ] as const)
      sc.crossCheck(tok, { district: f.district, target: node, measure });
    return sc.check(c.low === f.low && c.high === f.high, `${who}排名的5%—95%区间：文中为第${c.low}—${c.high}位，台账为第${f.low}—${f.high}位`);
  }
  if (c.form === 'median') return sc.value(c.rank, f.median, `${who}的中位排名`);
  if (c.form === 'always') {
    const ok = c.top ? f.worst <= c.rank : f.best === c.rank && f.worst === c.rank;
    return sc.check(ok, `${who}在全部模拟中的排名为第${f.best}—${f.worst}位，并非始终${c.top ? '位居前' : '位居第'}${c.rank}位`);
  }
  const holds = shareHolds(f, c.pct, c.rank, c.top);
  const said = `在${c.pct}%的模拟中${c.top ? '位居前' : '位居第'}${c.rank}位`;
  if (holds === null) return sc.unverifiable(`台账只有${who}排名的5%、50%、95%分位和最好、最差名次（第${f.low}、${f.median}、${f.high}位，第${f.best}—${f.worst}位），无法判断“${said}”`);
  sc.check(holds, `${who}${said}与台账不符：5%—95%区间为第${f.low}—${f.high}位，中位排名第${f.median}位，全部模拟中为第${f.best}—${f.worst}位`);
}

export const rankIntervals = rule<IntervalClaim>({
  kind: 'rank-interval',
  read(sc) {
    const out: IntervalClaim[] = [];
    if (!ABOUT.test(sc.s)) return out;
    readCountClaims(sc, out);
    readRankClaims(sc, out);
    return out;
  },
  check(sc, c) {
    const node = sc.targetBefore(c.at);
    const rob = sc.f.ledger.robustness;
    if (!rob?.nodes[node]) return sc.unverifiable(`台账没有${node}的排名稳健性模拟结果（模拟未运行），无法核实`);
    const intervals = rob.nodes[node].intervals;
    switch (c.form) {
      case 'runs':
        sc.crossCheck(
          sc.tokens.find((t) => t.start >= c.at && t.value === c.n),
          { target: node, measure: 'runs' },
        );
        return sc.value(c.n, rob.runs, '模拟次数');
      case 'percentiles':
        return sc.check(c.low === 5 && c.high === 95, `台账的排名区间为5%—95%分位，文中为${c.low}%—${c.high}%`);
      case 'count': {
        const want = intervals.filter((f) => spanOk(f, c.cmp, c.within)).length;
        const what = `${node}排名区间跨度${CMP_WORD[c.cmp]}${c.within}位的区县数`;
        if (c.n === 'all') return sc.check(want === intervals.length, `${what}为${want}个，并非全部${intervals.length}个区县`);
        return sc.value(c.n, want, what);
      }
      case 'widest':
        return sc.list(c.named, rob.widest[node].districts, `${node}排名区间最宽的区县`);
      default:
        return checkDistrictClaim(sc, rob, node, c);
    }
  },
  examples: {
    pass: ['在全部1000次模拟中，渝北区始终位居第1位。', '有37个区县的排名区间跨度不超过3位，排名区间最宽的是荣昌区（第16—34位）。', '在90%以上的模拟中，沙坪坝区的双创指数排名位居前3位。'],
    fail: ['在全部1000次模拟中，沙坪坝区始终位居第2位。', '有30个区县的排名区间跨度不超过3位。', '排名区间最宽的是大渡口区。', '在全部500次模拟中，渝北区始终位居第1位。', '荣昌区的排名区间为第16—30位。'],
  },
});
