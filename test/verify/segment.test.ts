/**
 * Text extracted from the PDF: a 注 line under the appendix table wraps over as many
 * lines as its list needs, and must reach the check as one sentence. (A note cut
 * after four lines left its tail, "数1个（渝北区）…", to be read as running text of
 * the previous section, where "1个" was refused as a rank.)
 */
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/verify/text.js';

const NOTE_LINES = [
  '注：双创指数为双创活力、双创环境、双创成效得分之和；有16个指标值超出目标值范围，标准化时按边界值计：新注册企业数2个',
  '（沙坪坝区、渝北区），科技型企业数4个（江北区、沙坪坝区、九龙坡区、渝北区），创业投资额2个（渝中区、渝北区），',
  '众创空间数1个（渝北区），知识产权保护程度1个（渝北区），社会关注度3个（九龙坡区、南岸区、渝北区），新增就业岗位',
  '科技参考 ·本期特稿·',
  '11',
  '数1个（渝北区），高新技术产品产值2个（九龙坡区、渝北区）。',
];

describe('segment: notes', () => {
  it('keeps a note that wraps over five lines and a page break whole, and none of it as running text', () => {
    const units = segment(['上文最后一句。', ...NOTE_LINES, '四、下一节', '下一节的正文。'].join('\n'));
    const notes = units.filter((u) => u.kind === 'note').map((u) => u.text);
    expect(notes.join('')).toContain('新增就业岗位数1个（渝北区），高新技术产品产值2个（九龙坡区、渝北区）。');
    const sentences = units.filter((u) => u.kind === 'sentence').map((u) => u.text);
    expect(sentences).toEqual(['上文最后一句。', '下一节的正文。']);
    expect(units.find((u) => u.kind === 'heading')?.text).toBe('四、下一节');
  });

  it('ends a note without its full stop at a heading, and the text after it is checked as running text', () => {
    const units = segment(['注：一条没有句号的注', '三、对比情况', '正文句子。'].join('\n'));
    expect(units.map((u) => u.kind)).toEqual(['note', 'heading', 'sentence']);
  });

  it('ends a note without its full stop after a bounded number of lines', () => {
    const lines = ['注：没有句号的注', ...Array.from({ length: 20 }, (_, i) => `第${i}行文字`)];
    const units = segment(lines.join('\n'));
    expect(units.some((u) => u.kind === 'sentence')).toBe(true);
  });
});
