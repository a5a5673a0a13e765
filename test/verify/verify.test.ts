import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/facts/types.js';
import { narrativeToMarkdown, renderNarrative } from '../../src/narrative/index.js';
import { verifyText } from '../../src/verify/index.js';
import { edgeLedger, goldenLedger, sampleLedger, singleQuarterLedger } from '../narrative/fixtures.js';

const markdown = (l: Ledger) => narrativeToMarkdown(renderNarrative(l));

/** Text as PDF extraction gives it: short lines, stray spaces between characters, running headers, page numbers, captions. */
function pdfLike(md: string): string {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: string[] = ['科技参考·2018年第6期', '·本期特稿·'];
  let page = 1;
  for (const para of md.split('\n\n')) {
    const text = para.replace(/^#+\s*/, '');
    const chars = [...text].map((c) => (rand() < 0.15 ? `${c} ` : c)).join('');
    for (let i = 0; i < chars.length; i += 19) out.push(chars.slice(i, i + 19));
    if (rand() < 0.3) out.push(`— ${++page} —`, '科技参考·2018年第6期');
    if (rand() < 0.2) out.push(`图${page} 38个区县双创指数`);
  }
  return out.join('\n');
}

describe('correct text passes', () => {
  it.each(['2018Q3', '2018Q4', '2017Q1'])('sample %s: zero problems', async (q) => {
    const ledger = await sampleLedger(q);
    const r = verifyText(markdown(ledger), ledger);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.claims).toBeGreaterThan(q === '2017Q1' ? 30 : 150);
  });

  it.each([
    ['golden', goldenLedger],
    ['edge cases', edgeLedger],
    ['no previous quarter', singleQuarterLedger],
  ])('%s data set: zero problems', async (_, make) => {
    const ledger = await make();
    expect(verifyText(markdown(ledger), ledger).problems).toEqual([]);
  });

  it('checks every kind of claim on the sample', async () => {
    const ledger = await sampleLedger('2018Q3');
    const r = verifyText(markdown(ledger), ledger);
    for (const kind of ['quarter', 'tier', 'list', 'superlative', 'value', 'rank', 'mean', 'count', 'change', 'share', 'number']) expect(r.byKind[kind], kind).toBeGreaterThan(0);
  });

  it('reads PDF-like text: spaces and line breaks inside words, headers, page numbers, captions', async () => {
    const ledger = await sampleLedger('2018Q3');
    const md = markdown(ledger);
    const noisy = pdfLike(md);
    expect(noisy).toContain('— 2 —');
    const clean = verifyText(md, ledger);
    const r = verifyText(noisy, ledger);
    expect(r.problems).toEqual([]);
    expect(r.claims).toBeGreaterThanOrEqual(clean.claims);
  });

  it('skips what is not running text', async () => {
    const ledger = await sampleLedger('2018Q3');
    const extra = [
      '2018年第三季度重庆区县双创指数报告',
      '重庆区县双创指数报告研究小组①',
      '图1 双创指数分布图',
      '表2 2017年各区县研发投入',
      '注：数据来源于市统计局。',
      '（来源：重庆日报）',
      '① 研究小组由重庆科技发展战略研究院等机构的专家学者组成。',
      '12',
      '第3页',
    ].join('\n');
    expect(verifyText(`${extra}\n${markdown(ledger)}`, ledger).problems).toEqual([]);
  });
});

describe('slips are caught', () => {
  let ledger: Ledger;
  let md: string;
  beforeAll(async () => {
    ledger = await sampleLedger('2018Q3');
    md = markdown(ledger);
  });

  // [what, correct text, slipped text, a word the problem must mention]
  const slips: [string, string, string, RegExp][] = [
    ['the wrong district named as the biggest riser (total)', '其中大渡口区增幅最大，上升了4.04分', '其中荣昌区增幅最大，上升了4.04分', /双创指数增幅最大的区县：文中为荣昌区，台账为大渡口区/],
    ['the wrong district named as the biggest riser (sub-index)', '其中大渡口区增幅最大，增幅为18.03%', '其中丰都县增幅最大，增幅为18.03%', /双创活力增幅最大的区县/],
    ['the biggest riser not first in the list', '双创活力指数增幅较大的有：大渡口区、丰都县', '双创活力指数增幅较大的有：丰都县、大渡口区', /双创活力增幅较大的区县/],
    ['a total contradicting its sub-index changes', '上升了1.92分，环比增长2.22%', '上升了1.92分，环比增长6.65%', /渝北区双创指数的变化率（%）：文中为6.65，台账为2.22/],
    ['a percentage copied from another index', '双创活力指数得分降幅为11.11%', '双创活力指数得分降幅为7.03%', /荣昌区双创活力的变化率（%）：文中为-7.03，台账为-11.11/],
    ['% where 个百分点 is due', '较上季度提高了70.23个百分点', '较上季度提高了70.23%', /新注册企业数环比增长率是比率：它的变化应以“个百分点”表述/],
    ['个百分点 for a count', '新注册企业数为837家，较上季度增长了89.37%', '新注册企业数为837家，较上季度提高了89.37个百分点', /新注册企业数不是比率/],
    ['a wrong rank move', '得分排名从第18位上升到第7位', '得分排名从第18位上升到第6位', /大渡口区双创活力的排名：文中为6，台账为7/],
    ['a wrong rank', '居全市第1位，占全市总量的10.05%', '居全市第2位，占全市总量的10.05%', /渝北区众创空间数的排名/],
    ['a rank said to stay that moved', '得分排名保持不变，仍为第10位', '得分排名保持不变，仍为第11位', /荣昌区双创环境的排名/],
    ['a wrong tier membership (missing)', '江北区、渝中区。', '江北区。', /第二类的区县：/],
    ['a wrong tier membership (extra)', '分别为：万州区、', '分别为：渝中区、万州区、', /第三类的区县：/],
    ['a wrong tier count', '的区县有5个', '的区县有6个', /第二类的区县数/],
    ['a score altered by 0.01', '指数值为30.11', '指数值为30.12', /30\.12不是台账中渝北区双创活力的数值/],
    ['a share altered by 0.01', '占全市总量的4.32%', '占全市总量的4.33%', /大渡口区新注册企业数占全市总量的比重/],
    ['a mean altered by 0.01', '平均增长了0.69%', '平均增长了0.70%', /全市双创活力的平均变化率/],
    ['a count of districts above the mean', '其中有16个区县', '其中有15个区县', /双创活力变化高于平均水平的区县数/],
    ['the count of districts that improved', '其中有24个区县', '其中有20个区县', /双创指数上升的区县数/],
    ['the top five out of order', '渝北区、南岸区、沙坪坝区', '南岸区、渝北区、沙坪坝区', /双创活力前5位/],
    ['the wrong lowest district', '其中，武隆区的双创活力指数值最低', '其中，巫溪县的双创活力指数值最低', /双创活力最低的区县/],
    ['a rate compared with an average score', '增幅高于平均增幅', '上升幅度高于平均分', /高于平均分/],
    ['the wrong direction', '全市双创活力指数整体有所上升', '全市双创活力指数整体有所下降', /双创活力整体下降/],
    ['a wrong previous score', '从2018年第2季度的86.67分', '从2018年第2季度的82.13分', /渝北区双创指数2018年第2季度的值/],
    ['a wrong quarter', '较2018年第2季度上升了4.04分', '较2018年第1季度上升了4.04分', /2018年第1季度既不是本期报告的季度/],
    ['the wrong sub-index named as moving most', '其中双创活力指数增幅最大', '其中双创成效指数增幅最大', /增幅最大的是双创活力，不是双创成效/],
    ['the faller called the biggest riser', '是全市双创指数降幅最大的区县', '是全市双创指数增幅最大的区县', /双创指数增幅最大的区县：文中为荣昌区/],
    ['a fall written as a rise', '较2018年第2季度下降了4.50分', '较2018年第2季度上升了4.50分', /荣昌区双创指数的变化（分）：文中为4.50，台账为-4.50/],
  ];

  it.each(slips)('%s', (_, right, wrong, message) => {
    expect(md).toContain(right);
    const r = verifyText(md.replace(right, wrong), ledger);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
    // The problem names the sentence it was found in.
    const plain = (x: string) => x.replace(/[。；]/g, '');
    expect(r.problems.some((p) => plain(p.sentence).includes(plain(wrong)))).toBe(true);
  });

  it.each(slips.slice(0, 8))('in PDF-like text too: %s', (_, right, wrong, message) => {
    const r = verifyText(pdfLike(md.replace(right, wrong)), ledger);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('a wrong shared rank inside a list', async () => {
    const edge = await edgeLedger();
    const text = markdown(edge);
    expect(text).toContain('（江北区和沙坪坝区并列第5位）');
    expect(verifyText(text.replace('（江北区和沙坪坝区并列第5位）', '（江北区和沙坪坝区并列第4位）'), edge).problems.map((p) => p.message)).toContain('江北区双创活力：文中为并列第4位，台账为并列第5位');
    expect(verifyText(text.replace('最高的为万州区和涪陵区', '最高的为万州区和渝中区'), edge).ok).toBe(false);
  });

  it('a figure numbered out of order', () => {
    const r = verifyText(`图2 2018年第3季度较第2季度双创指数提高百分点\n图1 双创指数分布图\n${md}`, ledger);
    expect(r.problems.map((p) => p.message)).toContain('图1出现在图2之后：图应按首次出现的顺序编号');
  });
});

describe('the reference article', () => {
  const seed = '/work/shared/seed/000_761156490aac2bdf.txt';
  it.skipIf(!existsSync(seed))("has its slips flagged (高于平均分, a rate's change in %)", async () => {
    const ledger = await sampleLedger('2018Q3');
    const text = readFileSync(seed, 'utf8');
    const article = text.slice(0, text.indexOf('重庆市科技创新工作情况调研报告'));
    const r = verifyText(article, ledger);
    const messages = r.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/高于平均分/);
    expect(messages).toMatch(/新注册企业数环比增长率是比率/);
    expect(messages).toMatch(/图1出现在图2之后/);
  });
});
