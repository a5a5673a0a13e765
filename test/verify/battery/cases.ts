/**
 * The battery of issue 12: editors' edits of the templates and of wording.yaml,
 * each on its own, that make the report text false (expect 'fail') or that keep it
 * true in other words (expect 'pass'), against the ledger of the sample data.
 *
 * Every number below was read from the sample's ledger (`npm run sample`, then
 * output/2018Q3/v1/facts.json); the `note` of each case says what the text claims
 * and what the ledger holds. `mark` is a distinctive part of the wrong sentence:
 * a case counts as caught when the check stops AND one of its problems names a
 * sentence containing it (marks avoid full-width characters and 图N, which the
 * checker may normalise or strip).
 *
 * Sample facts used most (2018Q3, previous 2018Q2):
 *   双创指数 mean 60.94 (prev 60.53, +0.41, +0.70 %), rose 24, fell 14, above mean 19;
 *     tiers 1 / 5 / 29 / 3; 渝北区 88.59 #1, 沙坪坝区 79.20 #2, 九龙坡区 79.14 #3,
 *     南岸区 78.85 #4, 江北区 78.51 #5, 渝中区 77.43 #6 … 彭水县 47.93 #37, 武隆区 47.38 #38.
 *   双创活力 mean 20.98 (prev 20.85), +0.69 %, rose 20, fell 17, same 1 (奉节县), above mean 16.
 *   双创环境 mean 24.29 (prev 24.11), +0.70 %, rose 24, fell 14, above mean 15; 开州区 = 奉节县 = 22.40 (并列第25位).
 *   双创成效 mean 15.68 (prev 15.57), +0.77 %, rose 29, fell 9, above mean 19; 武隆区 = 巫溪县 = 彭水县 = 12.11 (并列第36位).
 */
import type { Edit } from './harness.js';

export interface BatteryCase {
  id: string;
  /** The kind of claim (issue 12's list); true cases start with "true:". */
  kind: string;
  /** What the edit makes the text say, and what the ledger holds. */
  note: string;
  /** One editor's edit (a hand-written paragraph may need its anchor: still one edit). */
  edits: Edit[];
  expect: 'fail' | 'pass';
  /** A distinctive substring of the wrong sentence (wrong cases). */
  mark?: string;
  /** Default 2018Q3. */
  quarter?: string;
  /** 'document': the wrong text is in a caption, footnote, 注 line or the title, not in the narrative. */
  where?: 'narrative' | 'document';
}

const edit = (file: string, find: string, replace: string): Edit => ({ file, find, replace });
/** Adds text right after `anchor` (which must occur once in the file). */
const after = (file: string, anchor: string, text: string): Edit => edit(file, anchor, anchor + text);

type Place = 'results' | '双创活力' | '双创环境' | '双创成效' | 'overall' | 'portraits';

/**
 * A paragraph of the editor's own in report.hbs: at the end of 一、(before its
 * figures), in the section of one first-level index, after 三、（一）总体情况, or
 * after the introduction of the typical districts.
 */
function own(text: string, place: Place = 'results'): Edit {
  const p = (kind: string) => `{{#paragraph "${kind}"}}${text}{{/paragraph}}`;
  switch (place) {
    case 'results':
      return edit('report.hbs', '{{figures root}}', `${p('editor')}\n{{figures root}}`);
    case 'overall':
      return after('report.hbs', '{{#paragraph "overall" node=root}}{{> overall}}{{/paragraph}}', `\n${p('editor')}`);
    case 'portraits':
      return after('report.hbs', '{{#paragraph "portraits"}}{{> portraits}}{{/paragraph}}', `\n${p('editor')}`);
    default:
      return edit('report.hbs', '{{figures node}}', `{{#if (eq node "${place}")}}{{#paragraph "editor" node=node}}${text}{{/paragraph}}{{/if}}\n{{figures node}}`);
  }
}

/** A wrong case of one edit. */
const wrong = (id: string, kind: string, note: string, e: Edit, mark: string, more: Partial<BatteryCase> = {}): BatteryCase => ({ id, kind, note, edits: [e], expect: 'fail', mark, ...more });
/** A true case of one edit. */
const right = (id: string, kind: string, note: string, e: Edit, more: Partial<BatteryCase> = {}): BatteryCase => ({ id, kind, note, edits: [e], expect: 'pass', ...more });

const W = 'wording.yaml';
const FIG = '../figures.yaml';

// ————————————————————————————————————————————————— WRONG —————————————————————————————————————————————————

const previousAsCurrent: BatteryCase[] = [
  wrong('prev-score-own', 'previous-as-current', '九龙坡区双创指数 80.83 is 2018Q2; 2018Q3 is 79.14', own('九龙坡区双创指数得分为80.83分。', 'overall'), '九龙坡区双创指数得分为80.83分'),
  wrong('prev-rank-own', 'previous-as-current', '江北区双创活力 was 第2位 in 2018Q2; now 第6位', own('江北区双创活力指数排名全市第2位。', '双创活力'), '江北区双创活力指数排名全市第2位'),
  wrong('prev-rank-total', 'previous-as-current', '荣昌区双创指数 was 第10位 in 2018Q2; now 第17位', own('荣昌区的双创指数位列全市第10位。'), '荣昌区的双创指数位列全市第10位'),
  wrong('prev-rank-env', 'previous-as-current', '沙坪坝区双创环境 第6位 is 2018Q2; now 第2位', own('在双创环境方面，沙坪坝区居全市第6位。', '双创环境'), '沙坪坝区居全市第6位'),
  wrong(
    'prev-score-template',
    'previous-as-current',
    'portrait.hbs prints total.previousScore as the score: 渝北区 86.67 (2018Q3: 88.59)',
    edit('portrait.hbs', '{{district}}{{@root.root}}得分{{f2 total.score}}分', '{{district}}{{@root.root}}得分{{f2 total.previousScore}}分'),
    '渝北区双创指数得分86.67分',
  ),
  wrong('prev-rank-template', 'previous-as-current', 'portrait.hbs prints the previous rank as the rank: 大渡口区 第17位 (2018Q3: 第12位)', edit('portrait.hbs', '全市排名{{rankMove total}}', '全市排名第{{total.previousRank}}位'), '全市排名第17位'),
  wrong('prev-sub-score', 'previous-as-current', '大渡口区双创活力 20.24 is 2018Q2 (2018Q3: 23.89, 第7位)', own('大渡口区双创活力指数得分为20.24分，居全市第7位。', '双创活力'), '大渡口区双创活力指数得分为20.24分'),
  wrong('prev-indicator', 'previous-as-current', '渝北区众创空间数 39家 is 2018Q2 (2018Q3: 43家)', own('渝北区众创空间数为39家，居全市第1位。', 'portraits'), '渝北区众创空间数为39家'),
  wrong('prev-score-words-first', 'previous-as-current', '64.04 is 荣昌区 in 2018Q2 (2018Q3: 59.54)', own('以64.04分的双创指数得分，荣昌区位于第三类。'), '以64.04分的双创指数得分'),
];

const units: BatteryCase[] = [
  wrong(
    'unit-pp-score-pct',
    'unit',
    'risers.hbs: % change of a score written in 个百分点 (大渡口区双创活力 +18.03 %)',
    edit('risers.hbs', '增幅{{#if m.extreme.tied}}均{{/if}}为{{abs2 m.extreme.pct}}%', '增幅{{#if m.extreme.tied}}均{{/if}}为{{abs2 m.extreme.pct}}个百分点'),
    '增幅为18.03个百分点',
  ),
  wrong('unit-pp-score-points', 'unit', '大渡口区双创指数 rose 4.04分, not 个百分点 (a score)', own('大渡口区双创指数上升了4.04个百分点。', 'overall'), '上升了4.04个百分点'),
  wrong('unit-pct-rate', 'unit', '荣昌区新注册企业数环比增长率 (a rate) fell 73.49 个百分点, not %', own('荣昌区新注册企业数环比增长率下降了73.49%。', 'portraits'), '荣昌区新注册企业数环比增长率下降了73.49%'),
  wrong('unit-pct-rate-up', 'unit', '大渡口区新注册企业数环比增长率 rose 70.23 个百分点, not %', own('大渡口区的新注册企业数环比增长率较上季度提高了70.23%。', 'portraits'), '提高了70.23%'),
  wrong('unit-mean-pp', 'unit', 'change.hbs: the mean % change (0.69 %) written 平均提高了0.69个百分点', edit('change.hbs', '{{else}}平均{{growth change.meanPct}}', '{{else}}平均提高了{{f2 change.meanPct}}个百分点'), '平均提高了0.69个百分点'),
  wrong(
    'unit-mean-points',
    'unit',
    'overall.hbs: the mean % change 0.70 written in 分 (mean change in points is 0.41)',
    edit('overall.hbs', '{{else}}平均{{growth overall.change.meanPct}}{{/if}}', '{{else}}平均上升了{{f2 overall.change.meanPct}}分{{/if}}'),
    '平均上升了0.70分',
  ),
  wrong('unit-pct-as-points', 'unit', '大渡口区双创活力 增幅 18.03 is a %, the rise in points is 3.65分', own('大渡口区双创活力指数增幅为18.03分。', '双创活力'), '大渡口区双创活力指数增幅为18.03分'),
  wrong('unit-pp-count', 'unit', '大渡口区新注册企业数 (a count) grew 89.37 %, not 个百分点', own('大渡口区新注册企业数较上季度增长了89.37个百分点。', 'portraits'), '增长了89.37个百分点'),
  wrong(
    'unit-driver-template',
    'unit',
    'driver-up.hbs: a count driver stated in 个百分点 (新注册企业数 +89.37 %)',
    edit('driver-up.hbs', '该指标较上季度{{indChange this}}', '该指标较上季度增长了{{abs2 pct}}个百分点'),
    '该指标较上季度增长了89.37个百分点',
  ),
];

const directionWords: BatteryCase[] = [
  wrong(
    'dir-portrait-swap',
    'direction-word',
    'portrait.hbs: 有所上升 → 有所下降 for the sub-indices that rose (渝北区双创活力 +4.55 %, 双创环境 +3.66 %)',
    edit('portrait.hbs', '有所上升{{/if}}', '有所下降{{/if}}'),
    '双创活力指数和双创环境指数有所下降',
  ),
  wrong(
    'dir-city-swap',
    'direction-word',
    'change.hbs: the city mean of 双创活力 rose (+0.69 %), the text says 整体有所下降',
    edit('change.hbs', '整体有所{{#if change.up}}上升{{else}}下降{{/if}}', '整体有所{{#if change.up}}下降{{else}}上升{{/if}}'),
    '全市双创活力指数整体有所下降',
  ),
  wrong('dir-district-up', 'direction-word', '荣昌区双创活力 fell (−11.11 %)', own('荣昌区双创活力指数有所上升。', '双创活力'), '荣昌区双创活力指数有所上升'),
  wrong('dir-district-down', 'direction-word', '沙坪坝区双创环境 rose (+5.56 %)', own('沙坪坝区的双创环境得分有所下降。', '双创环境'), '沙坪坝区的双创环境得分有所下降'),
  wrong('dir-overall-top', 'direction-word', 'overall.hbs: 渝北区 rose (86.67 → 88.59), the text says 得分有所下降', edit('overall.hbs', '{{#if up}}得分有所上升，', '{{#if up}}得分有所下降，'), '得分有所下降'),
  wrong('dir-city-mean-own', 'direction-word', 'the city mean of 双创成效 rose (15.57 → 15.68)', own('本季度全市双创成效指数平均水平有所回落。', '双创成效'), '平均水平有所回落'),
  wrong('dir-jiangbei', 'direction-word', '江北区双创活力 fell (28.04 → 26.64)', own('江北区双创活力明显提升。', '双创活力'), '江北区双创活力明显提升'),
  wrong('dir-jiulongpo', 'direction-word', '九龙坡区双创指数 fell (80.83 → 79.14)', own('与上季度相比，九龙坡区的双创指数有所提高。', 'overall'), '九龙坡区的双创指数有所提高'),
  wrong('dir-yubei-outcome', 'direction-word', '渝北区双创成效 fell (22.88 → 22.21, −2.93 %)', own('渝北区双创成效指数继续走高，仍居全市第1位。', '双创成效'), '渝北区双创成效指数继续走高'),
  wrong(
    'dir-all-rose',
    'direction-word',
    'overall.hbs: 各区县…均有所提升, but 14 districts fell',
    edit('overall.hbs', '其中有{{int overall.change.rose}}个区县的{{root}}得分较上季度有所提升。', '各区县的{{root}}得分均较上季度有所提升。'),
    '各区县的双创指数得分均较上季度有所提升',
  ),
  wrong('dir-city-total-fell', 'direction-word', 'the city mean of 双创指数 rose (60.53 → 60.94)', own('从全市看，双创指数平均得分较上季度下降。', 'overall'), '双创指数平均得分较上季度下降'),
];

const lists: BatteryCase[] = [
  wrong('list-wansheng', 'list-name', 'tier.hbs: 万盛经开区 is not one of the 38 districts', edit('tier.hbs', '分别为：{{join members}}', '分别为：{{join members}}、万盛经开区'), '万盛经开区'),
  wrong('list-liangjiang', 'list-name', '两江新区 is not one of the 38 districts (and 渝北区 is the only one above 80)', own('双创指数得分在80分以上的区县有渝北区和两江新区。'), '两江新区'),
  wrong('list-old-rongchang', 'list-name', '荣昌县 is the old name of 荣昌区 (the ledger names 荣昌区)', own('荣昌县双创指数降幅最大，降幅为7.03%。', 'overall'), '荣昌县双创指数降幅最大'),
  wrong('list-old-wulong', 'list-name', '武隆县 is the old name of 武隆区', own('双创活力偏弱的区县为城口县、秀山县、彭水县、巫溪县和武隆县。', '双创活力'), '武隆县'),
  wrong('list-old-kaixian', 'list-name', '开县 is the old name of 开州区', own('双创成效指数增幅较大的有：涪陵区、北碚区、大渡口区、开县、永川区。', '双创成效'), '开县'),
  wrong('list-missing', 'list-members', '70—80分 holds 5 districts: 渝中区 is missing', own('双创指数得分在70—80分的区县为沙坪坝区、九龙坡区、南岸区和江北区。'), '沙坪坝区、九龙坡区、南岸区和江北区'),
  wrong('list-extra-tier', 'list-members', 'only 渝北区 is above 80 (沙坪坝区 79.20)', own('双创指数得分在80分以上的区县为渝北区和沙坪坝区。'), '渝北区和沙坪坝区'),
  wrong('list-extra-faller', 'list-members', '渝中区双创环境 rose (+0.84 %): not among the fallers', own('双创环境指数降幅较大的有：九龙坡区、南川区、潼南区、南岸区、江津区、渝中区。', '双创环境'), '江津区、渝中区'),
  wrong('list-faller-among-risers', 'list-members', '荣昌区双创成效 fell (−14.93 %): not a riser', own('双创成效指数增幅较大的有：涪陵区、北碚区、荣昌区。', '双创成效'), '北碚区、荣昌区'),
  wrong('list-order-risers', 'list-order', 'risers of 双创指数 in order: 大渡口区 (6.87 %), 酉阳县 (4.36 %) …', own('双创指数得分增幅较大的有：酉阳县、大渡口区、丰都县、永川区、涪陵区。', 'overall'), '酉阳县、大渡口区'),
  wrong('list-order-tier4', 'list-order', 'from high to low: 巫溪县 48.24, 彭水县 47.93, 武隆区 47.38', own('得分在50分以下的3个区县从高到低依次为彭水县、巫溪县和武隆区。'), '彭水县、巫溪县和武隆区'),
  wrong('list-order-top', 'list-order', '双创环境 top three: 渝北区, 沙坪坝区, 九龙坡区 (江北区 is 第4位)', own('双创环境指数排名前三位的依次是渝北区、江北区和沙坪坝区。', '双创环境'), '渝北区、江北区和沙坪坝区'),
];

const ties: BatteryCase[] = [
  wrong('tie-lowest', 'tie', 'level.hbs: 并列最低 always; 武隆区 alone is lowest in 双创活力 (15.90)', edit('level.hbs', '的{{node}}指数值{{#if level.lowest.tied}}并列{{/if}}最低', '的{{node}}指数值并列最低'), '武隆区的双创活力指数值并列最低'),
  wrong('tie-biggest-rise', 'tie', 'risers.hbs: 增幅并列最大 always; 大渡口区 alone rose most', edit('risers.hbs', '增幅{{#if m.extreme.tied}}并列{{/if}}最大', '增幅并列最大'), '大渡口区增幅并列最大'),
  wrong('tie-top-env', 'tie', '渝北区 36.27 and 沙坪坝区 31.90: no tie in 双创环境', own('渝北区与沙坪坝区的双创环境指数并列第1位。', '双创环境'), '渝北区与沙坪坝区的双创环境指数并列第1位'),
  wrong('tie-sixth', 'tie', '江北区双创活力 第6位, 渝中区 第4位: no tie', own('江北区和渝中区的双创活力指数并列第6位。', '双创活力'), '江北区和渝中区的双创活力指数并列第6位'),
  wrong('tie-second', 'tie', '沙坪坝区 79.20 (第2位), 九龙坡区 79.14: no tie', own('沙坪坝区双创指数并列全市第2位。'), '沙坪坝区双创指数并列全市第2位'),
  wrong('tie-overall-top', 'tie', 'overall.hbs: 并列全市第1位 always; 渝北区 alone is first', edit('overall.hbs', '{{#if overall.topTied}}并列全市第1位{{else}}居全市第1位{{/if}}', '并列全市第1位'), '渝北区双创指数得分并列全市第1位'),
];

const superlatives: BatteryCase[] = [
  wrong('sup-first-place', 'superlative', '九龙坡区双创指数 is 第3位', own('九龙坡区双创指数居全市首位。'), '九龙坡区双创指数居全市首位'),
  wrong('sup-rank-one', 'superlative', '南岸区双创成效 is 第4位', own('南岸区双创成效指数排名第一。', '双创成效'), '南岸区双创成效指数排名第一'),
  wrong('sup-city-first', 'superlative', '江北区双创环境 is 第4位', own('江北区的双创环境指数排名全市第一。', '双创环境'), '江北区的双创环境指数排名全市第一'),
  wrong('sup-last-place', 'superlative', '彭水县双创活力 is 第36位; 武隆区 is last', own('彭水县双创活力指数位列全市末位。', '双创活力'), '彭水县双创活力指数位列全市末位'),
  wrong('sup-highest', 'superlative', '沙坪坝区双创活力 is 第3位; 渝北区 is highest', own('沙坪坝区的双创活力指数最高。', '双创活力'), '沙坪坝区的双创活力指数最高'),
  wrong('sup-lowest', 'superlative', '巫溪县双创指数 is 第36位; 武隆区 is lowest', own('巫溪县双创指数得分全市最低。'), '巫溪县双创指数得分全市最低'),
  wrong('sup-biggest-rise', 'superlative', '大渡口区双创环境 fell (−1.16 %); 沙坪坝区 rose most', own('大渡口区双创环境指数增幅最大。', '双创环境'), '大渡口区双创环境指数增幅最大'),
  wrong('sup-biggest-fall', 'superlative', 'the biggest fall of 双创指数 is 荣昌区 (−7.03 %), not 九龙坡区', own('双创指数降幅最大的是九龙坡区。', 'overall'), '降幅最大的是九龙坡区'),
  wrong('sup-rise-first', 'superlative', '酉阳县双创指数 rose second most (4.36 %); 大渡口区 first', own('酉阳县双创指数增幅居全市首位。', 'overall'), '酉阳县双创指数增幅居全市首位'),
  wrong('sup-last-env', 'superlative', '武隆区双创环境 is 第37位; 彭水县 is last', own('武隆区双创环境指数得分排名末位。', '双创环境'), '武隆区双创环境指数得分排名末位'),
  wrong(
    'sup-highest-template',
    'superlative',
    'level.hbs names the second of the top list as highest (南岸区 in 双创活力, 第2位)',
    edit('level.hbs', '指数最高的为{{join level.highest.districts}}', '指数最高的为{{level.top.[1]}}'),
    '双创活力指数最高的为南岸区',
  ),
];

const figureRefs: BatteryCase[] = [
  wrong('fig-tiers', 'figure-ref', 'the tiers are shown in 图1 (map of 双创指数); 图4 is the map of 双创活力', edit('tiers.hbs', '划分为{{int tierCount}}类：', '划分为{{int tierCount}}类（见图4）：'), '划分为4类'),
  wrong(
    'fig-level',
    'figure-ref',
    'level.hbs: （见图1） in every section; 双创活力 is shown in 图4, 双创环境 in 图7, 双创成效 in 图10',
    edit('level.hbs', '{{join level.top}}的{{node}}{{strong}}', '{{join level.top}}的{{node}}{{strong}}（见图1）'),
    '的双创活力突出',
  ),
  wrong('fig-change', 'figure-ref', 'change.hbs: （见图2） in every section; the change of 双创活力 is 图5', edit('change.hbs', '从{{node}}指数的环比变化来看，', '从{{node}}指数的环比变化来看（见图2），'), '从双创活力指数的环比变化来看'),
  wrong(
    'fig-two-quarter',
    'figure-ref',
    'both quarters of every district are 图13, not 图12 (bars of 双创成效)',
    edit('overall.hbs', '{{root}}得分较上季度有所提升。', '{{root}}得分较上季度有所提升（见图12）。'),
    '有24个区县的双创指数得分较上季度有所提升',
  ),
  wrong('fig-missing', 'figure-ref', 'the report has 13 figures: there is no 图14', own('各区县双创指数得分见图14。'), '各区县双创指数得分见'),
];

const document: BatteryCase[] = [
  wrong(
    'doc-caption-quarter',
    'caption-footnote-note',
    'figures.yaml: the caption of 图1 hard-codes 2018年第2季度 (the map shows 2018Q3)',
    edit(FIG, 'id: map-total\n    kind: map\n    node: 双创指数\n    caption: "{{quarterLabel}}{{node}}分布图"', 'id: map-total\n    kind: map\n    node: 双创指数\n    caption: "2018年第2季度{{node}}分布图"'),
    '2018年第2季度双创指数分布图',
    { where: 'document' },
  ),
  wrong(
    'doc-caption-unit',
    'caption-footnote-note',
    'figures.yaml: 图2 shows the % change of a score, captioned in 个百分点',
    edit(FIG, 'id: change-total\n    kind: change\n    node: 双创指数\n    caption: "{{quarterLabel}}{{node}}环比变化（%）"', 'id: change-total\n    kind: change\n    node: 双创指数\n    caption: "{{quarterLabel}}{{node}}环比变化（个百分点）"'),
    '双创指数环比变化（个百分点）',
    { where: 'document' },
  ),
  wrong(
    'doc-caption-count',
    'caption-footnote-note',
    'figures.yaml: 图3 shows 38 districts, captioned 39个区县',
    edit(
      FIG,
      'id: bars-total\n    kind: bars\n    node: 双创指数\n    caption: "{{districtCount}}个区县{{node}}得分（{{quarterLabel}}）"',
      'id: bars-total\n    kind: bars\n    node: 双创指数\n    caption: "39个区县{{node}}得分（{{quarterLabel}}）"',
    ),
    '39个区县双创指数得分',
    { where: 'document' },
  ),
  wrong(
    'doc-caption-yoy',
    'caption-footnote-note',
    'figures.yaml: 图5 shows the change on the previous quarter (环比), captioned 同比',
    edit(FIG, 'id: change-vitality\n    kind: change\n    node: 双创活力\n    caption: "{{quarterLabel}}{{node}}环比变化（%）"', 'id: change-vitality\n    kind: change\n    node: 双创活力\n    caption: "{{quarterLabel}}{{node}}同比变化（%）"'),
    '双创活力同比变化',
    { where: 'document' },
  ),
  wrong(
    'doc-caption-period',
    'caption-footnote-note',
    'figures.yaml: 图13 compares 2018Q2 and 2018Q3, captioned from 2018年第1季度',
    edit(FIG, '（{{previousQuarterLabel}}—{{quarterLabel}}）', '（2018年第1季度—{{quarterLabel}}）'),
    '2018年第1季度—2018年第3季度',
    { where: 'document' },
  ),
  wrong('doc-footnote-count', 'caption-footnote-note', 'report.hbs footnote: the report assesses 38 districts, not 40', edit('report.hbs', '等机构的专家学者组成。', '等机构的专家学者组成，负责对全市40个区县进行季度评价。'), '全市40个区县', {
    where: 'document',
  }),
  wrong(
    'doc-note-line',
    'caption-footnote-note',
    'a 注 line under the figures of 一、: 6 districts are above 70 (1 + 5), not 7',
    edit('report.hbs', '{{figures root}}', '{{figures root}}\n{{#markup}}\n> 注：2018年第3季度双创指数得分在70分以上的区县共7个。\n{{/markup}}'),
    '得分在70分以上的区县共7个',
    { where: 'document' },
  ),
  wrong(
    'doc-figure-note',
    'caption-footnote-note',
    'figures.yaml: a note under 图3 with 渝北区 86.67 (2018Q2; 2018Q3 is 88.59)',
    after(FIG, 'id: bars-total\n    kind: bars\n    node: 双创指数\n    caption: "{{districtCount}}个区县{{node}}得分（{{quarterLabel}}）"', '\n    note: 注：图中渝北区得分最高，为86.67分。'),
    '渝北区得分最高，为86.67分',
    { where: 'document' },
  ),
  wrong('doc-title-quarter', 'caption-footnote-note', 'report.hbs: the title hard-coded as 2018年第二季度 for the 2018Q3 report', edit('report.hbs', '{{meta.title}}', '2018年第二季度重庆区县双创指数报告'), '2018年第二季度重庆区县双创指数报告', {
    where: 'document',
  }),
];

const quarterLabels: BatteryCase[] = [
  wrong(
    'q-level',
    'quarter-label',
    'level.hbs: previousLabel for this quarter: 2018年第2季度 the top five of 双创活力 were 渝北区、江北区、沙坪坝区…, not 渝北区、南岸区…',
    edit('level.hbs', '从全市总体比较情况来看，{{@root.meta.quarterLabel}}，', '从全市总体比较情况来看，{{@root.meta.previousLabel}}，'),
    '2018年第2季度，渝北区、南岸区、沙坪坝区',
  ),
  wrong(
    'q-tier',
    'quarter-label',
    'tier.hbs: previousLabel in the tier sentence: in 2018Q2 two districts were above 80 (渝北区 86.67, 九龙坡区 80.83), not 1',
    edit('tier.hbs', '{{@root.root}}得分在{{range label}}的区县有{{int count}}个', '{{@root.meta.previousLabel}}{{@root.root}}得分在{{range label}}的区县有{{int count}}个'),
    '2018年第2季度双创指数得分在80分以上的区县有1个',
  ),
  wrong('q-shapingba', 'quarter-label', '沙坪坝区 is 第2位 in 2018Q3; in 2018Q2 it was 第5位', own('2018年第2季度，沙坪坝区双创指数居全市第2位。'), '2018年第2季度，沙坪坝区'),
  wrong('q-dadukou', 'quarter-label', '大渡口区双创活力 23.89 is 2018Q3; 2018Q2 was 20.24', own('2018年第2季度，大渡口区双创活力指数得分为23.89分。', '双创活力'), '大渡口区双创活力指数得分为23.89分'),
  wrong(
    'q-overall-swapped',
    'quarter-label',
    'overall.hbs: the two labels swapped (the mean rose from 2018Q2 to 2018Q3)',
    edit('overall.hbs', '相比{{meta.previousLabel}}，{{meta.quarterLabel}}全市', '相比{{meta.quarterLabel}}，{{meta.previousLabel}}全市'),
    '相比2018年第3季度，2018年第2季度',
  ),
  wrong('q-short', 'quarter-label', '第2季度 for this quarter: 渝北区 88.59 is 第3季度', own('第2季度渝北区双创指数得分为88.59分。', 'overall'), '第2季度渝北区双创指数得分为88.59分'),
];

const yearOnYear: BatteryCase[] = [
  wrong('yoy-portrait', 'yoy', 'portrait.hbs: 环比 → 同比; 渝北区 +2.22 % is on 2018Q2 (on 2017Q3: +1.42 %)', edit('portrait.hbs', '，环比{{growth total.pct le=false}}', '，同比{{growth total.pct le=false}}'), '同比增长2.22%'),
  wrong('yoy-change', 'yoy', 'change.hbs: 同比 for 环比; the figures are on the previous quarter', edit('change.hbs', '从{{node}}指数的环比变化来看', '从{{node}}指数的同比变化来看'), '从双创活力指数的同比变化来看'),
  wrong('yoy-own', 'yoy', '大渡口区 rose 4.04分 on 2018Q2; on 2017Q3 it rose 5.56分', own('大渡口区双创指数得分同比上升了4.04分。', 'overall'), '大渡口区双创指数得分同比上升了4.04分'),
];

const rateVsScore: BatteryCase[] = [
  wrong('rvs-change', 'rate-vs-score', 'change.hbs: a rate of change compared with the mean score (增幅高于全市平均分)', edit('change.hbs', '增幅高于平均增幅', '增幅高于全市平均分'), '增幅高于全市平均分'),
  wrong('rvs-own', 'rate-vs-score', '大渡口区: its rate of change (6.87 %) compared with the mean score (60.94分)', own('大渡口区双创指数增幅高于全市平均得分。', 'overall'), '大渡口区双创指数增幅高于全市平均得分'),
  wrong('rvs-fall', 'rate-vs-score', '荣昌区: a fall rate compared with the mean score', own('荣昌区双创成效指数降幅大于全市平均分。', '双创成效'), '荣昌区双创成效指数降幅大于全市平均分'),
  wrong('rvs-score-vs-rate', 'rate-vs-score', '渝中区: a score (26.77分) compared with the mean rate of change (0.69 %)', own('渝中区双创活力得分高于全市平均增幅。', '双创活力'), '渝中区双创活力得分高于全市平均增幅'),
  wrong('rvs-growth-rate', 'rate-vs-score', '沙坪坝区: the growth rate of 双创环境 (5.56 %) compared with the mean score 24.29分', own('沙坪坝区双创环境指数增长率超过全市平均分24.29分。', '双创环境'), '沙坪坝区双创环境指数增长率超过全市平均分'),
];

const counts: BatteryCase[] = [
  wrong(
    'count-rose-as-above',
    'count-other-claim',
    'change.hbs: the count of risers (20) given as those above the mean change (16)',
    edit('change.hbs', '其中有{{int change.aboveMean}}个区县', '其中有{{int change.rose}}个区县'),
    '有20个区县的双创活力指数增幅高于平均增幅',
  ),
  wrong(
    'count-above-as-rose',
    'count-other-claim',
    'overall.hbs: 19 (above the mean change) given as the risers (24)',
    edit('overall.hbs', '其中有{{int overall.change.rose}}个区县', '其中有{{int overall.change.aboveMean}}个区县'),
    '有19个区县的双创指数得分较上季度有所提升',
  ),
  wrong('count-tier-template', 'count-other-claim', "tier.hbs: the number of tiers (4) given as each tier's count (第一类 has 1)", edit('tier.hbs', '的区县有{{int count}}个', '的区县有{{int @root.tierCount}}个'), '80分以上的区县有4个'),
  wrong('count-29', 'count-other-claim', '29 is the third tier / the risers of 双创成效; 双创指数 rose in 24', own('全市有29个区县的双创指数得分上升。', 'overall'), '有29个区县的双创指数得分上升'),
  wrong('count-14', 'count-other-claim', '14 fell in 双创指数; 双创活力 fell in 17', own('全市有14个区县的双创活力指数下降。', '双创活力'), '有14个区县的双创活力指数下降'),
  wrong('count-9', 'count-other-claim', '9 fell in 双创成效; 双创环境 fell in 14', own('双创环境指数下降的区县有9个。', '双创环境'), '双创环境指数下降的区县有9个'),
  wrong('count-above-70', 'count-other-claim', '5 is the second tier; 6 districts are above 70 (1 + 5)', own('双创指数得分在70分以上的区县有5个。'), '在70分以上的区县有5个'),
  wrong('count-same', 'count-other-claim', 'one district (奉节县) kept its 双创活力, not 2', own('双创活力指数与上季度持平的区县有2个。', '双创活力'), '持平的区县有2个'),
];

const numerals: BatteryCase[] = [
  wrong('num-cn-tier', 'numerals', 'tier.hbs: {{cn count}} prints 一个 / 五个 / 二十九个 / 三个 (GB/T 15835: 29个)', edit('tier.hbs', '的区县有{{int count}}个', '的区县有{{cn count}}个'), '有二十九个'),
  wrong('num-fullwidth-own', 'numerals', 'full-width digits ２４ in running text (write 24)', own('全市共有２４个区县的双创指数得分实现增长。', 'overall'), '区县的双创指数得分实现增长'),
  wrong('num-spelled-share', 'numerals', 'a spelled-out percentage (百分之十点零五; write 10.05%)', own('渝北区众创空间数占全市总量的百分之十点零五。', 'portraits'), '渝北区众创空间数占全市总量的百分之'),
  wrong('num-spelled-pct', 'numerals', 'a spelled-out percentage (百分之六点八七; write 6.87%)', own('大渡口区双创指数增幅为百分之六点八七。', 'overall'), '大渡口区双创指数增幅为百分之'),
  wrong('num-cn-38', 'numerals', 'change.hbs: 三十八个区县 (write 38个区县)', edit('change.hbs', '{{int change.counted}}个区县\n', '三十八个区县\n'), '三十八个区县平均'),
  wrong('num-fullwidth-template', 'numerals', 'tiers.hbs: full-width ４ (write 4)', edit('tiers.hbs', '划分为{{int tierCount}}类', '划分为４类'), '可将全市38个区县划分为'),
  wrong('num-cn-score', 'numerals', 'a score in Chinese numerals (八十八点五九分; write 88.59分)', own('渝北区双创指数得分八十八点五九分。', 'overall'), '渝北区双创指数得分八十八点五九分'),
  wrong('num-fullwidth-count', 'numerals', 'full-width digits ９４８ (write 948)', own('渝北区科技型企业数达９４８家。', 'portraits'), '渝北区科技型企业数达'),
  wrong('num-tree-count', 'numerals', 'portrait.hbs: the tree has three first-level indices, not 四个 (a fixed word, checked as a count)', edit('portrait.hbs', '从{{cn subCount}}个一级指标来看', '从四个一级指标来看'), '从四个一级指标来看'),
];

const adjectives: BatteryCase[] = [
  wrong('adj-vitality-swap', 'adjective', 'wording.yaml: 双创活力 strong/weak swapped: the top five called 偏弱', edit(W, '双创活力: { strong: 突出, weak: 偏弱 }', '双创活力: { strong: 偏弱, weak: 突出 }'), '九龙坡区的双创活力偏弱'),
  wrong('adj-environment-swap', 'adjective', 'wording.yaml: 双创环境 swapped: the top five called 有待改善', edit(W, '双创环境: { strong: 相对优良, weak: 有待改善 }', '双创环境: { strong: 有待改善, weak: 相对优良 }'), '渝中区的双创环境有待改善'),
  wrong('adj-outcome-swap', 'adjective', 'wording.yaml: 双创成效 swapped: the top five called 较低', edit(W, '双创成效: { strong: 显著, weak: 较低 }', '双创成效: { strong: 较低, weak: 显著 }'), '沙坪坝区的双创成效较低'),
  wrong('adj-strong-weak-word', 'adjective', 'wording.yaml: 双创活力 strong → 较弱 (a weak word for the top five)', edit(W, '双创活力: { strong: 突出, weak: 偏弱 }', '双创活力: { strong: 较弱, weak: 偏弱 }'), '九龙坡区的双创活力较弱'),
  wrong('adj-role-top', 'adjective', 'wording.yaml roles.top: 得分最低 for 渝北区 (the highest)', edit(W, 'top: 得分最高', 'top: 得分最低'), '得分最低的渝北区'),
  wrong('adj-role-riser', 'adjective', 'wording.yaml roles.riser: 降幅最大 for 大渡口区 (the biggest riser)', edit(W, 'riser: 增幅最大', 'riser: 降幅最大'), '降幅最大的大渡口区'),
];

const drivers: BatteryCase[] = [
  wrong(
    'drv-fixed-text',
    'driver',
    'driver-up.hbs: the driver hard-coded as 社会关注度 without its change; 大渡口区双创活力 rose through 新注册企业数',
    edit('driver-up.hbs', '{{#if d}}{{#with d}}，主要得益于{{indicator}}的{{#if isRate}}提高{{else}}增长{{/if}}，该指标较上季度{{indChange this}}{{/with}}{{/if}}', '{{#if d}}，主要得益于社会关注度的增长{{/if}}'),
    '18.03%，主要得益于社会关注度的增长',
  ),
  wrong('drv-wrong-own', 'driver', '沙坪坝区双创环境 rose through 社会关注度, not 知识产权保护程度 (named without its change)', own('沙坪坝区双创环境指数的提升主要得益于知识产权保护程度的提高。', '双创环境'), '主要得益于知识产权保护程度的提高'),
  wrong('drv-wrong-fall', 'driver', '荣昌区双创成效 fell through 就业潜力, not 新增就业岗位数', own('荣昌区双创成效指数下降主要受新增就业岗位数下降影响。', '双创成效'), '主要受新增就业岗位数下降影响'),
  wrong(
    'drv-direction',
    'driver',
    'driver-down.hbs: the driver of a fall said to rise (新注册企业数环比增长率 fell 73.49 个百分点)',
    edit('driver-down.hbs', '主要受{{indicator}}下降影响', '主要受{{indicator}}上升影响'),
    '主要受新注册企业数环比增长率上升影响',
  ),
  wrong('drv-other-value', 'driver', "大渡口区新注册企业数 grew 89.37 %; 24.39 % is 渝北区's", own('大渡口区双创活力指数增幅最大，主要得益于新注册企业数的增长，该指标较上季度增长了24.39%。', '双创活力'), '该指标较上季度增长了24.39%'),
  wrong('drv-unchanged', 'driver', '九龙坡区科技企业孵化器数 did not change (7 → 7); its fall in 双创环境 came from 众创空间数', own('九龙坡区双创环境指数降幅最大，主要受科技企业孵化器数下降影响。', '双创环境'), '主要受科技企业孵化器数下降影响'),
];

const cityMeans: BatteryCase[] = [
  wrong('mean-previous', 'city-mean', '双创活力 mean 20.85 is 2018Q2; 2018Q3 is 20.98', own('全市双创活力指数平均得分为20.85分。', '双创活力'), '全市双创活力指数平均得分为20.85分'),
  wrong('mean-other-index', 'city-mean', "60.94 is the mean of 双创指数; 双创活力's is 20.98", own('全市双创活力指数平均得分为60.94分。', '双创活力'), '双创活力指数平均得分为60.94分'),
  wrong('mean-previous-total', 'city-mean', '双创指数 mean 60.53 is 2018Q2; 2018Q3 is 60.94', own('2018年第3季度全市双创指数平均得分60.53分。', 'overall'), '全市双创指数平均得分60.53分'),
  wrong('mean-other-env', 'city-mean', "15.68 is the mean of 双创成效; 双创环境's is 24.29", own('全市双创环境指数平均分为15.68分。', '双创环境'), '全市双创环境指数平均分为15.68分'),
  wrong('mean-pct-other', 'city-mean', "0.70 % is the mean change of 双创指数 / 双创环境; 双创成效's is 0.77 %", own('38个区县双创成效指数平均增长了0.70%。', '双创成效'), '双创成效指数平均增长了0.70%'),
  wrong('mean-diff-other', 'city-mean', "0.13分 is the mean change of 双创活力; 双创指数's is 0.41分", own('全市双创指数平均得分提高了0.13分。', 'overall'), '全市双创指数平均得分提高了0.13分'),
];

const verbs: BatteryCase[] = [
  wrong('verb-score-up', 'verb', 'wording.yaml verbs.score.up → 下降: 渝北区 rose 1.92分', edit(W, 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 下降, down: 下降, flat: 持平 }'), '较2018年第2季度下降了1.92分'),
  wrong('verb-growth-up', 'verb', 'wording.yaml verbs.growth.up → 下降: the mean of 双创活力 rose 0.69 %', edit(W, 'growth: { up: 增长, down: 下降, flat: 持平 }', 'growth: { up: 下降, down: 下降, flat: 持平 }'), '平均下降了0.69%'),
  wrong('verb-rate-up', 'verb', 'wording.yaml verbs.rate.up → 降低: 大渡口区新注册企业数环比增长率 rose 70.23 个百分点', edit(W, 'rate: { up: 提高, down: 下降, flat: 持平 }', 'rate: { up: 降低, down: 下降, flat: 持平 }'), '降低了70.23个百分点'),
  wrong('verb-growth-down', 'verb', 'wording.yaml verbs.growth.down → 增长: 九龙坡区众创空间数 fell 10.00 %', edit(W, 'growth: { up: 增长, down: 下降, flat: 持平 }', 'growth: { up: 增长, down: 增长, flat: 持平 }'), '该指标较上季度增长了10.00%'),
  wrong('verb-rank-up', 'verb', 'wording.yaml rankMove.up → 下降: 大渡口区 moved up from 第17位 to 第12位', edit(W, 'up: 从{from}上升到{to}', 'up: 从{from}下降到{to}'), '从第17位下降到第12位'),
  wrong(
    'verb-hard-coded',
    'verb',
    'portrait.hbs: the helper replaced by a hard-coded 上升了: 荣昌区 fell 4.50分',
    edit('portrait.hbs', '{{change total.diff "分"}}', '上升了{{abs2 total.diff}}分'),
    '荣昌区双创指数得分59.54分，较2018年第2季度上升了4.50分',
  ),
  wrong('verb-rank-keep', 'verb', 'wording.yaml rankMove.keep → 有所上升，仍为{to}: 荣昌区双创环境 stayed at 第10位', edit(W, 'keep: 保持不变，仍为{to}', 'keep: 有所上升，仍为{to}'), '得分排名有所上升，仍为第10位'),
  wrong('verb-score-down', 'verb', 'wording.yaml verbs.score.down → 回升: 荣昌区 fell 4.50分', edit(W, 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 上升, down: 回升, flat: 持平 }'), '回升了4.50分'),
];

const derived: BatteryCase[] = [
  wrong('der-difference', 'derived', '渝北区 88.59 − 沙坪坝区 79.20 = 9.39分, not 8.59', own('渝北区双创指数得分比第2位的沙坪坝区高8.59分。'), '比第2位的沙坪坝区高8.59分'),
  wrong('der-places', 'derived', '大渡口区 moved from 第17位 to 第12位: 5 places, not 6', own('大渡口区双创指数排名上升了6位。', 'overall'), '大渡口区双创指数排名上升了6位'),
  wrong('der-tier-sum', 'derived', '第一类 and 第二类 hold 1 + 5 = 6 districts, not 7', own('第一类和第二类共有7个区县。'), '第一类和第二类共有7个区县'),
  wrong('der-rise-fall', 'derived', '双创指数: 24 rose and 14 fell, not 20 and 18', own('全市20个区县的双创指数上升、18个区县下降。', 'overall'), '全市20个区县的双创指数上升'),
  wrong('der-range', 'derived', '双创环境: highest 渝北区 36.27 − lowest 彭水县 19.23 = 17.04分, not 15.43', own('双创环境指数最高的渝北区比最低的彭水县高15.43分。', '双创环境'), '比最低的彭水县高15.43分'),
  wrong('der-rank-fall', 'derived', '荣昌区 moved from 第10位 to 第17位: down 7 places, not 17', own('荣昌区双创指数排名下降了17位。', 'overall'), '荣昌区双创指数排名下降了17位'),
];

const noPrevious: BatteryCase[] = [
  wrong('q1-change', 'no-previous', '2017Q1 has no previous quarter: a change cannot be verified', own('渝北区双创指数得分较上季度上升了1.92分。'), '较上季度上升了1.92分', { quarter: '2017Q1' }),
  wrong('q1-risers', 'no-previous', '2017Q1 has no previous quarter: a count of risers cannot be verified', own('全市有24个区县的双创指数得分上升。'), '有24个区县的双创指数得分上升', { quarter: '2017Q1' }),
  wrong('q1-rank-move', 'no-previous', '2017Q1 has no previous quarter: a rank move cannot be verified', own('渝北区双创指数排名从第2位上升到第1位。'), '渝北区双创指数排名从第2位上升到第1位', { quarter: '2017Q1' }),
  wrong('q1-previous-label', 'no-previous', '2016年第4季度 is not in the data', own('2016年第4季度，渝北区双创指数居全市第1位。'), '2016年第4季度，渝北区', { quarter: '2017Q1' }),
  wrong('q1-first-place', 'no-previous', '2017Q1: 九龙坡区双创指数 is 第2位 (渝北区 first)', own('九龙坡区双创指数居全市首位。'), '九龙坡区双创指数居全市首位', { quarter: '2017Q1' }),
];

// ————————————————————————————————————————————————— TRUE —————————————————————————————————————————————————

const trueFromIssue: BatteryCase[] = [
  right('t-rank-places-up', 'true:derived', '大渡口区双创活力 moved from 第18位 to 第7位: up 11 places', own('大渡口区双创活力指数排名上升了11位。', '双创活力')),
  right('t-rank-places-down', 'true:derived', '荣昌区新注册企业数环比增长率 moved from 第3位 to 第38位: down 35 places', own('荣昌区新注册企业数环比增长率排名下降了35位。', 'portraits')),
  right('t-above-70', 'true:derived', 'the first two tiers (渝北区; 沙坪坝区、九龙坡区、南岸区、江北区、渝中区) are the 6 districts above 70', own('渝北区、沙坪坝区、九龙坡区、南岸区、江北区和渝中区6个区县的双创指数得分在70分以上。')),
  right('t-range', 'true:derived', '双创环境: 渝北区 36.27 − 彭水县 19.23 = 17.04', own('双创环境指数最高的渝北区比最低的彭水县高17.04分。', '双创环境')),
  right('t-second', 'true:derived', '渝北区 88.59 − 沙坪坝区 79.20 (第2位) = 9.39', own('渝北区双创指数得分比第2位的沙坪坝区高9.39分。')),
];

const trueHand: BatteryCase[] = [
  right('t-rise-fall-total', 'true:count', '双创指数: 24 rose, 14 fell', own('全市有24个区县的双创指数得分上升、14个区县下降。', 'overall')),
  right('t-rise-fall-same', 'true:count', '双创活力: 20 rose, 17 fell, 1 unchanged', own('双创活力指数20个区县上升、17个区县下降、1个区县持平。', '双创活力')),
  right('t-tier-sum', 'true:derived', 'above 50: 1 + 5 + 29 = 35 districts', own('双创指数得分在50分以上的区县共35个。')),
  right('t-tier-sum-two', 'true:derived', '第一类 and 第二类: 1 + 5 = 6', own('第一类和第二类共有6个区县。')),
  right('t-tier-member', 'true:tier', '大渡口区 (62.88) is in 第三类', own('大渡口区属于第三类。')),
  right('t-tier-member-2', 'true:tier', '渝中区 (77.43) is in 70—80分, the second tier', own('渝中区的双创指数得分处于70—80分之间，位于第二类。')),
  right('t-first-place', 'true:superlative', '渝北区 is 第1位 of 双创指数', own('渝北区双创指数居全市首位。')),
  right('t-last-place', 'true:superlative', '武隆区 is 第38位 of 双创指数', own('武隆区双创指数排名末位。')),
  right('t-lowest-env', 'true:superlative', '彭水县 has the lowest 双创环境 (19.23)', own('彭水县的双创环境指数全市最低。', '双创环境')),
  right('t-biggest-rise', 'true:superlative', '涪陵区 rose most in 双创成效 (+12.97 %)', own('在38个区县中，涪陵区双创成效指数增幅排名第一。', '双创成效')),
  right('t-tie-env', 'true:tie', '开州区 and 奉节县 both 22.40: 并列第25位 in 双创环境', own('开州区和奉节县的双创环境指数并列第25位。', '双创环境')),
  right('t-tie-outcome', 'true:tie', '武隆区、巫溪县、彭水县 all 12.11: 并列第36位 in 双创成效', own('武隆区、巫溪县和彭水县的双创成效指数并列第36位。', '双创成效')),
  right('t-mean', 'true:mean', '双创指数 mean 60.94', own('全市双创指数平均得分为60.94分。', 'overall')),
  right('t-mean-move', 'true:mean', '双创活力 mean 20.85 → 20.98', own('全市双创活力指数平均得分由上季度的20.85分提高到20.98分。', '双创活力')),
  right('t-change-order', 'true:change', '荣昌区: −4.50分, −7.03 %', own('降幅达7.03%的荣昌区，双创指数得分下降了4.50分。', 'overall')),
  right('t-rank-move', 'true:rank', '沙坪坝区双创环境 第6位 → 第2位', own('沙坪坝区双创环境指数由上季度的第6位升至第2位。', '双创环境')),
  right('t-count-risers', 'true:count', '双创成效 rose in 29 districts', own('双创成效指数上升的区县有29个。', '双创成效')),
  right('t-indicator', 'true:indicator', '渝北区社会关注度 53,761次, share 6.95 %', own('渝北区社会关注度达53,761次，占全市总量的6.95%。', 'portraits')),
  right('t-indicator-rank', 'true:indicator', '涪陵区就业潜力 92.30分, 第1位', own('涪陵区就业潜力为92.30分，居全市第1位。', '双创成效')),
  right('t-rate-pp', 'true:unit', '大渡口区新注册企业数环比增长率 +70.23 个百分点', own('大渡口区新注册企业数环比增长率提高了70.23个百分点。', 'portraits')),
  right('t-direction-district', 'true:direction', '九龙坡区双创指数 fell (80.83 → 79.14)', own('九龙坡区双创指数有所下降。', 'overall')),
  right('t-direction-city', 'true:direction', 'the city mean of 双创环境 rose (24.11 → 24.29)', own('全市双创环境指数整体上升。', '双创环境')),
  right('t-previous-label', 'true:quarter', '荣昌区 was 第10位 in 2018Q2', own('2018年第2季度，荣昌区双创指数居全市第10位。', 'overall')),
  right('t-rank-down', 'true:rank', '江北区双创活力 第2位 → 第6位', own('江北区双创活力指数排名从第2位下降到第6位。', '双创活力')),
  right('t-still-first', 'true:rank', '渝北区双创成效 fell 0.67分 and is still 第1位', own('渝北区双创成效指数下降了0.67分，但仍居全市第1位。', '双创成效')),
  right('t-small-difference', 'true:derived', '沙坪坝区 79.20 − 九龙坡区 79.14 = 0.06', own('沙坪坝区双创指数得分比九龙坡区高0.06分。')),
  right('t-top-three', 'true:list', '双创活力 top three in order: 渝北区、南岸区、沙坪坝区', own('双创活力指数得分前三位依次为渝北区、南岸区和沙坪坝区。', '双创活力')),
  right('t-qoq', 'true:change', '渝北区双创指数 +2.22 % on the previous quarter', own('渝北区双创指数环比增长2.22%。', 'overall')),
  right('t-points', 'true:change', '渝北区双创活力 +1.31分 on the previous quarter', own('渝北区双创活力指数比上季度提高了1.31分。', '双创活力')),
  right('t-figure-ref', 'true:figure', 'the tiers are shown on the map of 双创指数, 图1', edit('tiers.hbs', '划分为{{int tierCount}}类：', '划分为{{int tierCount}}类（见图1）：')),
  right('t-figure-ref-section', 'true:figure', 'the change of 双创活力 is 图5', edit('change.hbs', '从{{node}}指数的环比变化来看，', '从{{node}}指数的环比变化来看{{#if (eq node "双创活力")}}（见图5）{{/if}}，')),
];

/** Verbs, adjectives and rank phrases replaced by synonyms in wording.yaml: still true, still checked. */
export const synonymEdits: { id: string; note: string; edits: Edit[] }[] = [
  { id: 't-verb-score-up', note: 'verbs.score.up 上升 → 升高 (渝北区较2018年第2季度升高了1.92分)', edits: [edit(W, 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 升高, down: 下降, flat: 持平 }')] },
  { id: 't-verb-score-down', note: 'verbs.score.down 下降 → 下滑 (荣昌区较2018年第2季度下滑了4.50分)', edits: [edit(W, 'score: { up: 上升, down: 下降, flat: 持平 }', 'score: { up: 上升, down: 下滑, flat: 持平 }')] },
  { id: 't-verb-growth-up', note: 'verbs.growth.up 增长 → 攀升 (平均攀升了0.69%)', edits: [edit(W, 'growth: { up: 增长, down: 下降, flat: 持平 }', 'growth: { up: 攀升, down: 下降, flat: 持平 }')] },
  {
    id: 't-verb-growth-new-word',
    note: 'verbs.growth.up 增长 → 抬升, a word the editor first adds to lexicon.up as wording.yaml asks (平均抬升了0.69%)',
    edits: [edit(W, 'growth: { up: 增长, down: 下降, flat: 持平 }', 'growth: { up: 抬升, down: 下降, flat: 持平 }'), edit(W, '上扬, 走高]', '上扬, 走高, 抬升]')],
  },
  { id: 't-verb-rate-up', note: 'verbs.rate.up 提高 → 提升 (提升了70.23个百分点)', edits: [edit(W, 'rate: { up: 提高, down: 下降, flat: 持平 }', 'rate: { up: 提升, down: 下降, flat: 持平 }')] },
  { id: 't-verb-rank-up', note: 'rankMove.up 从{from}上升到{to} → 由{from}攀升至{to}', edits: [edit(W, 'up: 从{from}上升到{to}', 'up: 由{from}攀升至{to}')] },
  { id: 't-adj-strong', note: 'nodes.双创活力.strong 突出 → 领先', edits: [edit(W, '双创活力: { strong: 突出, weak: 偏弱 }', '双创活力: { strong: 领先, weak: 偏弱 }')] },
];

const trueWording: BatteryCase[] = synonymEdits.map((s) => ({ id: s.id, kind: 'true:wording', note: s.note, edits: s.edits, expect: 'pass' as const }));

const trueNoPrevious: BatteryCase[] = [
  right('t-q1-score', 'true:no-previous', '2017Q1: 渝北区 84.30, 第1位', own('渝北区双创指数得分84.30分，居全市第1位。'), { quarter: '2017Q1' }),
  right('t-q1-below-50', 'true:no-previous', '2017Q1: 4 districts below 50 (城口县、彭水县、巫溪县、武隆区)', own('2017年第1季度，双创指数得分在50分以下的区县有4个。'), { quarter: '2017Q1' }),
  right('t-q1-tie', 'true:no-previous', '2017Q1: 大渡口区 and 长寿区 both 18.79, 并列第17位 in 双创活力', own('大渡口区和长寿区的双创活力指数并列第17位。', '双创活力'), { quarter: '2017Q1' }),
];

export const WRONG: BatteryCase[] = [
  ...previousAsCurrent,
  ...units,
  ...directionWords,
  ...lists,
  ...ties,
  ...superlatives,
  ...figureRefs,
  ...document,
  ...quarterLabels,
  ...yearOnYear,
  ...rateVsScore,
  ...counts,
  ...numerals,
  ...adjectives,
  ...drivers,
  ...cityMeans,
  ...verbs,
  ...derived,
  ...noPrevious,
];

export const TRUE: BatteryCase[] = [...trueFromIssue, ...trueHand, ...trueWording, ...trueNoPrevious];

export const CASES: BatteryCase[] = [...WRONG, ...TRUE];
