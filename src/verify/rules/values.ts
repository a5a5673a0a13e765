/**
 * A level moving between two quarters: 从2018年第2季度的86.67分上升到88.59分 — the
 * earlier value, the later value, and the direction word between them.
 */
import { NUM, parseNum } from '../sentence.js';
import { rule } from './rule.js';

type ValueClaim = MoveClaim | SharedClaim | { form: 'respectively'; at: number; names: string[]; target: string | null; xs: number[] };

/** ……的双创成效指数值均为12.11 / 全市38个区县的……均为0.00: every district named (or all) has that value. */
interface SharedClaim {
  form: 'shared';
  at: number;
  names: string[] | 'all';
  count: number | null;
  target: string | null;
  x: number;
}

interface MoveClaim {
  form?: 'move';
  at: number;
  from: number;
  to: number;
  verb: string;
  fromPos: number;
  toPos: number;
}

export const values = rule<ValueClaim>({
  kind: 'value',
  read(sc) {
    const out: ValueClaim[] = [];
    const T = [...sc.f.nodes, ...sc.f.indicators].sort((a, b) => b.length - a.length).join('|');
    // 渝北区和沙坪坝区双创指数得分分别为88.59分和79.20分: each district its value, in order.
    sc.each(new RegExp(`(${sc.f.listSource})的?(${T})?(?:指数)?(?:值|得分|指数值)?分别为((?:${NUM})(?:分|家|个|次|%)?(?:[、和及](?:${NUM})(?:分|家|个|次|%)?)+)`, 'g'), (m) =>
      out.push({ form: 'respectively', at: m.index!, names: sc.f.listOf(m[1]), target: m[2] ?? null, xs: [...m[3].matchAll(new RegExp(NUM, 'g'))].map((x) => parseNum(x[0])) }),
    );
    sc.each(new RegExp(`(?:(全市|各)(?:(\\d+)个)?区县|(${sc.f.listSource}))的(${T})?(?:指数)?(?:值|得分|指数值)?(?:均|都)为(${NUM})`, 'g'), (m) =>
      out.push({ form: 'shared', at: m.index!, names: m[3] ? sc.f.listOf(m[3]) : 'all', count: m[2] ? Number(m[2]) : null, target: m[4] ?? null, x: parseNum(m[5]) }),
    );
    const re = new RegExp(`(?:从|由)(?:\\d{4}年第\\d季度的?|上一?季度的?)?(${NUM})(?:分|%|家|个|次|亿元)?(${sc.lex.move}|升|降)(?:到|至|为)(${NUM})`, 'g');
    sc.each(re, (m) => {
      const fromPos = m.index! + m[0].indexOf(m[1]);
      const toPos = m.index! + m[0].lastIndexOf(m[3]);
      out.push({ at: m.index!, from: parseNum(m[1]), to: parseNum(m[3]), verb: m[2], fromPos, toPos });
    });
    return out;
  },
  check(sc, c) {
    if (c.form === 'respectively') {
      const t = c.target ?? sc.targetBefore(c.at);
      if (c.names.length !== c.xs.length) return sc.check(false, `“分别为”：${c.names.length}个区县，${c.xs.length}个数值`);
      const period = sc.periodAt(c.at);
      c.names.forEach((d, i) => sc.value(c.xs[i], period === 'previous' ? sc.f.previousLevel(d, t) : sc.f.level(d, t), `${d}${t}`));
      return;
    }
    if (c.form === 'shared') {
      const t = c.target ?? sc.targetBefore(c.at);
      if (sc.periodAt(c.at) !== 'current') return sc.unverifiable(`“均为${c.x}”说的不是本季度`);
      const names = c.names === 'all' ? sc.f.districts : c.names;
      if (c.count !== null) sc.value(c.count, sc.f.ledger.meta.districtCount, '区县数', 'count');
      const off = names.filter((d) => {
        const v = sc.f.level(d, t);
        return v === undefined || Math.abs(v - c.x) >= 0.005;
      });
      return sc.check(
        off.length === 0,
        `${t}并非都为${c.x}：${off
          .slice(0, 5)
          .map((d) => `${d}${sc.f.level(d, t)}`)
          .join('，')}${off.length > 5 ? `等${off.length}个区县` : ''}`,
      );
    }
    const d = sc.districtBefore(c.at);
    const t = sc.targetBefore(c.at);
    const meta0 = sc.f.ledger.meta;
    // 全市……平均得分由上季度的20.85分提高到20.98分: the city mean, not a district's score.
    if (/平均/.test(sc.s.slice(sc.clauseStart(c.at), c.at)) && !sc.districts.some((x) => x.start >= sc.clauseStart(c.at) && x.end <= c.at)) {
      const ch = sc.f.change(t);
      if (!ch) return sc.unverifiable(`没有上一季度的数据，无法核实全市${t}平均得分的变化`);
      sc.value(c.from, ch.previousMean, `全市${t}${meta0.previousLabel}的平均得分`, 'mean');
      sc.value(c.to, ch.mean, `全市${t}${meta0.quarterLabel}的平均得分`, 'mean');
      return sc.check(sc.lex.isUp(c.verb) === c.to > c.from, `全市${t}平均得分从${c.from}到${c.to}，文中却说“${c.verb}”`);
    }
    if (!d) return sc.unverifiable(`从${c.from}到${c.to}的变化没有说明是哪个区县`);
    if (sc.yoy(c.at)) return sc.unverifiable(`台账没有${d}${t}上年同季度的数值`);
    const prev = sc.f.previousLevel(d, t);
    const now = sc.f.level(d, t);
    const meta = sc.f.ledger.meta;
    sc.crossCheck(sc.tokenAt(c.fromPos), { district: d, target: t, period: 'previous' });
    sc.crossCheck(sc.tokenAt(c.toPos), { district: d, target: t, period: 'current' });
    sc.value(c.from, prev, `${d}${t}${meta.previousLabel ?? '上季度'}的值`);
    sc.value(c.to, now, `${d}${t}${meta.quarterLabel}的值`);
    sc.check((sc.lex.isUp(c.verb) || c.verb === '升') === c.to > c.from, `${d}${t}从${c.from}到${c.to}，文中却说“${c.verb}”`);
    sc.record(sc.tokenAt(c.fromPos), { target: t, district: d, quarter: meta.previous ?? '', measure: sc.f.isNode(t) ? 'score' : 'value' });
    sc.record(sc.tokenAt(c.toPos), { target: t, district: d, quarter: meta.quarter, measure: sc.f.isNode(t) ? 'score' : 'value' });
  },
  examples: {
    pass: ['渝北区双创指数得分有所上升，从2018年第2季度的86.67分上升到88.59分。', '武隆区、巫溪县和彭水县的双创成效指数值均为12.11。'],
    fail: ['渝北区双创指数得分有所上升，从2018年第2季度的82.13分上升到88.59分。', '渝北区双创指数得分从86.67分下降到88.59分。', '武隆区、巫溪县和城口县的双创成效指数值均为12.11。'],
  },
});
