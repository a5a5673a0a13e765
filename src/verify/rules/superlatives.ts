/**
 * Superlatives: 最高/最低 (the extreme of an index, in the quarter the text speaks of),
 * 增幅/降幅最大, 首位/第一/榜首/末位, and 并列 only where the ledger has a tie.
 */
import type { Period, SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

type SupClaim =
  | { form: 'extreme'; at: number; node?: string; high: boolean; names: string[]; tied: boolean; partial?: boolean }
  | { form: 'biggest'; at: number; node?: string; up: boolean; names: string[] | null; tied: boolean }
  | { form: 'ownBiggest'; at: number; node: string; up: boolean }
  | { form: 'place'; at: number; first: boolean; word: string }
  | { form: 'top'; at: number; n: number; word: string };

/** The district(s) with the highest (lowest) level of a node or indicator in a period, from the ledger. */
function extremeOf(sc: SentenceCheck, target: string, high: boolean, period: Period): string[] | null {
  if (period === 'current' && sc.f.isNode(target)) return sc.f.node(target)?.[high ? 'highest' : 'lowest'].districts ?? [];
  if (period !== 'current' && period !== 'previous') return null;
  const level = (d: string) => (period === 'current' ? sc.f.level(d, target) : sc.f.previousLevel(d, target));
  const vals = sc.f.districts.map((d) => ({ d, v: level(d) })).filter((x): x is { d: string; v: number } => x.v !== undefined);
  if (!vals.length) return null;
  const best = high ? Math.max(...vals.map((x) => x.v)) : Math.min(...vals.map((x) => x.v));
  return vals.filter((x) => x.v === best).map((x) => x.d);
}

function biggestOf(sc: SentenceCheck, node: string, up: boolean): string[] {
  const c = sc.f.change(node);
  return (up ? c?.biggestRise : c?.biggestFall)?.districts ?? [];
}

/**
 * The districts named for an extreme: all of them, in the ledger's order; or, with 并列,
 * some of the districts that share it (得分并列最高的万州区). 并列 without a tie is wrong.
 */
function checkExtreme(sc: SentenceCheck, names: string[], want: string[], tied: boolean, what: string, partial = false): void {
  if (tied && want.length < 2) return sc.check(false, `${what}只有${want.join('、') || '（无）'}，没有并列`);
  if (tied && partial && names.length && names.every((n) => want.includes(n))) return sc.check(true, '');
  if (!tied && want.length > 1 && names.length < want.length && names.every((n) => want.includes(n)))
    return sc.check(false, `${what}有${want.length}个（${want.slice(0, 5).join('、')}${want.length > 5 ? '等' : ''}），${names.join('、')}是并列的，应写“并列”`);
  sc.list(names, want, what);
}

export const superlatives = rule<SupClaim>({
  kind: 'superlative',
  read(sc) {
    const L = sc.f.listSource;
    const T = [...sc.f.nodes, ...sc.f.indicators].sort((a, b) => b.length - a.length).join('|');
    const out: SupClaim[] = [];
    // 得分最高且增幅最大的万州区: two roles of one district.
    sc.each(new RegExp(`(并列)?最(高|低)且(增幅|降幅)(并列)?最大的(?:区县)?(${L})`, 'g'), (m) => {
      out.push({ form: 'extreme', at: m.index!, high: m[2] === '高', names: sc.f.listOf(m[5]), tied: !!m[1] });
      out.push({ form: 'biggest', at: m.index!, up: m[3] === '增幅', names: sc.f.listOf(m[5]), tied: !!m[4] });
    });
    // 并列最高的万州区 may name one of those that share the top; ……的指数值并列最低 names them all.
    sc.each(new RegExp(`(并列)?最(高|低)的(?:区县)?(?:也|仍|依然|依旧)?(?:为|是|有)?(${L})`, 'g'), (m) =>
      out.push({ form: 'extreme', at: m.index!, high: m[2] === '高', names: sc.f.listOf(m[3]), tied: !!m[1], partial: !!m[1] && !/^(?:为|是|有)/.test(m[0].slice(m[0].indexOf('的') + 1)) }),
    );
    sc.each(new RegExp(`(${L})的?(?:(${T})(?:指数)?)?(?:值|得分|指数值)?(?:均)?(?:为|是)?(?:全市)?(并列)?最(高|低)`, 'g'), (m) => out.push({ form: 'extreme', at: m.index!, node: m[2], high: m[4] === '高', names: sc.f.listOf(m[1]), tied: !!m[3] }));
    sc.each(new RegExp(`(${L})(?:的?(${T})?(?:指数|得分)?)?(增幅|降幅)(并列)?最大`, 'g'), (m) => out.push({ form: 'biggest', at: m.index!, node: m[2], up: m[3] === '增幅', names: sc.f.listOf(m[1]), tied: !!m[4] }));
    sc.each(new RegExp(`(增幅|降幅)(并列)?最大的(?:区县)?(?:为|是)?(${L})`, 'g'), (m) => out.push({ form: 'biggest', at: m.index!, up: m[1] === '增幅', names: sc.f.listOf(m[3]), tied: !!m[2] }));
    sc.each(new RegExp(`是全市(${T})?(?:得分)?(增幅|降幅)(并列)?最大的区县`, 'g'), (m) => out.push({ form: 'biggest', at: m.index!, node: m[1], up: m[2] === '增幅', names: null, tied: !!m[3] }));
    sc.each(new RegExp(`其中(${sc.f.ledger.meta.firstLevel.join('|')})(?:指数)?(增幅|降幅)最大`, 'g'), (m) => out.push({ form: 'ownBiggest', at: m.index!, node: m[1], up: m[2] === '增幅' }));
    sc.each(new RegExp(`(首位|第一名|第一位|榜首|末位|最后一名)(?:由|是|为|属于|归)(${L})`, 'g'), (m) => {
      out.push({ form: 'place', at: m.index! + m[0].length, first: !/末位|最后/.test(m[1]), word: m[1] });
    });
    sc.each(/(?:位居|居|位列|排名|排在|进入|跻身|名列)(?:全市)?前(\d+|[二三四五六七八九十])(?:位|名)?/g, (m) => out.push({ form: 'top', at: m.index!, n: /\d/.test(m[1]) ? Number(m[1]) : '一二三四五六七八九十'.indexOf(m[1]) + 1, word: m[0] }));
    sc.each(/(?:居|位居|位列|排名|排在|排|列|名列|处于|稳居|占据|位于)(?:全市)?(?:的)?(首位|第一位|第一名|第一|榜首|末位|最后一位|倒数第一位?|最后一名)/g, (m) =>
      out.push({ form: 'place', at: m.index!, first: /首|第一|榜首/.test(m[1]) && !/倒数/.test(m[1]), word: m[1] }),
    );
    return out;
  },
  check(sc, c) {
    const period = sc.periodAt(c.at);
    if (c.form === 'extreme') {
      const node = c.node ?? sc.targetBefore(c.at);
      const want = extremeOf(sc, node, c.high, period);
      const what = `${period === 'previous' ? '上一季度' : ''}${node}${c.high ? '最高' : '最低'}的区县`;
      if (!want) return sc.unverifiable(`台账没有${what}`);
      return checkExtreme(sc, c.names, want, c.tied, what, !!c.partial);
    }
    if (c.form === 'biggest') {
      const node = c.node ?? sc.targetBefore(c.at);
      if (sc.yoy(c.at)) return sc.unverifiable(`台账没有${node}的同比变化`);
      if (!sc.f.isNode(node)) return sc.unverifiable(`台账只记录各指数${c.up ? '增幅' : '降幅'}最大的区县，没有${node}的`);
      const want = biggestOf(sc, node, c.up);
      const what = `${node}${c.up ? '增幅' : '降幅'}最大的区县`;
      if (c.names) return checkExtreme(sc, c.names, want, c.tied, what);
      if (c.tied && want.length < 2) return sc.check(false, `${what}只有${want.join('、') || '（无）'}，没有并列`);
      const d = sc.districtBefore(c.at);
      return sc.check(d !== null && want.includes(d), `${what}：文中为${d ?? '（未指明区县）'}，台账为${want.join('、') || '（无）'}`);
    }
    if (c.form === 'ownBiggest') {
      const d = sc.districtBefore(c.at);
      if (!d) return sc.unverifiable(`“其中${c.node}${c.up ? '增幅' : '降幅'}最大”没有说明是哪个区县`);
      const pcts = sc.f.ledger.meta.firstLevel.map((n) => ({ n, p: sc.f.score(d, n)?.pct ?? null })).filter((x): x is { n: string; p: number } => x.p !== null && (c.up ? x.p > 0 : x.p < 0));
      const max = Math.max(...pcts.map((x) => Math.abs(x.p)));
      const top = pcts.filter((x) => Math.abs(x.p) === max).map((x) => x.n);
      return sc.check(top.length === 1 && top[0] === c.node, `${d}的一级指标中${c.up ? '增幅' : '降幅'}最大的是${top.join('、') || '（无）'}，不是${c.node}`);
    }
    const d = sc.districtBefore(c.at);
    const t = sc.targetBefore(c.at);
    if (!d) return sc.unverifiable(`“${c.word}”没有说明是哪个区县`);
    if (c.form === 'top') {
      const r = sc.f.ranks(d, t);
      const rank = period === 'previous' ? r?.previousRank : r?.rank;
      if (rank === undefined) return sc.unverifiable(`台账没有${d}的${t}排名`);
      return sc.check(rank <= c.n, `${d}的${t}排名为第${rank}位，不在前${c.n}位`);
    }
    // 增幅排名第一: the rank of the change, i.e. the largest rise (fall).
    const change = /(增幅|降幅)[^，]*$/.exec(sc.s.slice(sc.clauseStart(c.at), c.at));
    if (change) {
      const up = change[1] === '增幅';
      const want = c.first ? biggestOf(sc, t, up) : [];
      if (!c.first) return sc.unverifiable(`“${change[1]}${c.word}”：台账只记录${up ? '增幅' : '降幅'}最大的区县`);
      return sc.check(want.includes(d), `${t}${up ? '增幅' : '降幅'}最大的是${want.join('、') || '（无）'}，不是${d}`);
    }
    const r = sc.f.ranks(d, t);
    if (!r) return sc.unverifiable(`台账没有${d}的${t}排名`);
    const rank = period === 'previous' ? r.previousRank : r.rank;
    const last = Math.max(...sc.f.districts.map((x) => sc.f.ranks(x, t)?.[period === 'previous' ? 'previousRank' : 'rank'] ?? 0));
    sc.check(c.first ? rank === 1 : rank === last, `${d}的${t}排名为第${rank ?? '—'}位，文中说“${c.word}”`);
  },
  examples: {
    pass: ['其中，双创活力指数最高的为渝北区，指数值为30.11。', '渝北区双创指数得分居全市首位。', '武隆区、巫溪县和彭水县的双创成效指数值并列最低，均为12.11。'],
    fail: ['其中，双创活力指数最高的为南岸区，指数值为30.11。', '南岸区双创指数得分居全市首位。', '武隆区的双创活力指数值并列最低，为15.90。', '江北区双创指数排名第一。'],
  },
});
