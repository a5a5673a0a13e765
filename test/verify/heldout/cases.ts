/**
 * Held-out cases for the fact check (issue 12): written WITHOUT reading the tuned
 * battery (test/verify/battery/cases.ts) or the checker's rules (src/verify/rules/),
 * from the templates, wording.yaml and the 2018Q3 / 2017Q1 ledgers of the sample
 * data only. They measure how the check does on sentences nobody tuned it against.
 *
 * Same shape as the battery's cases (run through the battery's harness and run.ts):
 * each case is one editor's edit of templates/ — mostly a sentence of the editor's
 * own in a paragraph added to report.hbs, some rewordings of a template, some values
 * of wording.yaml or figures.yaml changed. Every `note` gives the ledger value
 * (output/2018Q3/v1/facts.json after `npm run sample`) that makes the case wrong
 * or true.
 */
import type { Edit } from '../battery/harness.js';
import type { HeldOutCase } from '../battery/heldout.js';

/** A case of this set: a battery case, with the id of its true twin (the same form, the true value) if any. */
export type HeldoutCase = HeldOutCase;

const edit = (file: string, find: string, replace: string): Edit => ({ file, find, replace });

/** Where an editor's own paragraph goes. */
type Place = 'results' | '双创活力' | '双创环境' | '双创成效' | 'overall' | 'portraits' | 'noChange';

/**
 * An editor's own paragraph in report.hbs: at the end of 一、 (before its figures),
 * at the end of one first-level index's section, at the end of 三、（一）, after the
 * introduction of the typical districts, or (2017Q1) after the no-change sentence.
 */
function para(place: Place, text: string): Edit {
  const p = `{{#paragraph "editor"}}${text}{{/paragraph}}`;
  switch (place) {
    case 'results':
      return edit('report.hbs', '{{figures root}}', `${p}\n{{figures root}}`);
    case 'overall':
      return edit('report.hbs', '{{figures "对比"}}', `${p}\n{{figures "对比"}}`);
    case 'portraits':
      return edit('report.hbs', '{{#paragraph "portraits"}}{{> portraits}}{{/paragraph}}', `{{#paragraph "portraits"}}{{> portraits}}{{/paragraph}}\n${p}`);
    case 'noChange':
      return edit('report.hbs', '{{#paragraph "noChange"}}{{> no-change}}{{/paragraph}}', `{{#paragraph "noChange"}}{{> no-change}}{{/paragraph}}\n${p}`);
    default:
      // Inside the loop over the first-level indices: only in that index's section.
      return edit('report.hbs', '{{figures node}}', `{{#if (eq node "${place}")}}{{#paragraph "editor" node=node}}${text}{{/paragraph}}{{/if}}\n{{figures node}}`);
  }
}

type W = [id: string, kind: string, place: Place, text: string, mark: string, note: string, quarter?: string];

/** Wrong sentences of the editor's own (one sentence each, false by the ledger). */
const OWN_WRONG: W[] = [
  // ——— a previous-quarter value stated as this quarter's
  ['prev-score-jlp', 'previous-as-current', 'results', '2018年第3季度，九龙坡区双创指数得分80.83分，居全市第2位。', '九龙坡区双创指数得分80.83分', '九龙坡区 2018Q3: 79.14分, 第3位; 80.83分/第2位 are 2018Q2'],
  ['prev-rank-jb', 'previous-as-current', '双创活力', '本季度江北区双创活力指数排名全市第2位。', '江北区双创活力指数排名全市第2位', '江北区 双创活力 rank 2018Q3: 6 (2018Q2: 2)'],
  ['prev-score-rc', 'previous-as-current', 'results', '荣昌区的双创指数得分为64.04分，排在第10位。', '荣昌区的双创指数得分为64.04分', '荣昌区 双创指数 2018Q3: 59.54分 第17位; 64.04/第10位 are 2018Q2'],
  ['prev-env-spb', 'previous-as-current', '双创环境', '沙坪坝区双创环境指数为30.22。', '沙坪坝区双创环境指数为30.22', '沙坪坝区 双创环境 2018Q3: 31.90 (30.22 is 2018Q2)'],
  ['prev-indicator-yb', 'previous-as-current', '双创活力', '渝北区新注册企业数为1029家，居全市第1位。', '渝北区新注册企业数为1029家', '渝北区 新注册企业数 2018Q3: 1280家 (1029家 is 2018Q2, when it was 第2位)'],

  // ——— units: % for changes of scores and counts, 个百分点 for rates
  ['unit-pp-score', 'unit', 'overall', '大渡口区双创指数较上季度增长了6.87个百分点。', '增长了6.87个百分点', '大渡口区 双创指数 change: +6.87% (a score: %, not 个百分点)'],
  ['unit-pp-mean', 'unit', '双创活力', '全市双创活力指数平均提高了0.69个百分点。', '平均提高了0.69个百分点', '双创活力 mean % change 0.69% (a mean of % changes: %, not 个百分点)'],
  ['unit-pct-rate', 'unit', '双创活力', '大渡口区新注册企业数环比增长率较上季度提高了70.23%。', '提高了70.23%', '新注册企业数环比增长率 is a rate: 大渡口区 +70.23个百分点, not %'],
  ['unit-pp-count', 'unit', 'portraits', '荣昌区新注册企业数较上季度减少了33.33个百分点。', '减少了33.33个百分点', '荣昌区 新注册企业数 (a count) -33.33%: %, not 个百分点'],
  ['unit-pct-score', 'unit', 'results', '渝北区双创指数为88.59%，居全市首位。', '渝北区双创指数为88.59%', '渝北区 双创指数 88.59分 (a score in 分, not %)'],

  // ——— direction words with or without a number
  ['dir-jlp-up', 'direction-word', 'overall', '九龙坡区双创指数得分较上季度有所上升。', '九龙坡区双创指数得分较上季度有所上升', '九龙坡区 双创指数 diff -1.69 (fell)'],
  ['dir-spb-vit', 'direction-word', '双创活力', '沙坪坝区的双创活力有所提升。', '沙坪坝区的双创活力有所提升', '沙坪坝区 双创活力 diff -0.36 (fell)'],
  ['dir-yb-out', 'direction-word', '双创成效', '与上季度相比，渝北区双创成效指数小幅上扬。', '渝北区双创成效指数小幅上扬', '渝北区 双创成效 diff -0.67 (fell)'],
  ['dir-yy-env', 'direction-word', '双创环境', '酉阳县双创环境指数较上季度回落。', '酉阳县双创环境指数较上季度回落', '酉阳县 双创环境 diff +1.01 (rose)'],
  ['dir-mean-out', 'direction-word', '双创成效', '全市双创成效指数整体有所下滑。', '全市双创成效指数整体有所下滑', '双创成效 mean change +0.77% (direction up)'],
  ['dir-rank-jb', 'direction-word', 'overall', '江北区双创指数排名较上季度有所上升。', '江北区双创指数排名较上季度有所上升', '江北区 双创指数 rank 3 → 5 (fell)'],

  // ——— names that are not one of the 38, old names
  ['name-liangjiang', 'list-name', 'results', '双创指数排名靠前的区县有渝北区、沙坪坝区、九龙坡区、两江新区。', '两江新区', '两江新区 is not one of the 38 districts'],
  ['name-old-wulong', 'list-name', 'results', '第四类包括巫溪县、彭水县和武隆县。', '彭水县和武隆县', '武隆县 is the old name of 武隆区 (tier members: 巫溪县、彭水县和武隆区)'],
  ['name-wansheng', 'list-name', '双创环境', '双创环境得分最低的5个区县为城口县、秀山县、巫溪县、武隆区、万盛经开区。', '万盛经开区', '万盛经开区 is not one of the 38 (the bottom five end with 彭水县)'],
  ['name-old-rongchang', 'list-name', 'overall', '荣昌县双创指数降幅最大。', '荣昌县双创指数降幅最大', '荣昌县 is the old name of 荣昌区'],
  ['name-gaoxin', 'list-name', '双创活力', '双创活力靠前的有渝北区、南岸区、沙坪坝区、渝中区、高新区。', '高新区', '高新区 is not one of the 38 (the fifth is 九龙坡区)'],

  // ——— list members, completeness, order
  ['list-incomplete-tier2', 'list-members', 'results', '第二类区县为沙坪坝区、九龙坡区、南岸区、江北区。', '第二类区县为沙坪坝区、九龙坡区、南岸区、江北区', '第二类 has 5 members: 渝中区 is missing'],
  ['list-extra-below50', 'list-members', 'results', '双创指数得分在50分以下的区县有巫溪县、彭水县、武隆区和城口县。', '武隆区和城口县', '城口县 51.69分 is not below 50 (第三类)'],
  ['list-order-out', 'list-order', '双创成效', '双创成效前五位依次为渝北区、江北区、九龙坡区、南岸区、沙坪坝区。', '双创成效前五位依次为渝北区、江北区', '双创成效 ranks: 九龙坡区 2, 江北区 3 (order 渝北、九龙坡、江北、南岸、沙坪坝)'],
  ['list-risers-vit', 'list-members', '双创活力', '双创活力指数增幅较大的区县有大渡口区、丰都县、永川区、酉阳县、沙坪坝区。', '酉阳县、沙坪坝区', '沙坪坝区 双创活力 fell (-1.29%); the fifth riser is 渝北区'],
  ['list-fallers-env', 'list-members', '双创环境', '双创环境降幅较大的有九龙坡区、南川区、潼南区、南岸区、江北区。', '潼南区、南岸区、江北区', '江北区 双创环境 -0.29% is not among the five largest falls (the fifth is 江津区 -1.35%)'],

  // ——— 并列 only where the ledger has a tie
  ['tie-first', 'tie', 'results', '渝北区与沙坪坝区双创指数并列第1位。', '渝北区与沙坪坝区双创指数并列第1位', '渝北区 88.59 #1 alone; 沙坪坝区 79.20 #2'],
  ['tie-lowest-vit', 'tie', '双创活力', '武隆区双创活力指数并列最低。', '武隆区双创活力指数并列最低', '武隆区 15.90 is the lowest alone'],
  ['tie-incomplete', 'tie', '双创成效', '巫溪县和彭水县的双创成效指数并列最低，均为12.11。', '巫溪县和彭水县的双创成效指数并列最低', 'three districts are tied lowest at 12.11: 武隆区、巫溪县、彭水县 (武隆区 left out)'],
  ['tie-wrong-partner', 'tie', '双创环境', '开州区和云阳县的双创环境指数并列第25位。', '开州区和云阳县', '开州区 is tied 25th with 奉节县 (22.40); 云阳县 22.59 is 23rd'],

  // ——— superlatives in words and digits
  ['sup-first-spb', 'superlative', 'results', '沙坪坝区双创指数居全市首位。', '沙坪坝区双创指数居全市首位', '沙坪坝区 is 2nd; 渝北区 is 1st'],
  ['sup-first-na', 'superlative', '双创活力', '南岸区双创活力排名第一。', '南岸区双创活力排名第一', '南岸区 双创活力 #2 (27.61); 渝北区 #1'],
  ['sup-lowest-env', 'superlative', '双创环境', '双创环境指数最低的是武隆区。', '双创环境指数最低的是武隆区', '双创环境 lowest: 彭水县 19.23; 武隆区 19.37 is 37th'],
  ['sup-last-xs', 'superlative', 'results', '秀山县双创指数位居全市末位。', '秀山县双创指数位居全市末位', '秀山县 #35; 武隆区 #38 is last'],
  ['sup-riser-yy', 'superlative', 'overall', '酉阳县是全市双创指数增幅最大的区县。', '酉阳县是全市双创指数增幅最大的区县', '双创指数 biggest rise: 大渡口区 6.87%; 酉阳县 4.36% is 2nd'],
  ['sup-faller-jb', 'superlative', '双创活力', '江北区双创活力指数降幅最大。', '江北区双创活力指数降幅最大', '双创活力 biggest fall: 荣昌区 -11.11%; 江北区 -4.99% is 3rd'],
  ['sup-lowest-ps', 'superlative', 'results', '在38个区县中，彭水县双创指数得分最低。', '彭水县双创指数得分最低', '双创指数 lowest: 武隆区 47.38; 彭水县 47.93 is 37th'],

  // ——— figure references (2018Q3: 图1 map, 图2 change, 图3 bars of 双创指数; 图4–6 双创活力 …; 图13 two quarters)
  ['fig-map-vit', 'figure-ref', '双创活力', '各区县双创活力分布情况见图7。', '双创活力分布情况见图7', '双创活力分布图 is 图4; 图7 is 双创环境分布图'],
  ['fig-change-total', 'figure-ref', 'results', '各区县双创指数环比变化情况见图3。', '双创指数环比变化情况见图3', '双创指数环比变化 is 图2; 图3 is the bar chart of scores'],
  ['fig-two-quarter', 'figure-ref', 'overall', '各区县连续两季度得分变化情况见图12。', '连续两季度得分变化情况见图12', 'the two-quarter chart is 图13; 图12 is 双创成效得分'],
  ['fig-missing', 'figure-ref', '双创成效', '38个区县双创成效得分如图14所示。', '如图14所示', 'there is no 图14 (双创成效得分 is 图12)'],
  ['fig-2017-bars', 'figure-ref', 'noChange', '各区县双创指数得分见图3。', '各区县双创指数得分见图3', '2017Q1 (no change charts): 双创指数得分 is 图2; 图3 is 双创活力分布图', '2017Q1'],

  // ——— a 注 line written in the text
  ['note-mean', 'caption-footnote-note', 'results', '注：全市38个区县双创指数平均得分为61.94分。', '平均得分为61.94分', '双创指数 mean 60.94'],

  // ——— quarter labels, 同比 for 环比
  ['q-label-prev', 'quarter-label', 'results', '2018年第2季度，渝北区双创指数得分为88.59分。', '2018年第2季度，渝北区双创指数得分为88.59分', '渝北区 2018Q2: 86.67分; 88.59 is 2018Q3'],
  ['q-label-future', 'quarter-label', 'overall', '2018年第4季度，大渡口区双创指数增幅最大。', '2018年第4季度，大渡口区双创指数增幅最大', 'the report is of 2018Q3; 2018年第4季度 is not the quarter of this claim'],
  ['q-label-base', 'quarter-label', 'overall', '与2018年第1季度相比，荣昌区双创指数下降了4.50分。', '与2018年第1季度相比', 'the -4.50 is against 2018年第2季度, not 2018年第1季度'],
  ['q-label-prevword', 'quarter-label', 'overall', '上季度渝北区双创指数得分为88.59分。', '上季度渝北区双创指数得分为88.59分', '渝北区 2018Q2: 86.67分 (88.59 is 2018Q3)'],
  ['yoy-lastyear', 'yoy', 'overall', '大渡口区双创指数较去年同期增长6.87%。', '较去年同期增长6.87%', '6.87% is on 2018Q2 (环比); 去年同期 (2017Q3) is not in the ledger'],
  ['yoy-own', 'yoy', 'overall', '大渡口区双创指数同比增长6.87%。', '同比增长6.87%', '6.87% is the change on the previous quarter (环比); 同比 needs 2017Q3'],

  // ——— a rate compared with a score
  ['rate-score-own', 'rate-vs-score', 'overall', '有19个区县的双创指数增幅高于全市平均分。', '增幅高于全市平均分', 'a % change compared with a score (19 districts are above the mean % change 0.70%)'],
  ['score-rate-own', 'rate-vs-score', '双创活力', '渝北区双创活力指数得分高于全市平均增幅。', '得分高于全市平均增幅', 'a score compared with a mean % change'],

  // ——— counts that belong to another claim
  ['count-rose-vit', 'count-other-claim', '双创活力', '全市有24个区县的双创活力指数较上季度上升。', '有24个区县的双创活力指数较上季度上升', '双创活力 rose in 20 districts (24 is 双创指数 / 双创环境)'],
  ['count-fell-out', 'count-other-claim', '双创成效', '双创成效指数下降的区县有14个。', '双创成效指数下降的区县有14个', '双创成效 fell in 9 districts (14 is 双创指数)'],
  ['count-tier3', 'count-other-claim', 'results', '第三类区县共有30个。', '第三类区县共有30个', '第三类 has 29 members'],
  ['count-above70', 'count-other-claim', 'results', '双创指数得分在70分以上的区县有5个。', '双创指数得分在70分以上的区县有5个', '1 + 5 = 6 districts score above 70'],
  ['count-tier2-range', 'count-other-claim', 'results', '双创指数得分在70—80分的区县有6个。', '双创指数得分在70—80分的区县有6个', '70—80分 (第二类): 5 districts'],

  // ——— numerals against GB/T 15835 (values themselves true)
  ['num-cn-count', 'numerals', 'results', '第三类区县有二十九个。', '第三类区县有二十九个', 'Chinese numeral: 29个'],
  ['num-fullwidth', 'numerals', 'results', '双创指数得分在80分以上的区县有１个。', '有１个', 'full-width digit: 1个'],
  ['num-spelled-pct', 'numerals', 'overall', '大渡口区双创指数增幅为百分之六点八七。', '百分之六点八七', 'spelled-out percentage: 6.87%'],
  ['num-cn-score', 'numerals', 'results', '渝北区双创指数得分八十八点五九分。', '八十八点五九分', 'Chinese numerals: 88.59分'],

  // ——— adjectives of the editor's own
  ['adj-strong-bottom', 'adjective', '双创环境', '城口县的双创环境表现突出。', '城口县的双创环境表现突出', '城口县 双创环境 #34 (bottom five)'],
  ['adj-lead-rc', 'adjective', '双创成效', '荣昌区双创成效领先。', '荣昌区双创成效领先', '荣昌区 双创成效 #29'],

  // ——— drivers
  ['driver-vit', 'driver', '双创活力', '大渡口区双创活力指数大幅上升，主要得益于科技型企业数的增长。', '主要得益于科技型企业数的增长', '双创活力 biggest rise 大渡口区: driver 新注册企业数'],
  ['driver-env', 'driver', '双创环境', '沙坪坝区双创环境增幅最大，主要得益于众创空间数的增长。', '主要得益于众创空间数的增长', '双创环境 biggest rise 沙坪坝区: driver 社会关注度'],
  ['driver-out-fall', 'driver', '双创成效', '荣昌区双创成效下降主要受新增就业岗位数下降影响。', '主要受新增就业岗位数下降影响', '双创成效 biggest fall 荣昌区: driver 就业潜力'],
  ['driver-pct', 'driver', '双创成效', '涪陵区双创成效指数增幅最大，主要得益于就业潜力的增长，该指标较上季度增长了21.14%。', '该指标较上季度增长了21.14%', '涪陵区 就业潜力 +58.86%'],

  // ——— city means
  ['mean-other-index', 'city-mean', '双创活力', '全市双创活力指数平均得分为24.29分。', '全市双创活力指数平均得分为24.29分', '双创活力 mean 20.98 (24.29 is 双创环境)'],
  ['mean-previous', 'city-mean', 'results', '全市双创指数平均得分为60.53分。', '全市双创指数平均得分为60.53分', '双创指数 mean 2018Q3: 60.94 (60.53 is 2018Q2)'],
  ['mean-pct-other', 'city-mean', '双创成效', '全市38个区县双创成效指数平均增长了0.70%。', '双创成效指数平均增长了0.70%', '双创成效 mean % change 0.77% (0.70 is 双创指数 / 双创环境)'],

  // ——— derived numbers
  ['derived-diff-top2', 'derived', 'results', '渝北区双创指数得分比沙坪坝区高8.39分。', '比沙坪坝区高8.39分', '88.59 - 79.20 = 9.39'],
  ['derived-places-up', 'derived', 'overall', '大渡口区双创指数排名上升了6位。', '大渡口区双创指数排名上升了6位', '17 → 12: 5 places'],
  ['derived-range', 'derived', 'results', '最高的渝北区比最低的武隆区高42.21分。', '高42.21分', '88.59 - 47.38 = 41.21'],
  ['derived-places-down', 'derived', 'overall', '荣昌区双创指数排名下降了5位。', '荣昌区双创指数排名下降了5位', '10 → 17: 7 places'],
  ['derived-tier-sum', 'derived', 'results', '第一类和第二类区县合计7个。', '第一类和第二类区县合计7个', '1 + 5 = 6'],
  ['derived-up-down', 'derived', 'overall', '全市24个区县双创指数得分上升、13个区县下降。', '13个区县下降', '双创指数: 24 rose, 14 fell'],
  ['derived-diff-digits', 'derived', 'overall', '渝北区双创指数较上季度提高1.29分。', '渝北区双创指数较上季度提高1.29分', '渝北区 diff +1.92'],

  // ——— comparisons between districts
  ['cmp-jlp-spb', 'comparison', 'results', '九龙坡区双创指数得分高于沙坪坝区。', '九龙坡区双创指数得分高于沙坪坝区', '九龙坡区 79.14 < 沙坪坝区 79.20'],
  ['cmp-jb-yz', 'comparison', '双创活力', '双创活力方面，江北区得分高于渝中区。', '江北区得分高于渝中区', '双创活力: 江北区 26.64 < 渝中区 26.77'],
  ['cmp-rank-jb', 'comparison', '双创活力', '江北区双创活力排名领先于渝中区。', '江北区双创活力排名领先于渝中区', '双创活力 ranks: 江北区 6, 渝中区 4'],
  ['cmp-rc-ddk', 'comparison', 'overall', '荣昌区双创指数得分仍高于大渡口区。', '荣昌区双创指数得分仍高于大渡口区', '荣昌区 59.54 < 大渡口区 62.88 (it was higher in 2018Q2)'],

  // ——— 前N位 / 后N位
  ['topn-3', 'top-n', 'results', '双创指数前三位为渝北区、沙坪坝区和南岸区。', '双创指数前三位为渝北区、沙坪坝区和南岸区', '3rd is 九龙坡区 79.14; 南岸区 is 4th'],
  ['bottomn-3-env', 'top-n', '双创环境', '双创环境后三位为巫溪县、武隆区和城口县。', '双创环境后三位为巫溪县、武隆区和城口县', 'bottom three of 双创环境: 巫溪县 36, 武隆区 37, 彭水县 38 (城口县 34)'],
  ['topn-2-vit', 'top-n', '双创活力', '双创活力排名前2位的是渝北区和沙坪坝区。', '双创活力排名前2位的是渝北区和沙坪坝区', '双创活力 #2 is 南岸区 27.61; 沙坪坝区 is #3'],

  // ——— shares
  ['share-yb', 'share', 'portraits', '渝北区众创空间数占全市总量的8.41%。', '渝北区众创空间数占全市总量的8.41%', '渝北区 众创空间数 share 10.05% (8.41% is its 科技企业孵化器数)'],
  ['share-spb', 'share', '双创环境', '沙坪坝区社会关注度占全市总量的5.40%。', '沙坪坝区社会关注度占全市总量的5.40%', '沙坪坝区 社会关注度 share 5.50%'],

  // ——— counts of indicators
  ['indcount-12', 'indicator-count', 'results', '双创指数由3个一级指标、12项具体指标构成。', '12项具体指标', 'the tree has 11 indicators'],

  // ——— ranks of indicators
  ['indrank-yb', 'indicator-rank', 'portraits', '渝北区新注册企业数居全市第2位。', '渝北区新注册企业数居全市第2位', '渝北区 新注册企业数 #1 (2018Q2: #2)'],
  ['indrank-fl', 'indicator-rank', '双创成效', '涪陵区就业潜力排名从第12位上升到第2位。', '涪陵区就业潜力排名从第12位上升到第2位', '涪陵区 就业潜力 #12 → #1'],
  ['indrank-spb-env', 'indicator-rank', '双创环境', '沙坪坝区双创环境指数为31.90，位列第3。', '位列第3', '沙坪坝区 双创环境 #2'],

  // ——— tier membership
  ['tier-yz', 'tier', 'results', '渝中区属于第一类区县。', '渝中区属于第一类区县', '渝中区 第二类 (77.43)'],
  ['tier-ck', 'tier', 'results', '城口县位于第四类。', '城口县位于第四类', '城口县 第三类 (51.69)'],
  ['tier-wx-range', 'tier', 'results', '巫溪县双创指数得分在50—70分之间。', '巫溪县双创指数得分在50—70分之间', '巫溪县 48.24 (第四类, below 50)'],

  // ——— plain wrong numbers
  ['num-transposed', 'value', 'results', '渝北区双创指数得分88.95分。', '渝北区双创指数得分88.95分', '渝北区 88.59'],

  // ——— no previous quarter (2017Q1)
  ['noprev-direction', 'no-previous', 'noChange', '与上季度相比，渝北区双创指数有所上升。', '渝北区双创指数有所上升', '2017Q1 has no previous quarter in the data: no change can be stated', '2017Q1'],
  ['noprev-mean', 'no-previous', 'noChange', '38个区县双创指数平均增长了1.20%。', '平均增长了1.20%', '2017Q1 has no previous quarter: no mean change exists', '2017Q1'],
];

type E = [id: string, kind: string, edits: Edit[], mark: string, note: string, where?: 'document'];

/** Wrong edits of the templates, wording.yaml, figures.yaml (the generated text carries its facts). */
const TEMPLATE_WRONG: E[] = [
  [
    'tpl-prev-score',
    'previous-as-current',
    [edit('portrait.hbs', '{{district}}{{@root.root}}得分{{f2 total.score}}分，', '{{district}}{{@root.root}}得分{{f2 total.previousScore}}分，')],
    '渝北区双创指数得分86.67分',
    'portrait: 渝北区 2018Q3 88.59分 (86.67 is 2018Q2)',
  ],
  [
    'tpl-unit-risers',
    'unit',
    [edit('risers.hbs', '增幅{{#if m.extreme.tied}}均{{/if}}为{{abs2 m.extreme.pct}}%', '增幅{{#if m.extreme.tied}}均{{/if}}为{{abs2 m.extreme.pct}}个百分点')],
    '增幅为18.03个百分点',
    '大渡口区 双创活力 +18.03% (a score: %)',
  ],
  ['tpl-dir-overall', 'direction-word', [edit('overall.hbs', '得分有所上升，从', '得分有所下降，从')], '得分有所下降，从2018年第2季度的86.67分', '渝北区 86.67 → 88.59 rose'],
  ['tpl-tie-level', 'tie', [edit('level.hbs', '的{{node}}指数值{{#if level.lowest.tied}}并列{{/if}}最低', '的{{node}}指数值并列最低')], '武隆区的双创活力指数值并列最低', '双创活力 lowest 武隆区 alone'],
  ['tpl-quarter-tiers', 'quarter-label', [edit('tiers.hbs', '根据各区县{{meta.quarterLabel}}', '根据各区县{{meta.previousLabel}}')], '根据各区县2018年第2季度双创指数的综合得分', 'the tiers are of 2018Q3'],
  ['tpl-yoy-overall', 'yoy', [edit('overall.hbs', '相比{{meta.previousLabel}}，{{meta.quarterLabel}}全市', '与上年同期相比，{{meta.quarterLabel}}全市')], '与上年同期相比', 'the mean change 0.70% is on 2018Q2 (环比), not on 2017Q3'],
  ['tpl-yoy-portrait', 'yoy', [edit('portrait.hbs', '环比{{growth total.pct le=false}}', '同比{{growth total.pct le=false}}')], '同比增长2.22%', '渝北区 +2.22% on 2018Q2 (环比)'],
  ['tpl-rate-score', 'rate-vs-score', [edit('change.hbs', '增幅高于平均增幅', '增幅高于全市平均得分')], '增幅高于全市平均得分', 'a % change compared with the mean score'],
  ['tpl-count-fell', 'count-other-claim', [edit('overall.hbs', '其中有{{int overall.change.rose}}个区县', '其中有{{int overall.change.fell}}个区县')], '其中有14个区县的双创指数得分较上季度有所提升', '24 districts rose (14 fell)'],
  ['tpl-indcount', 'indicator-count', [edit('portrait.hbs', '从{{cn subCount}}个一级指标来看', '从四个一级指标来看')], '从四个一级指标来看', 'the tree has three first-level indices'],
  ['yaml-adj-swap', 'adjective', [edit('wording.yaml', '双创活力: { strong: 突出, weak: 偏弱 }', '双创活力: { strong: 偏弱, weak: 突出 }')], '九龙坡区的双创活力偏弱', 'the top five of 双创活力 called 偏弱'],
  ['yaml-adj-weak', 'adjective', [edit('wording.yaml', '双创成效: { strong: 显著, weak: 较低 }', '双创成效: { strong: 较低, weak: 较低 }')], '沙坪坝区的双创成效较低', 'the top five of 双创成效 called 较低'],
  ['yaml-verb-swap', 'verb', [edit('wording.yaml', 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 下降, down: 上升, flat: 持平 }')], '较2018年第2季度下降了1.92分', '渝北区 +1.92 (rose)'],
  ['yaml-rankmove-swap', 'verb', [edit('wording.yaml', 'up: 从{from}上升到{to}', 'up: 从{from}下降到{to}')], '从第17位下降到第12位', '大渡口区 17 → 12 is a rise'],
  [
    'fig-caption-quarter',
    'caption-footnote-note',
    [
      edit(
        '../figures.yaml',
        '- id: bars-total\n    kind: bars\n    node: 双创指数\n    caption: "{{districtCount}}个区县{{node}}得分（{{quarterLabel}}）"',
        '- id: bars-total\n    kind: bars\n    node: 双创指数\n    caption: "{{districtCount}}个区县{{node}}得分（2018年第2季度）"',
      ),
    ],
    '双创指数得分（2018年第2季度）',
    'the bar chart shows 2018Q3',
    'document',
  ],
  [
    'fig-caption-unit',
    'caption-footnote-note',
    [
      edit(
        '../figures.yaml',
        '- id: change-vitality\n    kind: change\n    node: 双创活力\n    caption: "{{quarterLabel}}{{node}}环比变化（%）"',
        '- id: change-vitality\n    kind: change\n    node: 双创活力\n    caption: "{{quarterLabel}}{{node}}环比变化（个百分点）"',
      ),
    ],
    '双创活力环比变化（个百分点）',
    'the change chart of 双创活力 (a score) is in %',
    'document',
  ],
  [
    'fig-caption-count',
    'caption-footnote-note',
    [edit('../figures.yaml', '- id: bars-outcome\n    kind: bars\n    node: 双创成效\n    caption: "{{districtCount}}个区县', '- id: bars-outcome\n    kind: bars\n    node: 双创成效\n    caption: "37个区县')],
    '37个区县双创成效得分',
    'the data has 38 districts',
    'document',
  ],
  [
    'fig-caption-span',
    'caption-footnote-note',
    [edit('../figures.yaml', '（{{previousQuarterLabel}}—{{quarterLabel}}）', '（2018年第1季度—2018年第3季度）')],
    '2018年第1季度—2018年第3季度',
    'the two quarters are 2018年第2季度 and 2018年第3季度',
    'document',
  ],
  ['footnote-count', 'caption-footnote-note', [edit('report.hbs', '等机构的专家学者组成。', '等机构的专家学者组成，本期共评价39个区县。')], '本期共评价39个区县', 'the data has 38 districts', 'document'],
];

/** Wrong case → its true twin (same sentence with the ledger's value). */
const TWINS: Record<string, string> = {
  'name-wansheng': 't-bottom5-env',
  'count-tier3': 't-tier3-count',
  'derived-tier-sum': 't-tier-sum',
  'indcount-12': 't-indcount',
  'footnote-count': 't-footnote-count',
  'fig-2017-bars': 't-2017-fig',
};
const twinOf = (id: string) => (TWINS[id] ? { twin: TWINS[id] } : {});

export const WRONG: HeldoutCase[] = [
  ...OWN_WRONG.map(([id, kind, place, text, mark, note, quarter]): HeldoutCase => ({ id, kind, note, edits: [para(place, text)], expect: 'fail', mark, ...(quarter ? { quarter } : {}), ...twinOf(id) })),
  ...TEMPLATE_WRONG.map(([id, kind, edits, mark, note, where]): HeldoutCase => ({ id, kind, note, edits, expect: 'fail', mark, ...(where ? { where } : {}), ...twinOf(id) })),
];

type T = [id: string, kind: string, place: Place, text: string, note: string, quarter?: string];

/** True sentences of the editor's own, in varied wording. */
const OWN_TRUE: T[] = [
  ['t-top-first', 'true:superlative', 'results', '渝北区双创指数得分为88.59分，位居全市第一。', '渝北区 88.59 #1'],
  ['t-rank-places', 'true:derived', 'overall', '沙坪坝区双创指数排名由上季度的第5位上升到第2位，上升了3位。', '沙坪坝区 #5 → #2'],
  ['t-diff-second', 'true:derived', 'results', '渝北区双创指数得分比第2位的沙坪坝区高9.39分。', '88.59 - 79.20 = 9.39'],
  ['t-range', 'true:derived', 'results', '最高的渝北区比最低的武隆区高41.21分。', '88.59 - 47.38 = 41.21'],
  ['t-above70-list', 'true:list', 'results', '双创指数得分在70分以上的区县有6个，分别为渝北区、沙坪坝区、九龙坡区、南岸区、江北区和渝中区。', 'tiers 1 + 2: 6 districts, in rank order'],
  ['t-up-down', 'true:count', 'overall', '全市24个区县双创指数得分上升、14个区县下降。', 'rose 24, fell 14'],
  ['t-rc-fall', 'true:change', 'overall', '荣昌区双创指数较上季度下降了4.50分，降幅为7.03%，排名下降了7位。', '荣昌区 -4.50, -7.03%, #10 → #17'],
  ['t-cmp-jlp', 'true:comparison', 'results', '九龙坡区双创指数得分略低于沙坪坝区。', '79.14 < 79.20'],
  ['t-prev-jlp', 'true:previous', 'overall', '2018年第2季度，九龙坡区双创指数得分为80.83分，居全市第2位。', '九龙坡区 2018Q2: 80.83 #2'],
  ['t-ind-jb', 'true:indicator', '双创活力', '江北区新注册企业数为1067家，排名从第1位下降到第4位。', '江北区 新注册企业数 1067, #1 → #4'],
  ['t-tie-lowest', 'true:tie', '双创成效', '双创成效指数最低的是武隆区、巫溪县和彭水县，均为12.11。', 'three tied at 12.11 (#36)'],
  ['t-tie-25', 'true:tie', '双创环境', '开州区和奉节县的双创环境指数并列第25位。', '开州区、奉节县 22.40 #25'],
  ['t-bottom3-env', 'true:top-n', '双创环境', '双创环境后三位为巫溪县、武隆区和彭水县。', 'ranks 36, 37, 38'],
  ['t-top3', 'true:top-n', 'results', '双创指数前三位依次为渝北区、沙坪坝区、九龙坡区。', 'ranks 1, 2, 3'],
  ['t-share', 'true:share', 'portraits', '渝北区众创空间数为43家，占全市总量的10.05%。', '43家, share 10.05%'],
  ['t-rate-pp', 'true:unit', '双创活力', '大渡口区新注册企业数环比增长率为89.37%，较上季度提高了70.23个百分点。', '89.37%, +70.23 pp'],
  ['t-mean-vit', 'true:mean', '双创活力', '全市双创活力指数平均得分为20.98分，较上季度的20.85分有所提高。', 'mean 20.98, previous mean 20.85'],
  ['t-tier-yz', 'true:tier', 'results', '渝中区属于第二类区县。', '渝中区 第二类'],
  ['t-tier-ck', 'true:tier', 'results', '城口县双创指数得分51.69分，处于第三类。', '城口县 51.69 第三类'],
  ['t-tier-sum', 'true:derived', 'results', '第一类和第二类区县合计6个。', '1 + 5'],
  ['t-indcount', 'true:indicator-count', 'results', '双创指数由3个一级指标、11项具体指标构成。', '3 first-level indices, 11 indicators'],
  ['t-prev-rank-jb', 'true:previous', '双创活力', '在双创活力方面，江北区排名从上季度的第2位下降到第6位。', '江北区 双创活力 #2 → #6'],
  ['t-driver', 'true:driver', '双创成效', '涪陵区双创成效指数增幅最大，主要得益于就业潜力的增长，该指标较上季度增长了58.86%。', '涪陵区 +12.97%, driver 就业潜力 +58.86%'],
  ['t-flat', 'true:direction', '双创活力', '奉节县双创活力指数与上季度持平。', '奉节县 双创活力 19.31, diff 0'],
  ['t-counts-out', 'true:count', '双创成效', '38个区县中，有29个区县的双创成效指数较上季度上升，9个区县下降。', 'rose 29, fell 9'],
  ['t-driver-env', 'true:driver', '双创环境', '沙坪坝区双创环境指数增幅最大，为5.56%，主要得益于社会关注度的增长。', '沙坪坝区 +5.56%, driver 社会关注度'],
  ['t-both-first', 'true:previous', 'overall', '渝北区双创指数得分连续两个季度位居全市第1位。', '渝北区 #1 in 2018Q2 and 2018Q3'],
  ['t-ranks-down', 'true:derived', 'overall', '九龙坡区双创指数排名较上季度下降1位，江北区下降2位。', '九龙坡区 2 → 3, 江北区 3 → 5'],
  ['t-counts-vit', 'true:count', '双创活力', '双创活力指数下降的区县有17个，持平的有1个。', 'fell 17, same 1'],
  ['t-mean-total', 'true:mean', 'results', '全市双创指数平均得分为60.94分，比上季度提高0.41分。', 'mean 60.94, meanDiff +0.41'],
  ['t-second-na', 'true:superlative', '双创活力', '南岸区双创活力指数为27.61，仅次于渝北区。', '南岸区 27.61 #2'],
  ['t-pct-yb', 'true:change', 'overall', '渝北区双创指数得分较上季度增长2.22%。', '渝北区 +2.22%'],
  ['t-fig-bars', 'true:figure-ref', 'results', '各区县双创指数得分见图3。', 'bars-total is 图3'],
  ['t-fig-map', 'true:figure-ref', '双创活力', '双创活力分布情况见图4。', 'map-vitality is 图4'],
  ['t-largest-tier', 'true:count', 'results', '第三类区县数量最多，共29个。', '第三类 29 (1, 5, 29, 3)'],
  ['t-both-first-digits', 'true:previous', 'overall', '渝北区双创指数得分连续2个季度位居全市第1位。', '渝北区 #1 in 2018Q2 and 2018Q3 (Arabic numeral)'],
  ['t-fig-cross', 'true:figure-ref', 'overall', '各区县本季度双创指数得分排序见图3。', 'bars-total is 图3 (referred to from 三、)'],
  ['t-bottom5-env', 'true:list', '双创环境', '双创环境得分最低的5个区县为城口县、秀山县、巫溪县、武隆区、彭水县。', 'bottom five of 双创环境 (ranks 34–38; the true twin of name-wansheng)'],
  ['t-tier3-count', 'true:count', 'results', '第三类区县共有29个。', '第三类 29 (the true twin of count-tier3)'],
  ['t-2017-top', 'true:no-previous', 'noChange', '2017年第1季度，渝北区双创指数得分为84.30分，居全市首位，武隆区得分最低，为46.76分。', '2017Q1: 渝北区 84.30 #1, 武隆区 46.76 lowest', '2017Q1'],
  ['t-2017-fig', 'true:figure-ref', 'noChange', '各区县双创指数得分见图2。', '2017Q1: bars-total is 图2 (no change charts)', '2017Q1'],
];

type TE = [id: string, kind: string, edits: Edit[], note: string];

/** True edits of wording.yaml and figures.yaml (synonyms, a reworded caption). */
const TEMPLATE_TRUE: TE[] = [
  ['t-yaml-verb-syn', 'true:wording', [edit('wording.yaml', 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 提升, down: 下滑, flat: 持平 }')], 'synonyms from the lexicon for the score verbs'],
  ['t-yaml-adj-syn', 'true:wording', [edit('wording.yaml', '双创环境: { strong: 相对优良, weak: 有待改善 }', '双创环境: { strong: 较好, weak: 有待提升 }')], 'synonyms from the lexicon for the 双创环境 adjectives'],
  [
    't-yaml-rankmove',
    'true:wording',
    [edit('wording.yaml', 'up: [上升,', 'up: [升至, 上升,'), edit('wording.yaml', 'up: 从{from}上升到{to}', 'up: 由{from}升至{to}')],
    'a new rank-move phrase, its verb added to the lexicon first (as wording.yaml says)',
  ],
  ['t-footnote-count', 'true:footnote', [edit('report.hbs', '等机构的专家学者组成。', '等机构的专家学者组成，本期共评价38个区县。')], 'the data has 38 districts (the true twin of footnote-count)'],
  [
    't-caption-reworded',
    'true:figure',
    [
      edit(
        '../figures.yaml',
        '- id: bars-total\n    kind: bars\n    node: 双创指数\n    caption: "{{districtCount}}个区县{{node}}得分（{{quarterLabel}}）"',
        '- id: bars-total\n    kind: bars\n    node: 双创指数\n    caption: "{{quarterLabel}}{{districtCount}}个区县{{node}}得分"',
      ),
    ],
    'caption reworded, same facts',
  ],
];

export const TRUE: HeldoutCase[] = [
  ...OWN_TRUE.map(([id, kind, place, text, note, quarter]): HeldoutCase => ({ id, kind, note, edits: [para(place, text)], expect: 'pass', ...(quarter ? { quarter } : {}) })),
  ...TEMPLATE_TRUE.map(([id, kind, edits, note]): HeldoutCase => ({ id, kind, note, edits, expect: 'pass' })),
];

export const CASES: HeldoutCase[] = [...WRONG, ...TRUE];
