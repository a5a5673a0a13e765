/**
 * Lists of districts: the risers and fallers (增幅较大的有：……), the districts that
 * rose or fell (N个区县的……上升，分别为……), the top and bottom five of an index
 * (……的双创活力突出 / 偏弱: the adjective says which end, read from the lexicon), and
 * the districts ranked above one (次于……). Every member, the order and completeness
 * are checked.
 */
import type { SentenceCheck } from '../sentence.js';
import { rule } from './rule.js';

type ListClaim =
  | { form: 'movers'; at: number; up: boolean; names: string[]; node?: string; count?: number }
  | { form: 'level'; at: number; end: number; node: string; strong: boolean; names: string[]; adjective: string }
  | { form: 'ahead'; at: number; names: string[] }
  | { form: 'head'; at: number; n: number; top: boolean; names: string[]; text: string };

function movers(sc: SentenceCheck, node: string, up: boolean): string[] {
  const c = sc.f.change(node);
  return (up ? c?.risers : c?.fallers)?.map((x) => x.district) ?? [];
}

export const lists = rule<ListClaim>({
  kind: 'list',
  read(sc) {
    const L = sc.f.listSource;
    const T = sc.f.nodes.join('|');
    const { up, down, strong, weak } = sc.lex;
    const out: ListClaim[] = [];
    sc.each(new RegExp(`(增幅|降幅)(?:较大|明显|居前|靠前)的(?:区县)?(?:分别)?(?:有|为|是)：?(${L})`, 'g'), (m) => out.push({ form: 'movers', at: m.index!, up: m[1] === '增幅', names: sc.f.listOf(m[2]) }));
    sc.each(new RegExp(`(\\d+)个区县的(${T})(?:指数)?(?:得分)?(?:有所|均)?(${up}|${down})，(?:分别)?(?:为|是)：?(${L})`, 'g'), (m) => {
      const tok = sc.tokenAt(m.index!);
      sc.crossCheck(tok, { target: m[2] });
      out.push({ form: 'movers', at: m.index!, up: sc.lex.isUp(m[3]), names: sc.f.listOf(m[4]), node: m[2], count: Number(m[1]) });
    });
    sc.each(new RegExp(`仅有(${L})的(${T})(?:指数)?(?:得分)?(?:有所)?(${up}|${down})`, 'g'), (m) => out.push({ form: 'movers', at: m.index!, up: sc.lex.isUp(m[3]), names: sc.f.listOf(m[1]), node: m[2] }));
    // 双创活力靠前的有：…… / 双创环境较弱的区县为……
    sc.each(new RegExp(`(${T})(?:指数)?(?:得分)?(?:表现)?(${strong}|${weak})的(?:区县)?(?:有|为|是|包括)：?(${L})`, 'g'), (m) =>
      out.push({ form: 'level', at: m.index!, end: m.index! + m[0].length, node: m[1], strong: sc.lex.adjective(m[2]) === 'strong', names: sc.f.listOf(m[3]), adjective: m[2] }),
    );
    // 最低的5个区县为…… / 得分最高的3个区县是……
    sc.each(new RegExp(`最(高|低)的(\\d+)个区县(?:依次|分别)?(?:为|是|有)：?(${L})`, 'g'), (m) => out.push({ form: 'head', at: m.index!, n: Number(m[2]), top: m[1] === '高', names: sc.f.listOf(m[3]), text: m[0] }));
    sc.each(new RegExp(`(${L})的?(${T})(?:指数)?(?:得分)?(?:均)?(?:表现)?(${strong}|${weak})`, 'g'), (m) =>
      out.push({ form: 'level', at: m.index!, end: m.index! + m[0].length, node: m[2], strong: sc.lex.adjective(m[3]) === 'strong', names: sc.f.listOf(m[1]), adjective: m[3] }),
    );
    sc.each(new RegExp(`次于(${L})`, 'g'), (m) => out.push({ form: 'ahead', at: m.index!, names: sc.f.listOf(m[1]) }));
    // 得分前三位依次为……, 后5位是……, 倒数三位为……
    sc.each(new RegExp(`(前|后|倒数)(\\d+|[一二三四五六七八九十])(?:位|名)(?:的区县|的)?(?:依次|分别)?(?:为|是|有)：?(${L})`, 'g'), (m) =>
      out.push({ form: 'head', at: m.index!, n: /\d/.test(m[2]) ? Number(m[2]) : '一二三四五六七八九十'.indexOf(m[2]) + 1, top: m[1] === '前', names: sc.f.listOf(m[3]), text: m[0] }),
    );
    return out;
  },
  check(sc, c) {
    if (c.form === 'movers') {
      const node = c.node ?? sc.targetBefore(c.at);
      const c2 = sc.f.change(node);
      if (sc.lacksYearAgo(c.at, `${node}同比变化的区县名单`) || sc.lacksPrevious(c2, `${node}的升降`)) return;
      if (c.count !== undefined) sc.value(c.count, c.up ? c2.rose : c2.fell, `${node}${c.up ? '上升' : '下降'}的区县数`, 'count');
      return sc.list(c.names, movers(sc, node, c.up), `${node}${c.up ? '增幅' : '降幅'}较大的区县`);
    }
    if (c.form === 'level') {
      if (sc.periodAt(c.at) !== 'current') return sc.unverifiable(`台账只有本季度${c.node}的前五位和后五位，没有${sc.periodAt(c.at) === 'previous' ? '上一季度' : '其他季度'}的`);
      const n = sc.f.node(c.node);
      const top = n?.top.map((x) => x.district) ?? [];
      const bottom = n?.bottom.map((x) => x.district) ?? [];
      const want = c.strong ? top : bottom;
      // "……的双创活力突出" with a list that is the other end: the adjective is the wrong way round.
      if (c.names.join() !== want.join() && c.names.join() === (c.strong ? bottom : top).join()) return sc.check(false, `${c.names.join('、')}是${c.node}${c.strong ? '最低' : '最高'}的${c.names.length}个区县，文中却说“${c.adjective}”`);
      // Fewer names than the list (渝中区的双创活力突出): each must be of that end; the whole list in order.
      if (c.names.length < want.length) {
        const out = c.names.filter((d) => !want.includes(d));
        return sc.check(out.length === 0, `${out.join('、')}不在${c.node}${c.strong ? '前' : '后'}${want.length}位（${want.join('、')}）中，不能说“${c.adjective}”`);
      }
      return sc.list(c.names, want, `${c.node}${c.strong ? '前' : '后'}${want.length}位`);
    }
    if (c.form === 'head') {
      const t = sc.targetBefore(c.at);
      if (sc.periodAt(c.at) !== 'current') return sc.unverifiable(`台账只有本季度的排名名单`);
      const ranked = sc.f.districts
        .map((d) => ({ d, r: sc.f.ranks(d, t)?.rank ?? Infinity }))
        .sort((a, b) => a.r - b.r)
        .map((x) => x.d);
      const want = c.top ? ranked.slice(0, c.n) : ranked.slice(-c.n);
      if (c.names.length !== c.n) sc.check(false, `“${c.text}”说${c.n}位，列出了${c.names.length}个区县`);
      return sc.list(c.names, want, `${t}${c.top ? '前' : '后'}${c.n}位`);
    }
    const d = sc.districtBefore(c.at);
    const t = sc.targetBefore(c.at);
    if (!d) return sc.unverifiable(`“次于${c.names.join('、')}”没有说明是哪个区县`);
    const r = sc.f.ranks(d, t);
    const ahead = sc.f.isNode(t)
      ? sc.f.ledger.districts
          .filter((x) => r && x.scores[t].rank < r.rank)
          .sort((a, b) => a.scores[t].rank - b.scores[t].rank)
          .map((x) => x.district)
      : Object.entries(sc.f.ledger.indicators[t]?.values ?? {})
          .filter(([, v]) => r && v.rank < r.rank)
          .sort((a, b) => a[1].rank - b[1].rank)
          .map(([x]) => x);
    sc.list(c.names, ahead, `${t}排名在${d}之前的区县`);
  },
  examples: {
    pass: ['双创活力指数增幅较大的有：大渡口区、丰都县、永川区、酉阳县、渝北区。', '渝北区、南岸区、沙坪坝区、渝中区、九龙坡区的双创活力突出。', '城口县、秀山县、彭水县、巫溪县、武隆区的双创活力偏弱。'],
    fail: ['双创活力指数增幅较大的有：丰都县、大渡口区、永川区、酉阳县、渝北区。', '渝北区、南岸区、沙坪坝区、渝中区、九龙坡区的双创活力偏弱。', '城口县、秀山县、彭水县、巫溪县、渝北区的双创活力偏弱。', '万州区的双创活力突出。'],
  },
});
