/** Whole paragraphs of a hand-built data set whose every number is known (see fixtures.ts). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/facts/types.js';
import { narrativeToMarkdown, renderNarrative, type Narrative } from '../../src/narrative/index.js';
import { goldenLedger } from './fixtures.js';

let ledger: Ledger;
let n: Narrative;
const paragraphs = (kind: string, node?: string) => n.sections.filter((b) => b.type === 'paragraph' && b.kind === kind && (node === undefined || b.node === node)).map((b) => b.text);

beforeAll(async () => {
  ledger = await goldenLedger();
  n = renderNarrative(ledger);
});

describe('golden narrative', () => {
  it('orders headings and paragraphs like the bulletin', () => {
    const outline = n.sections.map((b) => (b.type === 'heading' ? `${b.level}:${b.text}` : `p:${b.kind}${b.node ? '/' + b.node : ''}`));
    expect(outline).toEqual([
      'p:lead',
      '1:一、区县双创指数评价结果',
      'p:tiers',
      'p:tiers',
      'p:tiers',
      'p:tiers',
      'p:tiers',
      '1:二、区县双创指数一级指标评价结果',
      '2:（一）双创活力评价结果',
      'p:level/双创活力',
      'p:change/双创活力',
      '2:（二）双创环境评价结果',
      'p:level/双创环境',
      'p:change/双创环境',
      '2:（三）双创成效评价结果',
      'p:level/双创成效',
      'p:change/双创成效',
      '1:三、区县双创指数与上季度对比情况',
      '2:（一）总体情况',
      'p:overall/双创指数',
      '2:（二）典型区县分析',
      'p:portraits',
      'p:portrait',
      'p:portrait',
      'p:portrait',
      '1:四、区县双创指数排名稳健性',
      'p:robustness/双创指数',
    ]);
  });

  it('一、the tiers, in descending score order, an empty tier read as such', () => {
    expect(paragraphs('tiers')).toEqual([
      '根据各区县2018年第3季度双创指数的综合得分，可将全市38个区县划分为4类：',
      '第一类：双创指数得分在80分以上的区县有7个，分别为：万州区、涪陵区、渝中区、大渡口区、江北区、沙坪坝区、九龙坡区。',
      '第二类：双创指数得分在70—80分的区县有13个，分别为：南岸区、北碚区、綦江区、大足区、渝北区、巴南区、黔江区、长寿区、江津区、合川区、永川区、南川区、璧山区。',
      '第三类：双创指数得分在50—70分的区县有18个，分别为：铜梁区、潼南区、荣昌区、开州区、梁平区、武隆区、城口县、丰都县、垫江县、忠县、云阳县、奉节县、巫山县、巫溪县、石柱县、秀山县、酉阳县、彭水县。',
      '第四类：本季度没有双创指数得分在50分以下的区县。',
    ]);
  });

  it('二、level paragraphs: the top five, the highest, the bottom five, the lowest', () => {
    expect(paragraphs('level', '双创活力')).toEqual([
      '从全市总体比较情况来看，2018年第3季度，万州区、涪陵区、渝中区、大渡口区、江北区的双创活力突出，其中，双创活力指数最高的为万州区，指数值为30.00；巫溪县、石柱县、秀山县、酉阳县、彭水县的双创活力偏弱，其中，彭水县的双创活力指数值最低，为20.75。',
    ]);
    expect(paragraphs('level', '双创环境')[0]).toContain('的双创环境相对优良，其中，双创环境指数最高的为万州区，指数值为35.00；');
    expect(paragraphs('level', '双创环境')[0]).toContain('的双创环境有待改善，其中，彭水县的双创环境指数值最低，为23.90。');
    expect(paragraphs('level', '双创成效')[0]).toContain('的双创成效显著，');
    expect(paragraphs('level', '双创成效')[0]).toContain('的双创成效较低，其中，彭水县的双创成效指数值最低，为12.60。');
  });

  it('二、change paragraphs: mean % change, districts above the mean change, few risers and fallers, none', () => {
    expect(paragraphs('change', '双创活力')).toEqual([
      '从双创活力指数的环比变化来看，38个区县平均增长了0.82%，全市双创活力指数整体有所上升，其中有3个区县的双创活力指数增幅高于平均增幅。' +
        '从全市来看，仅有3个区县的双创活力指数上升，分别为铜梁区、云阳县和大足区，其中铜梁区增幅最大，增幅为25.00%；' +
        '仅有2个区县的双创活力指数下降，分别为江津区和沙坪坝区，其中江津区降幅最大，降幅为12.50%。',
    ]);
    expect(paragraphs('change', '双创环境')).toEqual([
      '从双创环境指数的环比变化来看，38个区县平均增长了0.37%，全市双创环境指数整体有所上升，其中有2个区县的双创环境指数增幅高于平均增幅。' +
        '从全市来看，仅有2个区县的双创环境指数上升，分别为大渡口区和江北区，其中大渡口区增幅最大，增幅为10.00%；没有区县的双创环境指数下降。',
    ]);
    // A sub-index with no change at all.
    expect(paragraphs('change', '双创成效')).toEqual(['从双创成效指数的环比变化来看，38个区县的双创成效指数均与上季度持平。']);
  });

  it('三、（一）overall: mean change, districts improved, the top district, risers and fallers with points and %', () => {
    expect(paragraphs('overall')).toEqual([
      '相比2018年第2季度，2018年第3季度全市38个区县的双创指数得分平均增长了0.38%，其中有5个区县的双创指数得分较上季度有所提升。' +
        '2018年第3季度，万州区双创指数得分居全市第1位，得分与上季度持平，为85.00分。' +
        '共有5个区县的双创指数得分上升，分别为铜梁区、云阳县、大渡口区、大足区、江北区，其中铜梁区增幅最大，上升了5.00分，增幅为7.69%；' +
        '仅有2个区县的双创指数得分下降，分别为江津区和沙坪坝区，其中江津区降幅最大，下降了3.75分，降幅为4.84%。',
    ]);
  });

  it('三、（二）the three portraits', () => {
    expect(paragraphs('portraits')).toEqual(['选取2018年第3季度双创指数得分最高的万州区、增幅最大的铜梁区和降幅最大的江津区作为典型区县进行分析。']);
    expect(paragraphs('portrait')).toEqual([
      '万州区双创指数得分85.00分，与2018年第2季度持平，全市排名仍居第1位。从三个一级指标来看，双创活力指数、双创环境指数和双创成效指数均与上季度持平。' +
        '双创活力指数得分与上季度持平，得分排名仍居第1位；双创环境指数得分与上季度持平，得分排名仍居第1位；双创成效指数得分与上季度持平，得分排名仍居第1位。',
      '铜梁区双创指数得分70.00分，较2018年第2季度上升了5.00分，环比增长7.69%，全市排名从第27位上升到第21位，是全市双创指数增幅最大的区县。' +
        '从三个一级指标来看，双创活力指数有所上升，双创环境指数和双创成效指数与上季度持平。' +
        '双创活力指数得分增幅为25.00%，得分排名从并列第37位上升到第21位；双创环境指数得分与上季度持平，得分排名保持不变，仍为第21位；双创成效指数得分与上季度持平，得分排名保持不变，仍为第21位。',
      '江津区双创指数得分73.75分，较2018年第2季度下降了3.75分，环比下降4.84%，全市排名从第11位下降到第16位，是全市双创指数降幅最大的区县。' +
        '从三个一级指标来看，双创活力指数有所下降，双创环境指数和双创成效指数与上季度持平。' +
        '双创活力指数得分降幅为12.50%，得分排名从并列第1位下降到第16位；双创环境指数得分与上季度持平，得分排名保持不变，仍为第16位；双创成效指数得分与上季度持平，得分排名保持不变，仍为第16位。',
    ]);
    expect(n.sections.filter((b) => b.type === 'paragraph' && b.kind === 'portrait').map((b) => (b as { district?: string }).district)).toEqual(['万州区', '铜梁区', '江津区']);
  });

  it('renders Markdown: headings, paragraphs separated by blank lines', () => {
    const md = narrativeToMarkdown(n);
    expect(md).toContain('\n\n# 一、区县双创指数评价结果\n\n根据各区县');
    expect(md).toContain('\n\n## （一）双创活力评价结果\n\n从全市总体比较情况来看');
    expect(md).toContain('仍为第16位。\n\n# 四、区县双创指数排名稳健性\n\n');
    expect(md.split('\n# 四、')[1]).toMatch(/各区县双创指数排名的变化区间（5%—95%）如下图所示。在全部\d+次模拟中，万州区始终位居第1位。[^\n]*排名区间跨度[^\n]*。\n$/);
    expect(md).not.toMatch(/\n{3}/);
  });
});
