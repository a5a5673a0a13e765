/**
 * A second held-out set for the fact check (issue 12), written without reading the
 * tuned battery (../battery/cases.ts), the first held-out set (../heldout/cases.ts)
 * or the rules (src/verify/rules/): only from the templates, wording.yaml,
 * figures.yaml, the README and the sample ledgers (output/2018Q3/v1/facts.json,
 * the 2017Q1 build's text). Every `note` gives the ledger value the case is judged by.
 *
 * WRONG: false by the ledger (or against GB/T 15835); `mark` is part of the wrong
 * sentence as rendered. TRUE: true sentences in an editor's own words.
 */
import type { HeldOutCase } from '../battery/heldout.js';
import type { Edit } from '../battery/harness.js';

interface Spec {
  id: string;
  kind: string;
  note: string;
  edits: Edit[];
  mark?: string;
  where?: 'document';
  quarter?: string;
  twin?: string;
}

// ——— where an editor adds a sentence of their own ———

/** A paragraph of one's own in 一、 (before its figures). */
const inTiers = (s: string): Edit[] => [{ file: 'report.hbs', find: '{{figures root}}', replace: `{{#paragraph "own"}}${s}{{/paragraph}}\n{{figures root}}` }];
/** A paragraph of one's own in 三、（一） (after the overall paragraph). */
const inOverall = (s: string): Edit[] => [
  { file: 'report.hbs', find: '{{#paragraph "overall" node=root}}{{> overall}}{{/paragraph}}', replace: `{{#paragraph "overall" node=root}}{{> overall}}{{/paragraph}}\n{{#paragraph "own"}}${s}{{/paragraph}}` },
];
/** A paragraph of one's own in 二、（N） of one first-level index (before its figures). */
const inNode = (node: string, s: string): Edit[] => [{ file: 'report.hbs', find: '{{figures node}}', replace: `{{#if (eq node "${node}")}}{{#paragraph "own" node=node}}${s}{{/paragraph}}{{/if}}\n{{figures node}}` }];
/** 2017Q1 (no previous quarter): a paragraph after the no-change sentence. */
const inNoChange = (s: string): Edit[] => [{ file: 'report.hbs', find: '{{#paragraph "noChange"}}{{> no-change}}{{/paragraph}}', replace: `{{#paragraph "noChange"}}{{> no-change}}{{/paragraph}}\n{{#paragraph "own"}}${s}{{/paragraph}}` }];
/** A 注 line after the appendix table. */
const noteLine = (s: string): Edit[] => [{ file: 'report.hbs', find: '::: table appendix :::', replace: `::: table appendix :::\n\n> ${s}` }];
/** A second footnote on the byline. */
const footnote = (s: string): Edit[] => [
  { file: 'report.hbs', find: '重庆区县双创指数报告研究小组[^group]\n', replace: '重庆区县双创指数报告研究小组[^group][^data]\n' },
  { file: 'report.hbs', find: '{{/markup}}\n\n{{#heading 1}}一、', replace: `\n[^data]: ${s}\n{{/markup}}\n\n{{#heading 1}}一、` },
];
const edit = (file: string, find: string, replace: string): Edit[] => [{ file, find, replace }];

/** A case of this set: a battery case, with the id of its true twin (same form, true value) if any. */
export type HeldoutCase = HeldOutCase;

const wrong = (s: Spec): HeldoutCase => ({ ...s, expect: 'fail' });
const right = (s: Omit<Spec, 'mark' | 'twin'>): HeldoutCase => ({ ...s, kind: `true:${s.kind}`, expect: 'pass' });

export const WRONG: HeldoutCase[] = [
  // ——— quarters: last quarter's value as this quarter's, 同比 for 环比 ———
  wrong({ id: 'q-prev-score-as-now', kind: 'quarter', mark: '九龙坡区双创指数得分为80.83分', edits: inOverall('2018年第3季度，九龙坡区双创指数得分为80.83分。'), note: '80.83 is 九龙坡区 in 2018Q2; 2018Q3: 79.14' }),
  wrong({ id: 'q-prev-rank-as-now', kind: 'quarter', mark: '本季度江北区双创指数排名全市第3位', edits: inOverall('本季度江北区双创指数排名全市第3位。'), note: '江北区 rank 2018Q3: 5; 3 was 2018Q2' }),
  wrong({ id: 'q-label-prev-rank', kind: 'quarter', mark: '2018年第2季度，沙坪坝区双创指数得分居全市第2位', edits: inOverall('2018年第2季度，沙坪坝区双创指数得分居全市第2位。'), note: '沙坪坝区 2018Q2 rank 5 (2 is 2018Q3)' }),
  wrong({ id: 'q-last-quarter-now-value', kind: 'quarter', mark: '上季度荣昌区双创指数得分为59.54分', edits: inOverall('上季度荣昌区双创指数得分为59.54分。'), note: '荣昌区 2018Q2 64.04; 59.54 is 2018Q3' }),
  wrong({ id: 'q-tongbi', kind: 'quarter', mark: '渝北区双创指数得分同比增长2.22%', edits: inOverall('渝北区双创指数得分同比增长2.22%。'), note: '2.22% is 环比 (on 2018Q2); 同比 would need 2017Q3, not in the ledger' }),
  wrong({ id: 'q-tongbi-template', kind: 'quarter', mark: '同比增长2.22%', edits: edit('portrait.hbs', '环比{{growth total.pct le=false}}', '同比{{growth total.pct le=false}}'), note: 'portrait: the change on 2018Q2 printed as 同比' }),
  wrong({
    id: 'q-wrong-base-quarter',
    kind: 'quarter',
    mark: '较2017年第3季度上升了1.92分',
    edits: edit('portrait.hbs', '较{{@root.meta.previousLabel}}{{change total.diff "分"}}', '较2017年第3季度{{change total.diff "分"}}'),
    note: '渝北区 +1.92 is on 2018Q2, not 2017Q3',
  }),
  wrong({ id: 'q-prev-mean', kind: 'quarter', mark: '2018年第3季度全市双创指数平均得分为60.53分', edits: inOverall('2018年第3季度全市双创指数平均得分为60.53分。'), note: 'mean 2018Q3 60.94; 60.53 is the 2018Q2 mean' }),
  wrong({ id: 'q-prev-mean-as-prev', kind: 'quarter', mark: '上季度全市双创指数平均得分为60.94分', edits: inOverall('上季度全市双创指数平均得分为60.94分。'), note: 'previous mean 60.53; 60.94 is this quarter' }),
  wrong({ id: 'q-prev-rank-move', kind: 'quarter', mark: '上季度排名第2位的江北区', edits: inOverall('上季度排名第2位的江北区本季度降至第5位。'), note: '江北区 2018Q2 rank 3 (2 was 九龙坡区)' }),

  // ——— rounding and signs ———
  wrong({ id: 'round-score', kind: 'rounding', mark: '大渡口区双创指数得分为62.89分', edits: inOverall('大渡口区双创指数得分为62.89分。'), note: '大渡口区 62.88' }),
  wrong({ id: 'round-pct', kind: 'rounding', mark: '渝北区双创指数环比增长2.23%', edits: inOverall('渝北区双创指数环比增长2.23%。'), note: '渝北区 pct 2.22' }),
  wrong({ id: 'round-share', kind: 'rounding', mark: '渝北区众创空间数占全市总量的10.06%', edits: inOverall('渝北区众创空间数占全市总量的10.06%。'), note: 'share 10.05' }),
  wrong({ id: 'sign-fall-as-rise', kind: 'sign', mark: '荣昌区双创指数得分环比增长7.03%', edits: inOverall('荣昌区双创指数得分环比增长7.03%。'), note: '荣昌区 -7.03%' }),
  wrong({ id: 'sign-missing-minus', kind: 'sign', mark: '荣昌区双创成效指数环比变化为14.93%', edits: inOverall('荣昌区双创成效指数环比变化为14.93%。'), note: '荣昌区 双创成效 -14.93%', twin: 't-sign-minus' }),
  wrong({ id: 'sign-rate-value', kind: 'sign', mark: '荣昌区新注册企业数环比增长率为33.33%', edits: inOverall('荣昌区新注册企业数环比增长率为33.33%。'), note: 'rate -33.33%' }),

  // ——— units ———
  wrong({ id: 'unit-score-pp', kind: 'unit', mark: '大渡口区双创指数得分上升了4.04个百分点', edits: inOverall('大渡口区双创指数得分上升了4.04个百分点。'), note: 'a score change is 4.04分 (or 6.87%), not 个百分点' }),
  wrong({ id: 'unit-rate-pct', kind: 'unit', mark: '较上季度提高了70.23%', edits: inOverall('大渡口区新注册企业数环比增长率较上季度提高了70.23%。'), note: 'a rate changes by 70.23个百分点' }),
  wrong({ id: 'unit-count-pp', kind: 'unit', mark: '渝北区社会关注度较上季度增长了17.09个百分点', edits: inOverall('渝北区社会关注度较上季度增长了17.09个百分点。'), note: 'a count changes by 17.09%' }),
  wrong({ id: 'unit-rate-fen', kind: 'unit', mark: '荣昌区新注册企业数环比增长率为-33.33分', edits: inOverall('荣昌区新注册企业数环比增长率为-33.33分。'), note: 'rate -33.33%, not 分' }),
  wrong({
    id: 'unit-mean-pp',
    kind: 'unit',
    mark: '平均提高了0.70个百分点',
    edits: edit('overall.hbs', '平均{{growth overall.change.meanPct}}', '平均提高了{{f2 overall.change.meanPct}}个百分点'),
    note: 'mean % change of a score 0.70%, not 个百分点',
  }),
  wrong({ id: 'unit-diff-as-pct', kind: 'unit', mark: '增幅为3.65%', edits: edit('risers.hbs', '增幅{{#if m.extreme.tied}}均{{/if}}为{{abs2 m.extreme.pct}}%', '增幅为{{abs2 m.extreme.diff}}%'), note: '大渡口区 双创活力 diff 3.65分, pct 18.03%' }),

  // ——— names, superlatives, ties ———
  wrong({ id: 'sup-number-first', kind: 'superlative', mark: '88.59分的最高得分由沙坪坝区取得', edits: inOverall('88.59分的最高得分由沙坪坝区取得。'), note: 'highest 88.59 is 渝北区' }),
  wrong({ id: 'sup-first-place', kind: 'superlative', mark: '江北区双创指数得分居全市首位', edits: inOverall('江北区双创指数得分居全市首位。'), note: '江北区 rank 5' }),
  wrong({ id: 'sup-last-place', kind: 'superlative', mark: '双创指数得分末位的是彭水县', edits: inOverall('双创指数得分末位的是彭水县。'), note: 'rank 38 武隆区; 彭水县 37' }),
  wrong({ id: 'sup-passive-first', kind: 'superlative', mark: '全市双创环境指数第一名由九龙坡区获得', edits: inOverall('全市双创环境指数第一名由九龙坡区获得。'), note: '双创环境 rank 1 渝北区; 九龙坡区 3', twin: 't-passive-first' }),
  wrong({ id: 'sup-rise-first', kind: 'superlative', mark: '双创环境指数增幅排名第一的是酉阳县', edits: inOverall('双创环境指数增幅排名第一的是酉阳县。'), note: 'biggest rise 双创环境 沙坪坝区 5.56%; 酉阳县 4.75%' }),
  wrong({ id: 'sup-fall-biggest', kind: 'superlative', mark: '双创成效指数降幅最大的是九龙坡区', edits: inOverall('双创成效指数降幅最大的是九龙坡区。'), note: 'biggest fall 双创成效 荣昌区 -14.93%; 九龙坡区 -4.03%' }),
  wrong({ id: 'sup-top3', kind: 'superlative', mark: '南岸区双创指数得分位居全市前三', edits: inOverall('南岸区双创指数得分位居全市前三。'), note: '南岸区 rank 4', twin: 't-top3' }),
  wrong({
    id: 'sup-template-highest',
    kind: 'superlative',
    mark: '指数最高的为武隆区',
    edits: edit('level.hbs', '其中，{{node}}指数最高的为{{join level.highest.districts}}', '其中，{{node}}指数最高的为{{join level.lowest.districts}}'),
    note: '双创活力 highest 渝北区 30.11; 武隆区 lowest',
  }),
  wrong({ id: 'tie-false-top', kind: 'tie', mark: '渝北区和沙坪坝区的双创指数得分并列最高', edits: inOverall('渝北区和沙坪坝区的双创指数得分并列最高。'), note: '渝北区 88.59 alone; 沙坪坝区 79.20' }),
  wrong({ id: 'tie-wrong-rank', kind: 'tie', mark: '开州区和奉节县的双创环境指数并列第24位', edits: inNode('双创环境', '开州区和奉节县的双创环境指数并列第24位。'), note: 'tied rank 25 (22.40)', twin: 't-tie-env-25' }),
  wrong({ id: 'tie-false-low', kind: 'tie', mark: '彭水县和武隆区的双创环境指数并列最低', edits: inNode('双创环境', '彭水县和武隆区的双创环境指数并列最低。'), note: '双创环境 lowest 彭水县 19.23 alone; 武隆区 19.37' }),
  wrong({ id: 'tie-incomplete', kind: 'tie', mark: '武隆区和巫溪县的双创成效指数并列最低', edits: inNode('双创成效', '武隆区和巫溪县的双创成效指数并列最低。'), note: 'tied lowest 12.11: 武隆区、巫溪县、彭水县 (three)' }),
  wrong({ id: 'name-stranger-in-list', kind: 'name', mark: '渝北区、万盛经开区', edits: inTiers('双创指数得分在80分以上的区县为渝北区、万盛经开区。'), note: '万盛经开区 is not one of the 38; the tier holds 渝北区 only' }),
  wrong({ id: 'name-old', kind: 'name', mark: '荣昌县双创指数得分为59.54分', edits: inOverall('荣昌县双创指数得分为59.54分。'), note: '荣昌县 is the old name of 荣昌区 (59.54)' }),
  wrong({ id: 'name-template-append', kind: 'name', mark: '垫江县、大渡口区，其中荣昌区降幅最大', edits: edit('fallers.hbs', '降幅较大的有：{{join m.names}}', '降幅较大的有：{{join m.names}}、大渡口区'), note: '大渡口区 rose (双创活力 +18.03%)' }),

  // ——— values and ranks ———
  wrong({
    id: 'val-two-facts',
    kind: 'value',
    mark: '渝北区和沙坪坝区双创指数得分分别为88.59分和79.14分',
    edits: inOverall('渝北区和沙坪坝区双创指数得分分别为88.59分和79.14分。'),
    note: '沙坪坝区 79.20 (79.14 is 九龙坡区)',
    twin: 't-val-two-facts',
  }),
  wrong({ id: 'rank-respectively-swapped', kind: 'rank', mark: '九龙坡区、沙坪坝区双创指数得分分别居全市第2位和第3位', edits: inOverall('九龙坡区、沙坪坝区双创指数得分分别居全市第2位和第3位。'), note: '沙坪坝区 2, 九龙坡区 3' }),
  wrong({ id: 'rank-number-before', kind: 'rank', mark: '双创指数得分位居全市第2位的是九龙坡区', edits: inOverall('双创指数得分位居全市第2位的是九龙坡区。'), note: 'rank 2 沙坪坝区' }),
  wrong({ id: 'rank-places', kind: 'rank', mark: '大渡口区双创指数排名上升了6位', edits: inOverall('大渡口区双创指数排名上升了6位。'), note: '17 → 12: 5 places', twin: 't-rank-places' }),
  wrong({ id: 'rank-move-direction', kind: 'rank', mark: '九龙坡区双创指数排名从第2位上升到第3位', edits: inOverall('九龙坡区双创指数排名从第2位上升到第3位。'), note: '2 → 3 is a fall' }),
  wrong({ id: 'rank-template-overall', kind: 'rank', mark: '渝北区双创指数得分居全市第2位', edits: edit('overall.hbs', '{{else}}居全市第1位{{/if}}', '{{else}}居全市第2位{{/if}}'), note: '渝北区 rank 1' }),
  wrong({ id: 'rank-indicator', kind: 'indicator', mark: '沙坪坝区新注册企业数居全市第1位', edits: inOverall('沙坪坝区新注册企业数居全市第1位。'), note: '新注册企业数 rank 1 渝北区 1280; 沙坪坝区 2' }),
  wrong({ id: 'ind-value', kind: 'indicator', mark: '渝北区科技型企业数达984家', edits: inOverall('渝北区科技型企业数达984家。'), note: '948家' }),
  wrong({ id: 'ind-share-rank', kind: 'indicator', mark: '占全市总量的3.37%，居全市第1位', edits: inOverall('大渡口区新增就业岗位数占全市总量的3.37%，居全市第1位。'), note: 'share 3.37 true, rank 11' }),
  wrong({ id: 'ind-direction', kind: 'indicator', mark: '渝北区新增就业岗位数较上季度有所增加', edits: inOverall('渝北区新增就业岗位数较上季度有所增加。'), note: '18582 from 21491: -13.54%' }),
  wrong({ id: 'ind-tree-count', kind: 'indicator', mark: '从四个一级指标来看', edits: edit('portrait.hbs', '从{{cn subCount}}个一级指标来看', '从四个一级指标来看'), note: 'the tree has 3 first-level indices' }),

  // ——— directions without a number ———
  wrong({ id: 'dir-district-score', kind: 'direction', mark: '南岸区双创指数得分有所上升', edits: inOverall('南岸区双创指数得分有所上升。'), note: '南岸区 -0.12 (-0.15%)', twin: 't-dir-nanan' }),
  wrong({ id: 'dir-sub-index', kind: 'direction', mark: '渝北区双创成效指数有所上升', edits: inOverall('渝北区双创成效指数有所上升。'), note: '渝北区 双创成效 -2.93%' }),
  wrong({ id: 'dir-city', kind: 'direction', mark: '全市双创成效指数整体有所下降', edits: inNode('双创成效', '全市双创成效指数整体有所下降。'), note: 'mean +0.77%' }),
  wrong({ id: 'dir-list-all-up', kind: 'direction', mark: '渝北区的双创活力、双创环境和双创成效指数均有所上升', edits: inOverall('渝北区的双创活力、双创环境和双创成效指数均有所上升。'), note: '渝北区 双创成效 fell -2.93%' }),

  // ——— means, counts ———
  wrong({ id: 'mean-other-index', kind: 'mean', mark: '全市双创活力指数平均得分为24.29分', edits: inNode('双创活力', '全市双创活力指数平均得分为24.29分。'), note: '双创活力 mean 20.98; 24.29 is 双创环境' }),
  wrong({ id: 'mean-pct-other-index', kind: 'mean', mark: '38个区县双创环境指数平均增长了0.69%', edits: inNode('双创环境', '38个区县双创环境指数平均增长了0.69%。'), note: '双创环境 meanPct 0.70; 0.69 is 双创活力', twin: 't-mean-pct-env' }),
  wrong({ id: 'mean-diff', kind: 'mean', mark: '全市双创指数平均得分较上季度提高了0.14分', edits: inOverall('全市双创指数平均得分较上季度提高了0.14分。'), note: 'meanDiff 0.41 (60.53 → 60.94)' }),
  wrong({ id: 'count-rose-is-fell', kind: 'count', mark: '共有14个区县的双创指数得分较上季度有所提升', edits: inOverall('共有14个区县的双创指数得分较上季度有所提升。'), note: 'rose 24, fell 14' }),
  wrong({ id: 'count-fell', kind: 'count', mark: '双创活力指数下降的区县有20个', edits: inNode('双创活力', '双创活力指数下降的区县有20个。'), note: '双创活力 fell 17 (rose 20)', twin: 't-count-fell-17' }),
  wrong({ id: 'count-above-mean', kind: 'count', mark: '有19个区县的双创环境指数增幅高于平均增幅', edits: inNode('双创环境', '有19个区县的双创环境指数增幅高于平均增幅。'), note: '双创环境 aboveMean 15 (19 is 双创成效 / 双创指数)' }),
  wrong({ id: 'count-rose-fell-pair', kind: 'count', mark: '双创环境指数24个区县上升、15个区县下降', edits: inNode('双创环境', '双创环境指数24个区县上升、15个区县下降。'), note: '双创环境 rose 24, fell 14' }),
  wrong({ id: 'count-flat', kind: 'count', mark: '双创活力指数与上季度持平的区县有2个', edits: inNode('双创活力', '双创活力指数与上季度持平的区县有2个。'), note: '双创活力 same 1 (奉节县)', twin: 't-count-flat-1' }),
  wrong({ id: 'count-rate-vs-score', kind: 'count', mark: '增幅高于全市平均分', edits: edit('change.hbs', '增幅高于平均增幅', '增幅高于全市平均分'), note: 'a % change compared with a score (mean 20.98分)' }),

  // ——— tiers, thresholds, lists ———
  wrong({ id: 'tier-paren', kind: 'tier', mark: '第一类区县（沙坪坝区）', edits: inTiers('第一类区县（沙坪坝区）双创指数得分在80分以上。'), note: '第一类: 渝北区 only; 沙坪坝区 79.20 is 第二类' }),
  wrong({ id: 'tier-member', kind: 'tier', mark: '綦江区位于第二类', edits: inTiers('綦江区位于第二类。'), note: '綦江区 59.77: 第三类' }),
  wrong({ id: 'tier-threshold-count', kind: 'tier', mark: '双创指数得分在70分以上的区县有5个', edits: inTiers('双创指数得分在70分以上的区县有5个。'), note: '6 (1 + 5)', twin: 't-tier-70-count' }),
  wrong({ id: 'tier-sum', kind: 'tier', mark: '第三类和第四类共有31个区县', edits: inTiers('第三类和第四类共有31个区县。'), note: '29 + 3 = 32' }),
  wrong({ id: 'list-wrong-member', kind: 'list', mark: '巫溪县、彭水县和城口县', edits: inTiers('双创指数得分在50分以下的区县有3个，分别为：巫溪县、彭水县和城口县。'), note: '巫溪县、彭水县、武隆区; 城口县 51.69' }),
  wrong({ id: 'list-incomplete', kind: 'list', mark: '第四类区县有巫溪县和武隆区2个', edits: inTiers('第四类区县有巫溪县和武隆区2个。'), note: '第四类 3: 巫溪县、彭水县、武隆区' }),

  // ——— differences, drivers ———
  wrong({ id: 'diff-second', kind: 'difference', mark: '比第2位的沙坪坝区高9.93分', edits: inOverall('渝北区双创指数得分比第2位的沙坪坝区高9.93分。'), note: '88.59 - 79.20 = 9.39', twin: 't-diff-second' }),
  wrong({ id: 'diff-top-bottom', kind: 'difference', mark: '最高的渝北区比最低的武隆区高41.12分', edits: inOverall('最高的渝北区比最低的武隆区高41.12分。'), note: '88.59 - 47.38 = 41.21', twin: 't-diff-top-bottom' }),
  wrong({ id: 'driver-wrong', kind: 'driver', mark: '主要得益于众创空间数的增长', edits: inNode('双创环境', '沙坪坝区双创环境指数增幅最大，主要得益于众创空间数的增长。'), note: 'driver of 沙坪坝区 双创环境: 社会关注度 (+29.92%)' }),
  wrong({ id: 'driver-wrong-fall', kind: 'driver', mark: '主要受社会关注度下降影响', edits: inNode('双创环境', '九龙坡区双创环境指数降幅最大，主要受社会关注度下降影响。'), note: 'driver of 九龙坡区 fall: 众创空间数 (-10.00%)' }),
  wrong({
    id: 'driver-other-indicator',
    kind: 'driver',
    mark: '主要得益于新增就业岗位数的增长',
    edits: inNode('双创成效', '涪陵区双创成效指数增幅最大，主要得益于新增就业岗位数的增长。'),
    note: 'driver of 涪陵区 双创成效: 就业潜力 (+58.86%)',
    twin: 't-driver-fuling',
  }),

  // ——— figures, captions, footnotes, 注 lines ———
  wrong({ id: 'fig-other-section', kind: 'figure', mark: '双创活力指数的分布情况见图7', edits: inNode('双创活力', '双创活力指数的分布情况见图7。'), note: '双创活力 map is 图4; 图7 is the 双创环境 map' }),
  wrong({ id: 'fig-wrong-kind', kind: 'figure', mark: '各区县双创指数得分排序见图2', edits: inTiers('各区县双创指数得分排序见图2。'), note: 'the ranked bars are 图3; 图2 is the % change', twin: 't-fig-bars' }),
  wrong({
    id: 'cap-quarter',
    kind: 'caption',
    where: 'document',
    mark: '38个区县双创指数得分（2018年第2季度）',
    edits: edit('../figures.yaml', 'caption: "{{districtCount}}个区县{{node}}得分（{{quarterLabel}}）"\n\n  # 二、（一）', 'caption: "{{districtCount}}个区县{{node}}得分（2018年第2季度）"\n\n  # 二、（一）'),
    note: 'the bars show 2018Q3',
  }),
  wrong({
    id: 'cap-unit',
    kind: 'caption',
    where: 'document',
    mark: '双创活力环比变化（个百分点）',
    edits: edit('../figures.yaml', 'node: 双创活力\n    caption: "{{quarterLabel}}{{node}}环比变化（%）"', 'node: 双创活力\n    caption: "{{quarterLabel}}{{node}}环比变化（个百分点）"'),
    note: 'the change of a score is in %',
  }),
  wrong({
    id: 'cap-count',
    kind: 'caption',
    where: 'document',
    mark: '36个区县双创环境得分',
    edits: edit('../figures.yaml', 'node: 双创环境\n    caption: "{{districtCount}}个区县{{node}}得分（{{quarterLabel}}）"', 'node: 双创环境\n    caption: "36个区县{{node}}得分（{{quarterLabel}}）"'),
    note: '38 districts',
  }),
  wrong({ id: 'note-mean', kind: 'note', where: 'document', mark: '全市38个区县双创指数平均得分为61.94分', edits: noteLine('注：全市38个区县双创指数平均得分为61.94分。'), note: 'mean 60.94', twin: 't-note-mean' }),
  wrong({ id: 'note-top', kind: 'note', where: 'document', mark: '2018年第3季度双创指数得分最高的为沙坪坝区', edits: noteLine('注：2018年第3季度双创指数得分最高的为沙坪坝区。'), note: 'highest 渝北区' }),
  wrong({ id: 'footnote-mean-pct', kind: 'footnote', where: 'document', mark: '2018年第3季度全市双创指数平均增长0.77%', edits: footnote('2018年第3季度全市双创指数平均增长0.77%。'), note: 'meanPct 0.70 (0.77 is 双创成效)' }),
  wrong({ id: 'footnote-tier', kind: 'footnote', where: 'document', mark: '双创指数得分在80分以上的有2个', edits: footnote('本报告评价的38个区县中，双创指数得分在80分以上的有2个。'), note: '1 (渝北区)' }),

  // ——— numerals (GB/T 15835) ———
  wrong({ id: 'num-fullwidth', kind: 'numeral', mark: '共有２４个区县', edits: inOverall('共有２４个区县的双创指数得分较上季度有所提升。'), note: 'full-width digits (the value 24 is right)', twin: 't-count-rose-24' }),
  wrong({ id: 'num-chinese-count', kind: 'numeral', mark: '双创指数得分在70—80分的区县有五个', edits: inTiers('双创指数得分在70—80分的区县有五个。'), note: 'Chinese numeral for a count (5)' }),
  wrong({ id: 'num-spelled-pct', kind: 'numeral', mark: '百分之二点二二', edits: inOverall('渝北区双创指数环比增长百分之二点二二。'), note: 'spelled-out percentage (2.22%)' }),

  // ——— wording.yaml ———
  wrong({ id: 'wy-adjectives-swapped', kind: 'wording', mark: '沙坪坝区的双创成效较低', edits: edit('wording.yaml', '双创成效: { strong: 显著, weak: 较低 }', '双创成效: { strong: 较低, weak: 显著 }'), note: 'the top five of 双创成效 called 较低' }),
  wrong({ id: 'wy-score-verbs-swapped', kind: 'wording', mark: '较2018年第2季度下降了1.92分', edits: edit('wording.yaml', 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 下降, down: 上升, flat: 持平 }'), note: '渝北区 +1.92' }),
  wrong({ id: 'wy-rankmove-swapped', kind: 'wording', mark: '全市排名从第17位下降到第12位', edits: edit('wording.yaml', 'up: 从{from}上升到{to}', 'up: 从{from}下降到{to}'), note: '大渡口区 17 → 12 is a rise' }),
  wrong({ id: 'wy-role-top', kind: 'wording', mark: '得分最低的渝北区', edits: edit('wording.yaml', 'top: 得分最高', 'top: 得分最低'), note: '渝北区 is the highest' }),
  wrong({ id: 'wy-growth-up-is-down', kind: 'wording', mark: '平均下降了0.69%', edits: edit('wording.yaml', 'growth: { up: 增长, down: 下降, flat: 持平 }', 'growth: { up: 下降, down: 增长, flat: 持平 }'), note: 'means rose (+0.69% 双创活力)' }),

  wrong({ id: 'wy-minus-plus', kind: 'wording', mark: '新注册企业数环比增长率为+33.33%', edits: edit('wording.yaml', 'minus: "-"', 'minus: "+"'), note: 'numbers.minus set to +: 荣昌区 rate -33.33% printed +33.33%' }),
  wrong({ id: 'wy-thousands-dot', kind: 'wording', mark: '社会关注度达53.761次', edits: edit('wording.yaml', 'thousands: ","', 'thousands: "."'), note: 'the 千分撇 set to a point: 53,761次 printed 53.761次 (a different number)' }),
  wrong({ id: 'wy-keeptop-rise', kind: 'wording', mark: '全市排名上升到第1位', edits: edit('wording.yaml', 'keepTop: 仍居{to}', 'keepTop: 上升到{to}'), note: '渝北区 rank 1 in both quarters (rankMove 0)' }),
  wrong({ id: 'wy-role-riser', kind: 'wording', mark: '增幅第二的大渡口区', edits: edit('wording.yaml', 'riser: 增幅最大', 'riser: 增幅第二'), note: '大渡口区 has the biggest rise (6.87%)' }),
  wrong({
    id: 'sign-rise-as-fall-template',
    kind: 'sign',
    mark: '较2018年第2季度下降了1.92分',
    edits: edit('portrait.hbs', '较{{@root.meta.previousLabel}}{{change total.diff "分"}}', '较{{@root.meta.previousLabel}}下降了{{abs2 total.diff}}分'),
    note: '渝北区 +1.92 (a fixed 下降 in the template)',
  }),

  // ——— more: previous-quarter tiers and superlatives, numbers first, parentheses, units of indicators, title ———
  wrong({ id: 'q-prev-tier', kind: 'quarter', mark: '上季度沙坪坝区属于第一类', edits: inOverall('上季度沙坪坝区属于第一类。'), note: '沙坪坝区 2018Q2 77.42 (<80); 九龙坡区 80.83 was the other one ≥80', twin: 't-prev-tier' }),
  wrong({ id: 'q-prev-second', kind: 'quarter', mark: '上季度双创活力指数排名第2位的是沙坪坝区', edits: inOverall('上季度双创活力指数排名第2位的是沙坪坝区。'), note: '双创活力 2018Q2 rank 2 江北区 28.04; 沙坪坝区 3' }),
  wrong({ id: 'val-pct-first', kind: 'superlative', mark: '6.87%的最大增幅出现在酉阳县', edits: inOverall('6.87%的最大增幅出现在酉阳县。'), note: 'biggest rise 6.87% 大渡口区; 酉阳县 4.36%' }),
  wrong({ id: 'val-paren-pct', kind: 'value', mark: '大渡口区（增幅6.78%）', edits: inOverall('大渡口区（增幅6.78%）是全市双创指数增幅最大的区县。'), note: '大渡口区 +6.87%', twin: 't-paren-pct' }),
  wrong({ id: 'val-respectively-pct', kind: 'value', mark: '分别增长2.22%和6.78%', edits: inOverall('渝北区和大渡口区双创指数分别增长2.22%和6.78%。'), note: '大渡口区 6.87%' }),
  wrong({ id: 'val-diff-round', kind: 'rounding', mark: '荣昌区双创指数得分较上季度下降了4.05分', edits: inOverall('荣昌区双创指数得分较上季度下降了4.05分。'), note: 'diff -4.50' }),
  wrong({ id: 'unit-rank-pp', kind: 'unit', mark: '大渡口区双创指数排名上升了5个百分点', edits: inOverall('大渡口区双创指数排名上升了5个百分点。'), note: 'a rank moves by places (5位), not 个百分点' }),
  wrong({ id: 'unit-indicator-jia', kind: 'unit', mark: '渝北区社会关注度达53,761家', edits: inOverall('渝北区社会关注度达53,761家。'), note: '社会关注度 is counted in 次', twin: 't-social-ci' }),
  wrong({ id: 'unit-indicator-wan', kind: 'unit', mark: '渝北区创业投资额为20.72万元', edits: inOverall('渝北区创业投资额为20.72万元。'), note: '创业投资额 20.72亿元', twin: 't-invest-yiyuan' }),
  wrong({ id: 'tier-list-stranger', kind: 'list', mark: '江北区和万州区', edits: inTiers('位列第二类的有沙坪坝区、九龙坡区、南岸区、江北区和万州区。'), note: '第二类: 沙坪坝区、九龙坡区、南岸区、江北区、渝中区; 万州区 66.41 is 第三类' }),
  wrong({ id: 'tier-count-template', kind: 'tier', mark: '可将全市38个区县划分为5类', edits: edit('tiers.hbs', '划分为{{int tierCount}}类', '划分为5类'), note: '4 tiers' }),
  wrong({
    id: 'title-quarter',
    kind: 'caption',
    where: 'document',
    mark: '2018年第二季度重庆区县双创指数报告',
    edits: edit('report.hbs', '::: title\n{{meta.title}}\n:::', '::: title\n2018年第二季度重庆区县双创指数报告\n:::'),
    note: 'the report is of 2018Q3 (title 2018年第三季度…)',
  }),

  // ——— 2017Q1: no previous quarter ———
  wrong({ id: 'q1-no-previous', kind: 'quarter', quarter: '2017Q1', mark: '与上季度相比，渝北区双创指数得分上升了1.92分', edits: inNoChange('与上季度相比，渝北区双创指数得分上升了1.92分。'), note: '2017Q1 has no previous quarter in the data' }),
  wrong({ id: 'q1-other-quarter-value', kind: 'quarter', quarter: '2017Q1', mark: '渝北区双创活力指数值为30.11', edits: inNoChange('2017年第1季度，渝北区双创活力指数值为30.11。'), note: '2017Q1 27.46; 30.11 is 2018Q3', twin: 't-q1-vitality' }),
];

export const TRUE: HeldoutCase[] = [
  right({ id: 't-sup-first', kind: 'superlative', edits: inOverall('双创指数得分居全市首位的是渝北区，为88.59分。'), note: '渝北区 rank 1, 88.59' }),
  right({ id: 't-rank-number-before', kind: 'rank', edits: inOverall('2018年第3季度，沙坪坝区以79.20分位居全市第2位。'), note: '沙坪坝区 79.20, rank 2' }),
  right({ id: 't-rank-places', kind: 'rank', edits: inOverall('与上季度相比，大渡口区双创指数排名上升了5位。'), note: '17 → 12' }),
  right({ id: 't-rank-places-down', kind: 'rank', edits: inOverall('荣昌区双创指数排名下降了7位，由第10位降至第17位。'), note: '10 → 17' }),
  right({ id: 't-diff-top-bottom', kind: 'difference', edits: inOverall('最高的渝北区比最低的武隆区高41.21分。'), note: '88.59 - 47.38 = 41.21' }),
  right({ id: 't-diff-second', kind: 'difference', edits: inOverall('渝北区双创指数得分比第2位的沙坪坝区高9.39分。'), note: '88.59 - 79.20' }),
  right({ id: 't-mean-vitality', kind: 'mean', edits: inNode('双创活力', '全市双创活力指数平均得分为20.98分。'), note: 'mean 20.98' }),
  right({ id: 't-tier-sum', kind: 'tier', edits: inTiers('第一类和第二类共有6个区县。'), note: '1 + 5' }),
  right({ id: 't-tier-70-count', kind: 'tier', edits: inTiers('双创指数得分在70分以上的区县有6个。'), note: '6' }),
  right({ id: 't-tier-member', kind: 'tier', edits: inTiers('荣昌区位于第三类。'), note: '荣昌区 59.54' }),
  right({ id: 't-prev-score-rank', kind: 'quarter', edits: inOverall('上季度，九龙坡区双创指数得分为80.83分，居全市第2位。'), note: '2018Q2: 80.83, rank 2' }),
  right({ id: 't-prev-label-rank', kind: 'quarter', edits: inOverall('2018年第2季度，江北区双创指数排名第3位。'), note: '2018Q2 rank 3' }),
  right({ id: 't-tie-env-25', kind: 'tie', edits: inNode('双创环境', '开州区和奉节县的双创环境指数并列第25位，均为22.40。'), note: 'tied 25, 22.40' }),
  right({ id: 't-tie-low-3', kind: 'tie', edits: inNode('双创成效', '双创成效指数并列最低的是武隆区、巫溪县和彭水县，均为12.11。'), note: 'three tied at 12.11' }),
  right({ id: 't-dir-nanan', kind: 'direction', edits: inOverall('南岸区双创指数得分有所下降。'), note: '-0.12' }),
  right({ id: 't-count-rose-fell', kind: 'count', edits: inOverall('全市24个区县双创指数上升、14个区县下降。'), note: 'rose 24 fell 14' }),
  right({ id: 't-count-fell-17', kind: 'count', edits: inNode('双创活力', '双创活力指数下降的区县有17个。'), note: 'fell 17' }),
  right({ id: 't-flat-fengjie', kind: 'direction', edits: inNode('双创活力', '奉节县双创活力指数与上季度持平。'), note: '奉节县 双创活力 diff 0' }),
  right({ id: 't-share', kind: 'indicator', edits: inOverall('渝北区众创空间数占全市总量的10.05%。'), note: 'share 10.05' }),
  right({ id: 't-rate-pp', kind: 'unit', edits: inOverall('大渡口区新注册企业数环比增长率较上季度提高了70.23个百分点。'), note: '+70.23 pp' }),
  right({ id: 't-val-two-facts', kind: 'value', edits: inOverall('渝北区和沙坪坝区双创指数得分分别为88.59分和79.20分。'), note: '88.59, 79.20' }),
  right({ id: 't-from-to-own-verb', kind: 'value', edits: inOverall('酉阳县双创指数得分由54.12分升至56.48分。'), note: '54.12 → 56.48' }),
  right({ id: 't-passive-first', kind: 'superlative', edits: inOverall('全市双创环境指数第一名由渝北区获得。'), note: '双创环境 rank 1 渝北区' }),
  right({ id: 't-driver-fuling', kind: 'driver', edits: inNode('双创成效', '涪陵区双创成效指数增幅最大，为12.97%，主要得益于就业潜力的增长。'), note: '涪陵区 12.97%, driver 就业潜力' }),
  right({ id: 't-fig-bars', kind: 'figure', edits: inTiers('各区县双创指数得分排序见图3。'), note: '图3 is the ranked bars of 双创指数' }),
  right({ id: 't-note-mean', kind: 'note', edits: noteLine('注：全市38个区县双创指数平均得分为60.94分。'), note: 'mean 60.94' }),
  right({ id: 't-footnote-mean-pct', kind: 'footnote', edits: footnote('2018年第3季度全市双创指数平均增长0.70%。'), note: 'meanPct 0.70' }),
  right({ id: 't-wy-score-up', kind: 'wording', edits: edit('wording.yaml', 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 升高, down: 降低, flat: 持平 }'), note: 'synonyms of the lexicon' }),
  right({ id: 't-wy-node-adjectives', kind: 'wording', edits: edit('wording.yaml', '双创活力: { strong: 突出, weak: 偏弱 }', '双创活力: { strong: 较强, weak: 较弱 }'), note: 'synonyms of the lexicon' }),
  right({ id: 't-wy-rankmove', kind: 'wording', edits: edit('wording.yaml', 'up: 从{from}上升到{to}', 'up: 由{from}提升到{to}'), note: '提升 is in the lexicon' }),
  right({
    id: 't-cap-reworded',
    kind: 'caption',
    edits: edit('../figures.yaml', 'caption: "{{districtCount}}个区县{{node}}得分（{{quarterLabel}}）"\n\n  # 二、（一）', 'caption: "{{quarterLabel}}全市{{districtCount}}个区县{{node}}得分排序"\n\n  # 二、（一）'),
    note: 'a reworded caption',
  }),
  right({ id: 't-q1-vitality', kind: 'quarter', quarter: '2017Q1', edits: inNoChange('2017年第1季度，渝北区双创活力指数值为27.46，居全市首位。'), note: '2017Q1 27.46, rank 1' }),
  right({ id: 't-count-rose-24', kind: 'count', edits: inOverall('共有24个区县的双创指数得分较上季度有所提升。'), note: 'rose 24' }),
  right({ id: 't-count-flat-1', kind: 'count', edits: inNode('双创活力', '双创活力指数与上季度持平的区县有1个。'), note: 'same 1 (奉节县)' }),
  right({ id: 't-mean-pct-env', kind: 'mean', edits: inNode('双创环境', '38个区县双创环境指数平均增长了0.70%。'), note: 'meanPct 0.70' }),
  right({ id: 't-top3', kind: 'superlative', edits: inOverall('沙坪坝区双创指数得分位居全市前三。'), note: '沙坪坝区 rank 2' }),
  right({ id: 't-sign-minus', kind: 'sign', edits: inOverall('荣昌区双创成效指数环比变化为-14.93%。'), note: '-14.93%' }),
  right({ id: 't-wy-env-adjectives', kind: 'wording', edits: edit('wording.yaml', '双创环境: { strong: 相对优良, weak: 有待改善 }', '双创环境: { strong: 领先, weak: 落后 }'), note: 'synonyms of the lexicon' }),
  right({ id: 't-prev-tier', kind: 'quarter', edits: inOverall('上季度九龙坡区属于第一类。'), note: '九龙坡区 2018Q2 80.83 (≥80)' }),
  right({ id: 't-prev-top', kind: 'quarter', edits: inOverall('上季度双创指数得分最高的也是渝北区。'), note: '2018Q2 rank 1 渝北区 86.67' }),
  right({ id: 't-paren-pct', kind: 'value', edits: inOverall('大渡口区（增幅6.87%）是全市双创指数增幅最大的区县。'), note: '大渡口区 +6.87%, biggest rise' }),
  right({ id: 't-invest-yiyuan', kind: 'unit', edits: inOverall('渝北区创业投资额为20.72亿元，居全市第1位。'), note: '创业投资额 20.72亿元, rank 1' }),
  right({ id: 't-social-ci', kind: 'indicator', edits: inOverall('渝北区社会关注度达53,761次，较上季度增长了17.09%。'), note: '53,761次, +17.09%' }),
];

export const CASES: HeldoutCase[] = [...WRONG, ...TRUE];
