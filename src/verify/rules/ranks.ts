/**
 * Ranks: 第N位 (this quarter's, or last quarter's where the text speaks of it), 并列
 * only where the rank is shared, rank moves (从第18位上升到第7位, 仍居第1位, 排名保持
 * 不变) and places moved (排名上升了27位).
 */
import type { SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

type RankClaim =
  | { form: 'sharedList'; at: number; names: string[]; rank: number }
  | { form: 'move'; at: number; from: number; to: number; verb: string; fromTied: boolean; toTied: boolean }
  | { form: 'stay'; at: number; rank: number | null; tied: boolean }
  | { form: 'rank'; at: number; rank: number; tied: boolean }
  | { form: 'places'; at: number; n: number; verb: string }
  | { form: 'run'; at: number; quarters: number; rank: number };

function who(sc: SentenceCheck, pos: number) {
  const d = sc.districtBefore(pos);
  const t = sc.targetBefore(pos);
  return { d, t, r: d ? sc.f.ranks(d, t) : undefined };
}

const shown = (rank: number | undefined, tied: boolean) => (rank === undefined ? '（无）' : `${tied ? '并列' : ''}第${rank}位`);

export const ranks = rule<RankClaim>({
  kind: 'rank',
  read(sc) {
    const out: RankClaim[] = [];
    const { up, down } = sc.lex;
    sc.each(new RegExp(`(${sc.f.listSource})（?并列(?:全市)?第(\\d+)位`, 'g'), (m) => out.push({ form: 'sharedList', at: m.index!, names: sc.f.listOf(m[1]), rank: Number(m[2]) }));
    sc.each(new RegExp(`(?:从|由)(?:上一?季度的|\\d{4}年第\\d季度的)?(并列)?第(\\d+)位(${up}|${down}|升|降)(?:到|至)(并列)?第(\\d+)位`, 'g'), (m) =>
      out.push({ form: 'move', at: m.index!, from: Number(m[2]), to: Number(m[5]), verb: m[3], fromTied: !!m[1], toTied: !!m[4] }),
    );
    sc.each(/(?:仍居|仍为|保持在|继续位居|仍位居|仍列|仍排在|仍处于)(?:全市)?(并列)?第(\d+)位/g, (m) => out.push({ form: 'stay', at: m.index!, rank: Number(m[2]), tied: !!m[1] }));
    sc.each(/排名(?:保持)?不变|排名与上季度(?:相同|持平)/g, (m) => out.push({ form: 'stay', at: m.index!, rank: null, tied: false }));
    sc.each(new RegExp(`(?:排名|位次)(?:较上季度|比上季度)?(${up}|${down}|前进|后退|提升)了?(\\d+)(?:位|个位次|名)`, 'g'), (m) => out.push({ form: 'places', at: m.index!, n: Number(m[2]), verb: m[1] }));
    sc.each(new RegExp(`(${up}|${down}|前进|后退)了?(\\d+)(?:位|个位次|名)(?!数)`, 'g'), (m) => out.push({ form: 'places', at: m.index!, n: Number(m[2]), verb: m[1] }));
    // 连续2个季度位居全市第1位: the rank this quarter and last.
    sc.each(/连续(\d+|两|二)个季度(?:均|都)?(?:位居|居|排名|排在|位列|保持)(?:全市)?(?:在)?第(\d+)位/g, (m) => out.push({ form: 'run', at: m.index!, quarters: /\d/.test(m[1]) ? Number(m[1]) : 2, rank: Number(m[2]) }));
    sc.each(/(?:(?:居|位列|位居|排名|排在|排|列|名列|处于|位于)(?:全市)?(?:的)?(并列)?|(并列)(?:全市)?)第(\d+)位?/g, (m) => out.push({ form: 'rank', at: m.index!, rank: Number(m[3]), tied: !!(m[1] || m[2]) }));
    sc.each(/(并列)?第(\d+)位/g, (m) => out.push({ form: 'rank', at: m.index!, rank: Number(m[2]), tied: !!m[1] }));
    return out;
  },
  check(sc, c) {
    const meta = sc.f.ledger.meta;
    if (c.form === 'sharedList') {
      const t = sc.targetBefore(c.at);
      for (const d of c.names) {
        const r = sc.f.ranks(d, t);
        sc.check(!!r && r.rank === c.rank && (c.names.length > 1 || r.tied), `${d}${t}：文中为并列第${c.rank}位，台账为${shown(r?.rank, !!r?.tied)}`);
      }
      return;
    }
    const { d, t, r } = who(sc, c.at);
    if (!d || !r) return sc.unverifiable(`${t}的排名没有说明是哪个区县`);
    if (c.form !== 'rank' && sc.lacksYearAgo(c.at, `${d}${t}上年同季度的排名`)) return;
    if (c.form === 'move') {
      sc.crossCheck(sc.tokenAt(sc.s.indexOf(`第${c.from}位`, c.at)), { district: d, target: t, period: 'previous' });
      sc.value(c.from, r.previousRank, `${d}${t}${meta.previousLabel ?? '上季度'}的排名`);
      sc.value(c.to, r.rank, `${d}${t}的排名`);
      sc.check((sc.lex.isUp(c.verb) || c.verb === '升') === c.to < c.from, `${d}${t}从第${c.from}位到第${c.to}位，文中却说“${c.verb}”`);
      if (c.fromTied) sc.check(r.previousTied, `${d}${t}上季度的排名不是并列`);
      if (c.toTied) sc.check(r.tied, `${d}${t}的排名不是并列`);
      return;
    }
    if (c.form === 'stay') {
      if (c.rank !== null) sc.value(c.rank, r.rank, `${d}${t}的排名`);
      return sc.check(r.previousRank === r.rank, `${d}${t}的排名从第${r.previousRank}位变为第${r.rank}位，并非保持不变`);
    }
    if (c.form === 'run') {
      if (c.quarters > 2) return sc.unverifiable(`台账只有本季度和上一季度的排名，无法核实连续${c.quarters}个季度`);
      return sc.check(r.rank === c.rank && r.previousRank === c.rank, `${d}${t}的排名上季度为第${r.previousRank ?? '—'}位、本季度为第${r.rank}位，并非连续${c.quarters}个季度第${c.rank}位`);
    }
    if (c.form === 'places') {
      if (sc.lacksPrevious(r.previousRank, `${d}${t}的名次变化`, '排名')) return;
      const moved = r.previousRank - r.rank;
      const said = (sc.lex.isUp(c.verb) || /前进|提升/.test(c.verb) ? 1 : -1) * c.n;
      return sc.check(said === moved, `${d}${t}的排名从第${r.previousRank}位变为第${r.rank}位（${moved >= 0 ? `上升${moved}` : `下降${-moved}`}位），文中为“${c.verb}${c.n}位”`);
    }
    const period = sc.periodAt(c.at);
    const rank = period === 'previous' ? r.previousRank : r.rank;
    const tied = period === 'previous' ? r.previousTied : r.tied;
    sc.crossCheck(sc.tokenAt(sc.s.indexOf(`第${c.rank}`, c.at) + 1), { district: d, target: t, period, measure: 'rank' });
    sc.record(sc.tokenAt(sc.s.indexOf(`第${c.rank}`, c.at) + 1), { target: t, district: d, quarter: sc.quarterOf(period) ?? '', measure: 'rank' });
    if (period === 'other' || period === 'yearAgo') return sc.unverifiable(`台账没有${d}${t}该季度的排名`);
    sc.value(c.rank, rank, `${d}${t}${period === 'previous' ? '上一季度' : ''}的排名`);
    if (c.tied) sc.check(tied, `${d}${t}的第${rank}位不是并列`);
  },
  examples: {
    pass: ['大渡口区双创指数得分排名从第17位上升到第12位。', '渝北区双创指数得分居全市第1位。', '大渡口区的双创活力指数排名上升了11位。'],
    fail: ['大渡口区双创指数得分排名从第17位上升到第11位。', '渝北区双创指数得分并列全市第1位。', '荣昌区双创环境指数得分排名保持不变，仍为第11位。', '大渡口区的双创活力指数排名上升了10位。'],
  },
});
