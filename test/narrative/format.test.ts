import { describe, expect, it } from 'vitest';
import { changeText, cnNumber, fixed2, indicatorChangeText, integer, joinList, rangeText, rankMoveText, rankText, valueText } from '../../src/narrative/format.js';
import { wordingSchema } from '../../src/narrative/wording.js';
import { createTemplateEngine } from '../../src/narrative/engine.js';

const w = wordingSchema.parse({});

describe('format', () => {
  it('joins lists with 、 and 和 for the last two of a short list', () => {
    expect(joinList(['渝北区'], w.join)).toBe('渝北区');
    expect(joinList(['渝北区', '江北区'], w.join)).toBe('渝北区和江北区');
    expect(joinList(['渝北区', '江北区', '南岸区'], w.join)).toBe('渝北区、江北区和南岸区');
    expect(joinList(['A', 'B', 'C', 'D'], w.join)).toBe('A、B、C、D');
    expect(joinList(['A', 'B'], { ...w.join, last: '与' })).toBe('A与B');
    expect(joinList(['A', 'B', 'C'], { ...w.join, shortList: 2 })).toBe('A、B、C');
  });

  it('prints numbers per GB/T 15835: 2 decimals, 千分撇 from 5 digits, minus sign', () => {
    expect(fixed2(15.9, w.numbers)).toBe('15.90');
    expect(fixed2(-33.333, w.numbers)).toBe('-33.33');
    expect(fixed2(-0.001, w.numbers)).toBe('0.00');
    expect(integer(9777, w.numbers)).toBe('9777');
    expect(integer(53761, w.numbers)).toBe('53,761');
    expect(integer(1234567, w.numbers)).toBe('1,234,567');
    expect(fixed2(12345.678, w.numbers)).toBe('12,345.68');
  });

  it('words signed changes, 个百分点 for rates', () => {
    expect(changeText(0.59, '%', 'growth', w)).toBe('增长了0.59%');
    expect(changeText(-6.51, '分', 'score', w)).toBe('下降了6.51分');
    expect(changeText(0, '分', 'score', w)).toBe('持平');
    expect(changeText(6.87, '%', 'growth', w, { le: false })).toBe('增长6.87%');
    expect(indicatorChangeText({ kind: 'rate', unit: '%', diff: 70.23, pct: null }, w)).toBe('提高了70.23个百分点');
    expect(indicatorChangeText({ kind: 'rate', unit: '%', diff: -73.49, pct: null }, w)).toBe('下降了73.49个百分点');
    expect(indicatorChangeText({ kind: 'count', unit: '家', diff: 395, pct: 89.37 }, w)).toBe('增长了89.37%');
    expect(indicatorChangeText({ kind: 'count', unit: '家', diff: 5, pct: null }, w)).toBe('增加了5家');
  });

  it('words ranks and rank moves', () => {
    expect(rankText(5)).toBe('第5位');
    expect(rankText(5, true)).toBe('并列第5位');
    expect(rankMoveText(35, 8, w)).toBe('从第35位上升到第8位');
    expect(rankMoveText(8, 14, w)).toBe('从第8位下降到第14位');
    expect(rankMoveText(1, 1, w)).toBe('仍居第1位');
    expect(rankMoveText(10, 10, w)).toBe('保持不变，仍为第10位');
    expect(rankMoveText(37, 21, w, false, true)).toBe('从并列第37位上升到第21位');
  });

  it('writes ranges with the GB/T 15834 dash, values with units, Chinese numerals', () => {
    expect(rangeText('70-80分', w)).toBe('70—80分');
    expect(rangeText('70～80分', w)).toBe('70—80分');
    expect(rangeText('80分以上', w)).toBe('80分以上');
    expect(valueText(53761, 'count', '次', w)).toBe('53,761次');
    expect(valueText(-33.33, 'rate', '%', w)).toBe('-33.33%');
    expect(valueText(26.6, 'score', '分', w)).toBe('26.60分');
    expect([1, 2, 3, 10, 11, 20, 23].map(cnNumber)).toEqual(['一', '二', '三', '十', '十一', '二十', '二十三']);
  });
});

describe('helpers on the template engine', () => {
  it('are registered on an isolated instance the document template can reuse', () => {
    const hb = createTemplateEngine();
    const t = hb.compile('{{join list}}；{{growth 0.59}}；{{change -6.51 "分"}}；{{pp 70.23}}；{{rank 3 true}}；{{rankMove 35 8}}；{{int 20000}}；{{seq 0}}', { strict: true });
    expect(t({ list: ['大渡口区', '丰都县', '酉阳县'] })).toBe('大渡口区、丰都县和酉阳县；增长了0.59%；下降了6.51分；提高了70.23个百分点；并列第3位；从第35位上升到第8位；20,000；一');
    // The global Handlebars instance is untouched.
    expect(() => hb.compile('{{> level}}')).not.toThrow();
  });
});
