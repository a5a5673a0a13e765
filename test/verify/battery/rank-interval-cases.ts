/**
 * The battery for the sentences of the robustness section (四、排名稳健性): what the
 * rank intervals of the Monte Carlo support. Editors' edits of robustness.hbs and
 * sentences of their own in that section, each on its own, against the sample's
 * ledger (2018Q3). Every wrong case must stop the build naming its sentence; every
 * true one must pass. And with the simulation switched off, no such claim passes.
 *
 * Sample facts used (双创指数 unless said; 5 %–95 % interval low–high, median, best–worst over 1000 runs):
 *   渝北区 #1 [1–1] median 1, 1–1;  沙坪坝区 #2 [2–3] 2, 2–5;  九龙坡区 #3 [2–4] 3, 2–4;
 *   江北区 #5 [5–5] 5, 4–6;  荣昌区 #17 [16–34] median 18, 16–35 (the widest, span 18);
 *   37 of 38 intervals span ≤ 3 ranks, 31 span < 3, 1 spans > 3.
 *   双创活力: 南岸区 #2 [2–2] 2–2; 渝中区 #4 [4–5] 4–5.  双创环境: every interval spans ≤ 3; the widest is 梁平区.
 */
import type { BatteryCase } from './cases.js';
import type { Edit } from './harness.js';

const H = 'robustness.hbs';
const edit = (file: string, find: string, replace: string): Edit => ({ file, find, replace });
/** A paragraph of the editor's own after the robustness paragraph (section 四). */
const own = (text: string): Edit =>
  edit('report.hbs', '{{#paragraph "robustness" node=root}}{{> robustness}}{{/paragraph}}', `{{#paragraph "robustness" node=root}}{{> robustness}}{{/paragraph}}\n{{#paragraph "editor" node=root}}${text}{{/paragraph}}`);
const wrong = (id: string, note: string, e: Edit, mark: string): BatteryCase => ({ id, kind: 'rank-interval', note, edits: [e], expect: 'fail', mark });
const right = (id: string, note: string, e: Edit): BatteryCase => ({ id, kind: 'true:rank-interval', note, edits: [e], expect: 'pass' });

export const WRONG: BatteryCase[] = [
  wrong('always-second', '沙坪坝区 ranks 2–5 over all runs, not always 2nd', own('在全部1000次模拟中，沙坪坝区始终位居第2位。'), '沙坪坝区始终位居第2位'),
  wrong('always-top3', '九龙坡区 is 4th in some runs (worst 4)', own('在全部模拟中，九龙坡区的排名始终位居前3位。'), '九龙坡区的排名始终位居前3位'),
  wrong('always-fifth', '江北区 ranks 4–6 over all runs', own('在1000次模拟中，江北区始终位居第5位。'), '江北区始终位居第5位'),
  wrong('share-95-top3', '九龙坡区 95th percentile is 4: fewer than 95 % of runs in the top 3', own('在95%以上的模拟中，九龙坡区位居前3位。'), '九龙坡区位居前3位'),
  wrong('share-95-top20', '荣昌区 95th percentile is 34', own('在95%的模拟中，荣昌区位居前20位。'), '荣昌区位居前20位'),
  wrong('share-90-exact', '江北区 5th–95th percentile is 5–5, but not every run: 100 % is false', own('在100%的模拟中，江北区位居第5位。'), '江北区位居第5位'),
  wrong('interval-high', '荣昌区 interval is 16–34', own('荣昌区的排名区间为第16—30位。'), '荣昌区的排名区间为第16—30位'),
  wrong('interval-top', '渝北区 interval is 1–1', own('渝北区的排名区间为第1—2位。'), '渝北区的排名区间为第1—2位'),
  wrong('median', '沙坪坝区 median rank is 2', own('在模拟中，沙坪坝区的中位排名为第3位。'), '沙坪坝区的中位排名为第3位'),
  wrong('count-le', '37 districts span ≤ 3 ranks', own('有36个区县的排名区间跨度不超过3位。'), '有36个区县的排名区间跨度不超过3位'),
  wrong('count-after', 'one district spans more than 3 ranks', own('排名区间跨度超过3位的区县有3个。'), '排名区间跨度超过3位的区县有3个'),
  wrong('count-all', '荣昌区 spans 18 ranks: not every district ≤ 3', own('各区县的排名区间跨度均不超过3位。'), '各区县的排名区间跨度均不超过3位'),
  wrong('widest-name', 'the widest interval is 荣昌区’s', own('排名区间最宽的是大渡口区。'), '排名区间最宽的是大渡口区'),
  wrong('widest-after', 'the widest interval is 荣昌区’s', own('在模拟中，大足区的排名区间最宽。'), '大足区的排名区间最宽'),
  wrong('widest-node', '双创环境: the widest interval is 梁平区’s', own('双创环境排名区间最宽的是荣昌区。'), '双创环境排名区间最宽的是荣昌区'),
  wrong('runs', '1000 runs, not 2000', own('在全部2000次模拟中，渝北区始终位居第1位。'), '在全部2000次模拟中'),
  wrong('sub-index-always', '渝中区 双创活力 ranks 4–5 over all runs', own('在全部模拟中，渝中区的双创活力排名始终位居第4位。'), '渝中区的双创活力排名始终位居第4位'),
  wrong('tpl-percentiles', 'the intervals are 5 %–95 %, the template says 10 %–90 %', edit(H, '（5%{{wording.rangeDash}}95%）', '（10%{{wording.rangeDash}}90%）'), '10%—90%'),
  wrong(
    'tpl-count-lt',
    '31 districts span < 3 ranks; the count printed (37) is of ≤ 3',
    edit(H, '个区县的排名区间跨度不超过{{int robustness.narrow.within}}位\n{{/if}}', '个区县的排名区间跨度小于{{int robustness.narrow.within}}位\n{{/if}}'),
    '有37个区县的排名区间跨度小于3位',
  ),
  wrong('tpl-median', '渝北区 median rank is 1', edit(H, '{{district}}始终位居第1位。', '{{district}}始终位居第1位，中位排名为第2位。'), '中位排名为第2位'),
  wrong('tpl-widest-swap', 'the template names the top district as the widest, with 荣昌区’s interval', edit(H, '排名区间最宽的是{{district}}', '排名区间最宽的是{{@root.robustness.top.district}}'), '排名区间最宽的是渝北区'),
];

export const TRUE: BatteryCase[] = [
  right('share-90-top3', '沙坪坝区 95th percentile is 3', own('在90%以上的模拟中，沙坪坝区的双创指数排名位居前3位。')),
  right('always-top4', '九龙坡区 worst rank is 4', own('在全部模拟中，九龙坡区始终位居前4位。')),
  right('interval-median', '荣昌区 16–34, median 18', own('荣昌区的排名区间为第16—34位，中位排名为第18位。')),
  right('count-after', 'one district spans more than 3 ranks', own('排名区间跨度超过3位的区县有1个。')),
  right('sub-index-always', '南岸区 双创活力 2–2 over all runs', own('在全部1000次模拟中，南岸区的双创活力排名始终位居第2位。')),
  right('env-all', '双创环境: every interval spans ≤ 3', own('双创环境方面，各区县的排名区间跨度均不超过3位。')),
  right('share-95-top5', '江北区 95th percentile is 5', own('在95%的模拟中，江北区位居前5位。')),
  right('tpl-verb', '始终位居 → 均排名 (still all runs)', edit(H, '{{district}}始终位居第1位。', '{{district}}均排名第1位。')),
  right(
    'tpl-widest-after',
    'the widest said after the name',
    edit(H, '，排名区间最宽的是{{district}}（第{{int low}}{{@root.wording.rangeDash}}{{int high}}位）', '，{{district}}的排名区间最宽（第{{int low}}{{@root.wording.rangeDash}}{{int high}}位）'),
  ),
  right('tpl-within', '不超过3位 → 在3位以内', edit(H, '个区县的排名区间跨度不超过{{int robustness.narrow.within}}位\n{{/if}}', '个区县的排名区间跨度在{{int robustness.narrow.within}}位以内\n{{/if}}')),
];
