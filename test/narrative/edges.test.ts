import { beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/facts/types.js';
import { narrativeToMarkdown, renderNarrative, type Narrative } from '../../src/narrative/index.js';
import { edgeLedger, sampleLedger, singleQuarterLedger } from './fixtures.js';

const para = (n: Narrative, kind: string, node?: string) => n.sections.filter((b) => b.type === 'paragraph' && b.kind === kind && (node === undefined || b.node === node)).map((b) => b.text);

describe('edge cases', () => {
  let ledger: Ledger;
  let n: Narrative;
  beforeAll(async () => {
    ledger = await edgeLedger();
    n = renderNarrative(ledger);
  });

  it('ties: a shared highest, a tie at the edge of the top five, a shared lowest', () => {
    expect(para(n, 'level', '双创活力')).toEqual([
      '从全市总体比较情况来看，2018年第3季度，万州区、涪陵区、渝中区、大渡口区、江北区、沙坪坝区的双创活力突出（江北区和沙坪坝区并列第5位），' +
        '其中，双创活力指数最高的为万州区和涪陵区（并列第1位），指数值均为30.00；' +
        '巫溪县、石柱县、秀山县、酉阳县、彭水县的双创活力偏弱，其中，酉阳县和彭水县的双创活力指数值并列最低，均为20.75。',
    ]);
  });

  it('a single riser, a falling mean, a shared largest fall', () => {
    expect(para(n, 'change', '双创活力')).toEqual([
      '从双创活力指数的环比变化来看，38个区县平均下降了0.29%，全市双创活力指数整体有所下降，其中有31个区县的双创活力指数环比增长率高于平均水平。' +
        '从全市来看，仅有万州区的双创活力指数上升，增幅为25.00%；' +
        '双创活力指数降幅较大的有：巴南区、云阳县、垫江县、梁平区、合川区，其中巴南区和云阳县降幅并列最大，降幅均为10.00%。',
    ]);
  });

  it('a risers list lengthened by a tie at its edge; no faller', () => {
    expect(para(n, 'change', '双创环境')[0]).toContain('从全市来看，双创环境指数增幅较大的有：万州区、大足区、沙坪坝区、铜梁区、长寿区、武隆区，其中万州区增幅最大，增幅为15.02%；没有区县的双创环境指数下降。');
  });

  it('no riser, a single faller', () => {
    expect(para(n, 'change', '双创成效')[0]).toContain('从全市来看，没有区县的双创成效指数上升；仅有彭水县的双创成效指数下降，降幅为10.00%。');
  });

  it('one district in several lists: the top district is also the biggest riser, so two portraits', () => {
    expect(para(n, 'overall')[0]).toContain('双创指数得分增幅较大的有：万州区、大足区、沙坪坝区、铜梁区、武隆区，其中万州区增幅最大，上升了10.57分，增幅为14.20%；');
    expect(para(n, 'portraits')).toEqual(['选取2018年第3季度双创指数得分最高且增幅最大的万州区和降幅最大的巴南区作为典型区县进行分析。']);
    const portraits = para(n, 'portrait');
    expect(portraits).toHaveLength(2);
    expect(portraits[0]).toContain('万州区双创指数得分85.00分，较2018年第2季度上升了10.57分，环比增长14.20%，全市排名从第13位上升到第1位，是全市双创指数增幅最大的区县。');
    expect(portraits[0]).toContain('双创活力指数得分增幅为25.00%，得分排名从并列第26位上升到并列第1位；');
    expect(portraits[1]).toContain('全市排名从并列第7位下降到第13位，是全市双创指数降幅最大的区县。');
  });

  it('never leaves a broken sentence', () => {
    const md = narrativeToMarkdown(n);
    expect(md).not.toMatch(/[，、；：]{2}|[，、；：][。]|。。|undefined|null|NaN|有0个|\{\{/);
  });
});

describe('no previous quarter', () => {
  it('leaves the change paragraphs out and says why in one sentence', async () => {
    const n = renderNarrative(await singleQuarterLedger());
    expect(para(n, 'change')).toEqual([]);
    expect(para(n, 'overall')).toEqual([]);
    expect(para(n, 'portrait')).toEqual([]);
    expect(para(n, 'level')).toHaveLength(3);
    expect(para(n, 'noChange')).toEqual(['由于数据中没有2018年第2季度的数据，无法计算2018年第3季度各区县双创指数的环比变化，本期报告不作与上季度的对比分析。']);
    const md = narrativeToMarkdown(n);
    expect(md).not.toMatch(/环比增长|增幅|降幅|上季度持平/);
  });

  it('on the sample data (2017Q1)', async () => {
    const n = renderNarrative(await sampleLedger('2017Q1'));
    expect(para(n, 'noChange')[0]).toContain('由于数据中没有2016年第4季度的数据');
    expect(para(n, 'change')).toEqual([]);
  });
});

describe('sample data 2018Q3', () => {
  let ledger: Ledger;
  let n: Narrative;
  beforeAll(async () => {
    ledger = await sampleLedger('2018Q3');
    n = renderNarrative(ledger);
  });

  it('names as the biggest riser the first district of the risers list', () => {
    for (const node of [ledger.meta.root, ...ledger.meta.firstLevel]) {
      const c = ledger.nodes[node].change!;
      const text = [...para(n, 'change', node), ...para(n, 'overall', node)].join('');
      expect(text).toContain(`有：${c.risers.map((r) => r.district).join('、')}，其中${c.risers[0].district}增幅最大`);
      expect(text).toContain(`有：${c.fallers.map((r) => r.district).join('、')}，其中${c.fallers[0].district}降幅最大`);
    }
  });

  it("states a rate's change in 个百分点 and a count's in %", () => {
    const md = narrativeToMarkdown(n);
    expect(md).toContain('新注册企业数环比增长率为89.37%，较上季度提高了70.23个百分点');
    expect(md).toContain('新注册企业数为837家，较上季度增长了89.37%');
    expect(md).not.toMatch(/增长率[^；。]*?较上季度(?:增长|下降|提高)了[\d.]+%/);
    expect(md).toContain('四是社会关注度达53,761次');
  });

  it('refuses a ledger whose largest riser is not the first riser', () => {
    const bad = structuredClone(ledger);
    bad.nodes['双创活力'].change!.biggestRise!.districts = ['荣昌区'];
    expect(() => renderNarrative(bad)).toThrow(/双创活力.*risers.*starts with 大渡口区.*largest rise is 荣昌区/);
  });
});
