import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { fillCaption, loadFigureSpecs, numberFigures, parseFigureSpecs } from '../../src/figures/spec.js';

const vars = (node: string) => ({ quarterLabel: '2018年第3季度', previousQuarterLabel: '2018年第2季度', node, districtCount: 38 });

describe('templates/figures.yaml', () => {
  const specs = loadFigureSpecs();

  it('lists the 14 figures in the order of first mention', () => {
    expect(specs.map((s) => s.id)).toEqual([
      'map-total',
      'change-total',
      'bars-total',
      'map-vitality',
      'change-vitality',
      'bars-vitality',
      'map-environment',
      'change-environment',
      'bars-environment',
      'map-outcome',
      'change-outcome',
      'bars-outcome',
      'two-quarter-total',
      'rank-intervals-total',
    ]);
    expect(specs.filter((s) => s.needsPrevious).map((s) => s.kind)).toEqual(['change', 'change', 'change', 'change', 'two-quarter']);
  });

  it('numbers 1..14 in the order given', () => {
    const n = numberFigures(specs);
    expect(n.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(n.map((f) => `图${f.number} ${fillCaption(f.caption, vars(f.node))}`).slice(0, 3)).toEqual(['图1 2018年第3季度双创指数分布图', '图2 2018年第3季度双创指数环比变化（%）', '图3 38个区县双创指数得分（2018年第3季度）']);
    expect(fillCaption(n[12].caption, vars(n[12].node))).toBe('38个区县双创指数连续两季度得分变化情况（2018年第2季度—2018年第3季度）');
  });

  it('numbers what is left without a gap when the comparing figures are left out (no previous quarter)', () => {
    const n = numberFigures(specs.filter((s) => !s.needsPrevious));
    expect(n.map((f) => f.id)).toEqual(['map-total', 'bars-total', 'map-vitality', 'bars-vitality', 'map-environment', 'bars-environment', 'map-outcome', 'bars-outcome', 'rank-intervals-total']);
    expect(n.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // no caption kept needs the previous quarter's label
    for (const f of n) expect(() => fillCaption(f.caption, { ...vars(f.node), previousQuarterLabel: undefined })).not.toThrow();
  });

  it('pairs the change chart and the ranked bars of every index, side by side in numbering order', () => {
    const n = numberFigures(specs);
    const pairs = n.filter((f) => f.pairing?.side === 'left').map((f) => [f.id, f.pairing!.with]);
    expect(pairs).toEqual([
      ['change-total', 'bars-total'],
      ['change-vitality', 'bars-vitality'],
      ['change-environment', 'bars-environment'],
      ['change-outcome', 'bars-outcome'],
    ]);
    for (const f of n.filter((x) => x.pairing?.side === 'right')) {
      const left = n.find((x) => x.id === f.pairing!.with)!;
      expect(left.number).toBe(f.number - 1);
      expect(left.pairing).toEqual({ with: f.id, side: 'left' });
    }
  });

  it('sets a figure alone when its partner is left out for want of a previous quarter', () => {
    const n = numberFigures(specs.filter((s) => !s.needsPrevious));
    expect(n.filter((f) => f.pairing)).toEqual([]);
  });

  it('gives every map its schematic note', () => {
    for (const s of specs.filter((x) => x.kind === 'map')) expect(s.note).toMatch(/示意图/);
  });
});

describe('bad figure lists', () => {
  const file = 'templates/figures.yaml';
  const bad = (text: string) => {
    try {
      parseFigureSpecs(text, file);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).message;
    }
    throw new Error('expected an InputError');
  };
  const entry = (extra: string, kind = 'map', id = 'map-total') => `figures:\n  - id: ${id}\n    kind: ${kind}\n    node: 双创指数\n    caption: "{{node}}分布图"\n${extra}`;

  it('names the file, line, entry and allowed kinds for a bad kind', () => {
    const m = bad(entry('', 'pie', 'pie-total'));
    expect(m).toContain('templates/figures.yaml 第3行');
    expect(m).toContain('figures[0] (pie-total).kind');
    expect(m).toContain('map, change, bars, two-quarter');
  });

  it('names an unknown field at its line', () => {
    const m = bad(entry('    colour: red\n'));
    expect(m).toContain('第6行');
    expect(m).toContain('figures[0] (map-total): unknown field "colour"');
  });

  it('rejects unknown nodes and placeholders, duplicate ids and needsPrevious: false on a change chart', () => {
    const m = bad(
      'figures:\n' +
        '  - { id: a, kind: map, node: 双创x, caption: "{{quarter}}" }\n' +
        '  - { id: a, kind: change, node: 双创指数, caption: x, needsPrevious: false }\n' +
        '  - { id: b, kind: bars, node: 双创指数, caption: "{{previousQuarterLabel}}" }\n',
    );
    expect(m).toContain('unknown node "双创x"');
    expect(m).toContain('unknown placeholder {{quarter}}');
    expect(m).toContain('id "a" is used twice');
    expect(m).toContain('needsPrevious cannot be false');
    expect(m).toContain('figures[2] (b): the caption uses {{previousQuarterLabel}}');
  });

  it('checks pairs: the partner exists, follows directly in the same section, and is in no other pair', () => {
    const fig = (id: string, kind: string, extra = '') => `  - { id: ${id}, kind: ${kind}, node: 双创指数, caption: x${extra} }\n`;
    expect(bad('figures:\n' + fig('a', 'bars', ', pair: a'))).toContain('figures[0] (a): a figure cannot be paired with itself');
    expect(bad('figures:\n' + fig('a', 'bars', ', pair: zz'))).toContain('no figure has the id "zz"');
    expect(bad('figures:\n' + fig('a', 'bars', ', pair: c') + fig('b', 'map') + fig('c', 'map'))).toContain('"c" must be listed right after this figure');
    expect(bad('figures:\n' + fig('a', 'bars', ', pair: b') + fig('b', 'map', ', section: 其他'))).toContain('"b" is in section 其他, this figure in 双创指数');
    const chained = bad('figures:\n' + fig('a', 'bars', ', pair: b') + fig('b', 'map', ', pair: c') + fig('c', 'map'));
    expect(chained).toContain('figures[0] (a): "a" or "b" is already in another pair');
    expect(chained).toMatch(/第2行/);
  });

  it('reports broken YAML and an empty list', () => {
    expect(bad('figures:\n  - id: a\n   kind: map\n')).toMatch(/not valid YAML/);
    expect(bad('figures: []\n')).toMatch(/empty/);
  });

  it('accepts the nodes of another indicator tree when given', () => {
    const specs = parseFigureSpecs(entry('').replace('双创指数', '创新指数'), file, { nodes: ['创新指数'] });
    expect(specs[0].node).toBe('创新指数');
  });

  it('fillCaption refuses a missing value', () => {
    expect(() => fillCaption('{{previousQuarterLabel}}', { quarterLabel: 'q', node: 'n', districtCount: 38 })).toThrow(/previousQuarterLabel/);
  });
});
