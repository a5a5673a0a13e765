/**
 * Tiers and score thresholds: 第二类：……得分在70—80分的区县有5个，分别为：…… and any
 * sentence giving a threshold (得分在70分以上的区县有6个 / ……和渝中区6个区县的得分在
 * 70分以上): the count and the districts are worked out from the ledger's scores.
 */
import { NUM, parseNum, type SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

type TierClaim =
  | { form: 'tier'; name: string }
  | { form: 'tierSum'; names: string[]; n: number; most: string | null }
  | { form: 'tierList'; name: string; names: string[] }
  | { form: 'member'; at: number; name: string }
  | { form: 'threshold'; at: number; end: number; lo: number | null; hi: number | null; text: string }
  | { form: 'tierCount'; n: number };

function withinThreshold(sc: SentenceCheck, target: string, lo: number | null, hi: number | null): string[] {
  const level = (d: string) => sc.f.level(d, target);
  return sc.f.ledger.districts
    .map((d) => d.district)
    .filter((d) => {
      const v = level(d);
      return v !== undefined && (lo === null || v >= lo - 1e-9) && (hi === null || v < hi - 1e-9);
    })
    .sort((a, b) => (level(b) ?? 0) - (level(a) ?? 0));
}

function checkTier(sc: SentenceCheck, name: string): void {
  const tier = sc.f.ledger.tiers.find((t) => t.name === name);
  sc.tokens.forEach((t) => (t.consumed = true));
  if (!tier) return sc.check(false, `台账中没有${name}`);
  const bounds = [...sc.s.matchAll(new RegExp(`(${NUM})(?=分|[—～~-])`, 'g'))].map((x) => parseNum(x[1]));
  const want = [tier.min, tier.max].filter((x): x is number => x !== null).sort((a, b) => a - b);
  sc.check(bounds.sort((a, b) => a - b).join() === want.join(), `${tier.name}的分数段是${tier.label}，文中为${bounds.join('、') || '（无）'}`);
  const count = /有(\d+)个/.exec(sc.s);
  if (count) {
    sc.crossCheck(sc.tokenAt(count.index! + 1), { measure: 'tierCount' });
    sc.value(Number(count[1]), tier.count, `${tier.name}的区县数`);
  } else if (/没有/.test(sc.s)) sc.check(tier.count === 0, `${tier.name}：文中说没有区县，台账有${tier.count}个`);
  const list = new RegExp(`(?:为|有)：?(${sc.f.listSource})`).exec(sc.s);
  if (list || tier.count > 0)
    sc.list(
      list ? sc.f.listOf(list[1]) : [],
      tier.members.map((x) => x.district),
      `${tier.name}的区县`,
    );
}

export const tiers = rule<TierClaim>({
  kind: 'tier',
  read(sc) {
    const m = /^第([一二三四五六七八九十]+)类：/.exec(sc.s);
    if (m) return [{ form: 'tier', name: `第${m[1]}类` }];
    const out: TierClaim[] = [];
    // 第一类和第二类共有6个区县: the sum of the tiers' counts.
    const sum = /^((?:第[一二三四五六七八九十]+类[、和与及]?)+)(?:的)?(?:区县)?(?:数量|数目|个数)?(最多|最少)?，?(?:共有|共|合计|有|为)(\d+)个/.exec(sc.s);
    if (sum) {
      sc.tokens.forEach((t) => (t.consumed = true));
      sc.claimed.push([0, sum[0].length]);
      return [{ form: 'tierSum', names: [...sum[1].matchAll(/第[一二三四五六七八九十]+类/g)].map((x) => x[0]), n: Number(sum[3]), most: sum[2] ?? null }];
    }
    // 第二类区县为沙坪坝区、……: the members, complete and in order.
    const members = new RegExp(`^(?:位列|属于|列入|归入)?(第[一二三四五六七八九十]+类)(?:的)?(?:区县)?(?:有|为|是|包括)：?(${sc.f.listSource})`).exec(sc.s);
    if (members) return [{ form: 'tierList', name: members[1], names: sc.f.listOf(members[2]) }];
    sc.each(/(?:位于|属于|列入|处于|居于|归入|为)第([一二三四五六七八九十]+)类/g, (x) => out.push({ form: 'member', at: x.index!, name: `第${x[1]}类` }));
    sc.each(/划分为(\d+)类/g, (x) => out.push({ form: 'tierCount', n: Number(x[1]) }));
    const re = new RegExp(`(?:得分|指数值|指数|分值)(?:均)?(?:在|为|达到|处于)?(?:(${NUM})分?(?:[—～~-]|至|到)(${NUM})分(?:之间)?|(${NUM})分(及以上|以上|以下|及以下))`, 'g');
    sc.each(re, (x) => {
      const lo = x[1] ? parseNum(x[1]) : x[4]?.includes('上') ? parseNum(x[3]) : null;
      const hi = x[2] ? parseNum(x[2]) : x[4]?.includes('下') ? parseNum(x[3]) : null;
      out.push({ form: 'threshold', at: x.index!, end: x.index! + x[0].length, lo, hi, text: x[0] });
    });
    return out;
  },
  check(sc, c) {
    if (c.form === 'tier') {
      const q = sc.quarterMentions.find((x) => x.role === 'scope' && x.period !== 'current');
      if (q) sc.check(false, `分类按本季度（${sc.f.ledger.meta.quarterLabel}）的得分，句中说的是${sc.s.slice(q.start, q.end)}`, 'quarter');
      return checkTier(sc, c.name);
    }
    if (c.form === 'tierList') {
      const tier = sc.f.ledger.tiers.find((t) => t.name === c.name);
      if (!tier) return sc.check(false, `台账中没有${c.name}`);
      return sc.list(
        c.names,
        tier.members.map((m) => m.district),
        `${c.name}的区县`,
      );
    }
    if (c.form === 'tierSum') {
      const tiers = c.names.map((n) => sc.f.ledger.tiers.find((t) => t.name === n));
      if (tiers.some((t) => !t)) return sc.check(false, `台账中没有${c.names.filter((_, i) => !tiers[i]).join('、')}`);
      if (c.most) {
        const counts = sc.f.ledger.tiers.map((t) => t.count);
        const best = c.most === '最多' ? Math.max(...counts) : Math.min(...counts);
        sc.check(tiers.length === 1 && tiers[0]!.count === best, `区县${c.most}的一类有${best}个区县，${c.names.join('、')}有${tiers.map((t) => t!.count).join('、')}个`);
      }
      return sc.value(
        c.n,
        tiers.reduce((a, t) => a + t!.count, 0),
        `${c.names.join('、')}的区县数之和`,
        'count',
      );
    }
    if (c.form === 'member') {
      const d = sc.districtBefore(c.at);
      if (!d) return sc.unverifiable(`“${c.name}”没有说明是哪个区县`);
      if (sc.periodAt(c.at) === 'previous') {
        // 上季度九龙坡区属于第一类: last quarter's score against the tiers' bounds.
        const prev = sc.f.previousLevel(d, sc.f.ledger.meta.root);
        const was = prev === undefined ? undefined : sc.f.ledger.tiers.find((t) => (t.min === null || prev >= t.min) && (t.max === null || prev < t.max))?.name;
        if (!was) return sc.unverifiable(`没有${d}上一季度的得分`);
        return sc.check(was === c.name, `${d}上一季度得分${prev}，属于${was}，不是${c.name}`);
      }
      const tier = sc.f.ledger.districts.find((x) => x.district === d)?.tier;
      return sc.check(tier === c.name, `${d}属于${tier ?? '（无）'}，不是${c.name}`);
    }
    if (c.form === 'tierCount') {
      const q = sc.quarterMentions.find((x) => x.role === 'scope' && x.period !== 'current');
      if (q) sc.check(false, `分类按本季度（${sc.f.ledger.meta.quarterLabel}）的得分，句中说的是${sc.s.slice(q.start, q.end)}`, 'quarter');
      return sc.value(c.n, sc.f.ledger.tiers.length, '分类的个数', 'count');
    }
    const target = sc.targetBefore(c.at);
    if (sc.periodAt(c.at) !== 'current') return sc.unverifiable(`“${c.text}”说的是上一季度的分数段，台账只按本季度分类`);
    const members = withinThreshold(sc, target, c.lo, c.hi);
    const clauseA = sc.clauseStart(c.at);
    const clauseB = sc.clauseEnd(c.end);
    // The count and the list may stand before the threshold (……6个区县的得分在70分以上) or after it (……的区县有6个，分别为……).
    const around = sc.s.slice(clauseA, clauseB);
    const rest = sc.s.slice(clauseB);
    const count = /(\d+)个(?:区县)?/.exec(around) ?? /^，?(?:共|有|共有)?(\d+)个/.exec(rest.replace(/^[，：]/, ''));
    if (count) {
      sc.tokens.filter((t) => t.start >= clauseA && t.start < clauseB + 8 && t.value === Number(count[1])).forEach((t) => (t.consumed = true));
      sc.value(Number(count[1]), members.length, `${target}${c.text}的区县数`, 'count');
    }
    const listed = sc.districts.filter((d) => d.start >= clauseA && d.end <= clauseB).map((d) => d.name);
    const after = new RegExp(`^[，：]?(?:分别)?(?:为|是|有)：?(${sc.f.listSource})`).exec(rest);
    const named = listed.length ? listed : after ? sc.f.listOf(after[1]) : [];
    const complete = !!count || !!after || named.length > 1;
    if (named.length && !complete) {
      // 渝中区的双创指数得分处于70—80分之间: membership of one district.
      for (const d of named) sc.check(members.includes(d), `${d}的${target}为${sc.f.level(d, target)}，不在${c.text}`, 'list');
    } else if (named.length) {
      // 从高到低依次为……: the order too; otherwise the members.
      const ordered = /依次|从高到低|由高到低/.test(sc.s) ? members : /从低到高|由低到高/.test(sc.s) ? [...members].reverse() : null;
      sc.check(
        ordered ? named.join() === ordered.join() : [...named].sort().join() === [...members].sort().join(),
        `${target}${c.text}的区县${ordered ? '（按顺序）' : ''}：文中为${named.join('、')}，台账为${(ordered ?? members).join('、') || '（无）'}`,
        'list',
      );
    }
    if (!count && !named.length) sc.check(members.length > 0, `${target}没有${c.text}的区县`);
  },
  examples: {
    pass: ['第二类：双创指数得分在70—80分的区县有5个，分别为：沙坪坝区、九龙坡区、南岸区、江北区、渝中区。', '渝北区、沙坪坝区、九龙坡区、南岸区、江北区和渝中区6个区县的双创指数得分在70分以上。'],
    fail: ['第二类：双创指数得分在70—80分的区县有6个，分别为：沙坪坝区、九龙坡区、南岸区、江北区、渝中区。', '渝北区、沙坪坝区、九龙坡区、南岸区和江北区5个区县的双创指数得分在70分以上。'],
  },
});
