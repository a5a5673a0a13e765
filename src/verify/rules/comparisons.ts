/**
 * Differences an editor works out: 最高的渝北区比最低的彭水县高15.43分, 渝北区比第2位
 * 的江北区高8.59分, 比全市平均得分高……分. The two levels are the ledger's; their
 * difference must be the number stated.
 */
import { NUM, parseNum, type SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

/** 九龙坡区双创指数得分高于沙坪坝区 / 江北区排名领先于渝中区: the order of two districts. */
interface OrderClaim {
  form: 'order';
  at: number;
  a: string;
  b: string;
  higher: boolean;
  rank: boolean;
  target: string | null;
  text: string;
}

interface CompareClaim {
  form?: 'difference';
  at: number;
  other: string | null;
  rank: number | null;
  mean: boolean;
  more: boolean;
  x: number;
  unit: string;
  text: string;
}

function levelOf(sc: SentenceCheck, d: string, t: string): number | undefined {
  return sc.f.level(d, t);
}

export const comparisons = rule<CompareClaim | OrderClaim>({
  kind: 'difference',
  read(sc) {
    const L = sc.f.listSource;
    const T = [...sc.f.nodes, ...sc.f.indicators].sort((a, b) => b.length - a.length).join('|');
    const out: (CompareClaim | OrderClaim)[] = [];
    const D = [...sc.f.districts].sort((a, b) => b.length - a.length).join('|');
    const order = new RegExp(`(${D})(?:的)?(${T})?(?:指数)?(?:的)?(得分|指数值|排名|位次)?(?:仍|均|也|明显|略)?(高于|低于|超过|领先于|落后于|不及|优于|差于|强于|弱于)(${D})(?![\\d])`, 'g');
    sc.each(order, (m) => out.push({ form: 'order', at: m.index!, a: m[1], b: m[5], target: m[2] ?? null, rank: /排名|位次/.test(m[3] ?? ''), higher: /高于|超过|领先于|优于|强于/.test(m[4]), text: m[0] }));
    const re = new RegExp(`比(?:排名)?(?:第(\\d+)位的|最(?:高|低)的)?(?:(${L})|(全市平均(?:水平|得分|分|值)?))?(?:的)?(?:${T})?(?:指数|得分|指数值)?(高出|低出|高|低|多|少)了?(${NUM})(分|%|个百分点|位|家|个|次)?`, 'g');
    sc.each(re, (m) => {
      if (m[1]) sc.tokens.filter((t) => t.start === m.index! + m[0].indexOf(m[1])).forEach((t) => (t.consumed = true));
      out.push({ at: m.index!, rank: m[1] ? Number(m[1]) : null, other: m[2] ?? null, mean: !!m[3], more: /高|多/.test(m[4]), x: parseNum(m[5]), unit: m[6] ?? '', text: m[0] });
    });
    return out;
  },
  check(sc, c) {
    if (c.form === 'order') {
      const t = c.target ?? sc.targetBefore(c.at);
      if (sc.periodAt(c.at) !== 'current') return sc.unverifiable(`“${c.text}”比较的不是本季度`);
      if (c.rank) {
        const [ra, rb] = [sc.f.ranks(c.a, t)?.rank, sc.f.ranks(c.b, t)?.rank];
        if (ra === undefined || rb === undefined) return sc.unverifiable(`台账没有${c.a}或${c.b}的${t}排名`);
        return sc.check(c.higher ? ra < rb : ra > rb, `${t}排名：${c.a}第${ra}位，${c.b}第${rb}位，文中为“${c.text}”`);
      }
      const [va, vb] = [levelOf(sc, c.a, t), levelOf(sc, c.b, t)];
      if (va === undefined || vb === undefined) return sc.unverifiable(`台账没有${c.a}或${c.b}的${t}`);
      return sc.check(c.higher ? va > vb : va < vb, `${t}：${c.a}为${va}，${c.b}为${vb}，文中为“${c.text}”`);
    }
    const d = sc.districtBefore(c.at);
    const t = sc.targetBefore(c.at);
    if (!d) return sc.unverifiable(`“${c.text}”没有说明是哪个区县`);
    if (sc.periodAt(c.at) !== 'current') return sc.unverifiable(`“${c.text}”比较的不是本季度的数值`);
    const mine = levelOf(sc, d, t);
    let other: number | undefined;
    let otherName = c.other ?? '';
    if (c.mean) {
      other = sc.f.node(t)?.mean;
      otherName = '全市平均';
    } else if (c.other) {
      other = levelOf(sc, c.other, t);
      if (c.rank !== null) {
        const at = sc.f.atRank(t, c.rank);
        sc.check(at.includes(c.other), `${t}第${c.rank}位是${at.join('、') || '（无）'}，不是${c.other}`, 'rank');
      }
    }
    if (mine === undefined || other === undefined) return sc.unverifiable(`“${c.text}”：台账没有相比的两个数值`);
    if (c.unit && c.unit !== '分' && c.unit !== sc.f.unitOf(t)) return sc.unverifiable(`“${c.text}”：单位${c.unit}与${t}的单位${sc.f.unitOf(t)}不符`);
    const diff = Math.round((mine - other) * 100) / 100;
    sc.value((c.more ? 1 : -1) * c.x, diff, `${d}与${otherName}${t}之差`);
  },
  examples: {
    pass: ['双创指数得分最高的渝北区比最低的武隆区高41.21分。', '渝北区双创指数得分比第2位的沙坪坝区高9.39分。', '沙坪坝区双创指数得分高于九龙坡区。'],
    fail: ['双创指数得分最高的渝北区比最低的武隆区高15.43分。', '渝北区双创指数得分比第2位的江北区高8.59分。', '九龙坡区双创指数得分高于沙坪坝区。', '江北区双创活力排名领先于渝中区。'],
  },
});
