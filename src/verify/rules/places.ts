/**
 * Place names: in a list of districts every member must be one of the data's
 * districts (not 万盛经开区, not a misspelling), and an old or informal name (荣昌县,
 * 开县, 渝北) is written as the report names the district (荣昌区, 开州区, 渝北区).
 */
import { rule } from './rule.js';

interface PlaceClaim {
  name: string;
  form: 'alias' | 'stranger';
  canonical?: string;
}

const GENERIC = /^(?:区县|各区县|全市|主城区|中心城区|城区|地区|社区|园区|辖区|市辖区|新区|该区|该县|本区|本县|其他区县|部分区县|郊区|县区)$/;

export const places = rule<PlaceClaim>({
  kind: 'place',
  read(sc) {
    const out: PlaceClaim[] = [];
    const covered = (a: number, b: number) => sc.f.districtMentions(sc.s).some((d) => a >= d.start && b <= d.end);
    for (const [alias, canonical] of Object.entries(sc.aliases ?? {})) {
      if (alias === canonical) continue;
      for (const m of sc.s.matchAll(new RegExp(alias, 'g'))) {
        if (!covered(m.index!, m.index! + alias.length)) out.push({ name: alias, form: 'alias', canonical });
      }
    }
    // A list member next to a district (joined by 、 和 与 及) must be a district too.
    const D = [...sc.f.districts].sort((a, b) => b.length - a.length).join('|');
    const stranger = (it: string) => {
      if (/的/.test(it) || sc.f.districts.some((d) => it.includes(d)) || GENERIC.test(it) || out.some((o) => o.name === it) || (sc.aliases && it in sc.aliases)) return;
      if (/^[\u4e00-\u9fff]{2,8}(?:区|县|市)$/.test(it)) out.push({ name: it, form: 'stranger' });
    };
    // The member after is looked at without being consumed, so that every district of a list is a neighbour.
    for (const m of sc.s.matchAll(new RegExp(`(?:${D})[、和与及](?=([\u4e00-\u9fff]{2,9}?(?:经开区|新区|区|县|市))(?:[、和与及，。；的（]|$))`, 'g'))) stranger(m[1]);
    for (const m of sc.s.matchAll(new RegExp(`(?<=^|[、和与及，：为有])([\u4e00-\u9fff]{2,6}?(?:经开区|新区|区|县|市))[、和与及](?=${D})`, 'g'))) stranger(m[1]);
    return out;
  },
  check(sc, c) {
    if (c.form === 'alias') return sc.check(false, `“${c.name}”是旧称或简称，报告中写作“${c.canonical}”`);
    sc.check(false, `“${c.name}”不是数据中的区县（数据中的${sc.f.districts.length}个区县见 config/districts.yaml）`);
  },
  examples: {
    pass: ['双创活力指数增幅较大的有：大渡口区、丰都县、永川区、酉阳县、渝北区。'],
    fail: ['双创活力指数增幅较大的有：大渡口区、丰都县、永川区、酉阳县、万盛经开区。'],
  },
});
