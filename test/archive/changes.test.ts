import { describe, expect, it } from 'vitest';
import { changesMarkdown, diffSentences, markRewrite, sentences, type ChangeSet } from '../../src/archive/changes.js';

const before = `导语一句。

# 一、总体

甲句不变。渝北区得分88.59分，居第1位。旧的一句将被删去。

## （一）活力

增幅较大的有：大渡口区、丰都县、涪陵区；其余不变。
`;

const after = `导语一句。

# 一、总体

甲句不变。渝北区得分89.67分，居第1位。

## （一）活力

增幅较大的有：大渡口区、渝北区、丰都县；其余不变。全新的一句。
`;

describe('what the text of a correction says differently', () => {
  it('splits the narrative into sentences under their headings', () => {
    const s = sentences(after);
    expect(s[0]).toEqual({ text: '导语一句。', section: [] });
    expect(s.find((x) => x.text.startsWith('渝北区'))!.section).toEqual(['一、总体']);
    expect(s.find((x) => x.text === '全新的一句。')!.section).toEqual(['一、总体', '（一）活力']);
  });

  it('pairs a rewritten sentence with its old wording; removals and additions stand alone; unchanged sentences are left out', () => {
    const changes = diffSentences(sentences(before), sentences(after));
    expect(changes).toEqual([
      { section: ['一、总体'], before: '旧的一句将被删去。' },
      { section: ['一、总体'], before: '渝北区得分88.59分，居第1位。', after: '渝北区得分89.67分，居第1位。' },
      { section: ['一、总体', '（一）活力'], before: '增幅较大的有：大渡口区、丰都县、涪陵区；', after: '增幅较大的有：大渡口区、渝北区、丰都县；' },
      { section: ['一、总体', '（一）活力'], after: '全新的一句。' },
    ]);
    expect(diffSentences(sentences(after), sentences(after))).toEqual([]);
  });

  it('marks what changed in bold: whole numbers and whole names, never half of one', () => {
    expect(markRewrite('得分88.59分，居第1位。', '得分89.67分，居第1位。')).toEqual({ before: '得分**88.59**分，居第1位。', after: '得分**89.67**分，居第1位。' });
    expect(markRewrite('有：大渡口区、丰都县、涪陵区；', '有：大渡口区、渝北区、丰都县；')).toEqual({
      before: '有：大渡口区、**丰都县、涪陵区**；',
      after: '有：大渡口区、**渝北区、丰都县**；',
    });
    expect(markRewrite('增长了1.5%。', '增长了11.5%。')).toEqual({ before: '增长了**1.5%**。', after: '增长了**11.5%**。' });
  });

  it('lists the changes under their headings in changes.md, old and new side by side', () => {
    const set: ChangeSet = { data: [], scores: [], tiers: [], sentences: diffSentences(sentences(before), sentences(after)) };
    const md = changesMarkdown(set, { title: '报告', quarter: '2018Q3', fromVersion: 1, toVersion: 2 });
    expect(md).toContain('### 一、总体\n\n- 删去：旧的一句将被删去。\n- 原文：渝北区得分**88.59**分，居第1位。\n  改为：渝北区得分**89.67**分，居第1位。');
    expect(md).toContain('### 一、总体 › （一）活力\n\n');
    expect(md).toContain('- 增加：全新的一句。');
    expect(changesMarkdown({ ...set, sentences: [] }, { title: '报告', quarter: '2018Q3', fromVersion: 1, toVersion: 2 })).toContain('报告文字没有变化。');
  });
});
