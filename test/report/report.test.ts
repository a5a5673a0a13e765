/**
 * The finished report of the sample quarter, end to end: what the editors print.
 * One build per quarter is shared by the tests of this file (a build takes seconds).
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, DEFAULT_TEMPLATES, type ReportBuild } from '../../src/report.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { pdfText } from '../../src/verify/extract.js';
import { TemplateError } from '../../src/narrative/index.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

const T = 120_000;
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const squash = (s: string) => s.replace(/\s+/g, '');

let q3: ReportBuild;
let q1: ReportBuild;
let pdfPlain: string;
let docXml: Record<string, string>;

beforeAll(async () => {
  q3 = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', issue: '2018年第6期' });
  q1 = await buildReport({ data: SAMPLE_DATA, quarter: '2017Q1' });
  // Page furniture (header, page numbers) interrupts running text in the PDF: drop those lines.
  pdfPlain = squash(
    (await pdfText(q3.files.get('report.pdf')!))
      .split('\n')
      .filter((l) => !/^\s*\d+\s*$/.test(l) && !l.includes('科技参考·2018年第6期') && !/^\s*·本期特稿·\s*$/.test(l))
      .join('\n'),
  );
  const zip = await JSZip.loadAsync(q3.files.get('report.docx')!);
  docXml = {};
  for (const name of ['word/document.xml', 'word/footnotes.xml', 'word/styles.xml', 'word/footer1.xml', 'word/header1.xml']) docXml[name] = (await zip.file(name)?.async('string')) ?? '';
}, T);

/** Asserts that every piece occurs in the haystack, in order. */
function expectInOrder(haystack: string, pieces: string[], what: string): void {
  let at = 0;
  for (const p of pieces) {
    const i = haystack.indexOf(p, at);
    expect(i, `${what}: 「${p.slice(0, 40)}…」 not found after position ${at}`).toBeGreaterThanOrEqual(0);
    at = i + p.length;
  }
}

describe('the sample report (2018Q3)', () => {
  it('writes every output', () => {
    const names = [...q3.files.keys()];
    expect(names).toEqual(expect.arrayContaining(['facts.json', 'narrative.md', 'report.pdf', 'report.docx', 'factcheck.json', 'figures/figures.json']));
    expect(names.filter((n) => n.endsWith('.svg'))).toHaveLength(14);
    expect(names.filter((n) => n.endsWith('.png'))).toHaveLength(14);
    expect(names).toContain('figures/fig01-map-total.svg');
    expect(names).toContain('figures/fig13-two-quarter-total.png');
  });

  it('numbers the 14 figures in order of appearance, captions from the figure list', () => {
    const list = JSON.parse(text(q3.files.get('figures/figures.json')!)) as { number: number; caption: string }[];
    expect(list.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(list[0].caption).toBe('图1 2018年第3季度双创指数分布图');
    expect(list[1].caption).toBe('图2 2018年第3季度双创指数环比变化（%）');
    expect(list[12].caption).toBe('图13 38个区县双创指数连续两季度得分变化情况（2018年第2季度—2018年第3季度）');
    expect(list[13].caption).toBe('图14 2018年第3季度双创指数排名稳健性（模拟排名区间）');
  });

  it('the PDF holds the narrative in order, then the figure captions in order', () => {
    const md = text(q3.files.get('narrative.md')!);
    const paragraphs = md
      .split('\n\n')
      .map((p) => squash(p.replace(/^#+ /, '')))
      .filter(Boolean);
    expect(paragraphs.length).toBeGreaterThan(20);
    expectInOrder(pdfPlain, paragraphs, 'PDF');
    expectInOrder(
      pdfPlain,
      Array.from({ length: 13 }, (_, i) => `图${i + 1}`),
      'PDF captions',
    );
  });

  it('the PDF embeds subsets of the Chinese fonts', () => {
    const pdf = Buffer.from(q3.files.get('report.pdf')!).toString('latin1');
    expect(pdf).toMatch(/\/FontFile2/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
  });

  it('the DOCX has East Asian fonts, a real footnote, PAGE fields, 13 pictures with captions in order', () => {
    const doc = docXml['word/document.xml'];
    // the fonts of templates/report/bulletin.yaml (wordFonts): 宋体 body, 黑体 headings
    expect(docXml['word/styles.xml']).toMatch(/w:eastAsia="宋体"/);
    expect(docXml['word/styles.xml']).toMatch(/w:eastAsia="黑体"/);
    expect(docXml['word/footnotes.xml']).toContain('重庆区县双创指数报告研究小组由');
    expect(doc).toMatch(/<w:footnoteReference w:id="1"\/>/);
    expect(docXml['word/footer1.xml']).toMatch(/PAGE/);
    expect(docXml['word/header1.xml']).toContain('科技参考·2018年第6期');
    // built from the shipped sample data: marked so in the header band
    expect(docXml['word/header1.xml']).toContain('样例数据');
    expect(doc.match(/<w:drawing>/g)).toHaveLength(14);
    const plain = [...doc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expectInOrder(
      plain,
      Array.from({ length: 14 }, (_, i) => `图${i + 1}`),
      'DOCX captions',
    );
    expect(plain).toContain('表1');
  });

  it('PDF and DOCX carry the same text in the same order (one model, two renderers)', () => {
    const md = text(q3.files.get('narrative.md')!);
    const paragraphs = md
      .split('\n\n')
      .map((p) => squash(p.replace(/^#+ /, '')))
      .filter(Boolean);
    const plain = squash([...docXml['word/document.xml'].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    expectInOrder(plain, paragraphs, 'DOCX');
  });

  it('the fact check ran on the narrative, the PDF and the DOCX, and found them true', () => {
    const fc = JSON.parse(text(q3.files.get('factcheck.json')!));
    expect(fc.narrative.ok).toBe(true);
    expect(fc.narrative.claims).toBeGreaterThan(150);
    // The documents hold every sentence of the narrative (checked there), and their own text is checked too.
    for (const where of ['pdf', 'docx']) {
      expect(fc[where].ok).toBe(true);
      expect(fc[where].byKind.sameAsNarrative).toBeGreaterThan(45);
      expect(fc[where].claims).toBeGreaterThan(5);
    }
  });

  it('the values a figure prints are the ledger values, for all 38 districts', () => {
    const figures = q3.figures!;
    expect(figures).toHaveLength(14);
    for (const f of figures) {
      if (f.spec.kind === 'map') continue;
      expect(Object.keys(f.printed), f.spec.id).toHaveLength(38);
      for (const d of q3.ledger.districts) {
        const s = d.scores[f.spec.node];
        const expected = f.spec.kind === 'change' ? s.pct : f.spec.kind === 'rank-intervals' ? s.rank : s.score;
        expect(f.printed[d.district], `${f.spec.id} ${d.district}`).toBe(expected);
      }
    }
    for (const f of figures) expect(f.rendered.svg, f.spec.id).not.toMatch(/<text/); // text as outlines
  });

  it(
    'is byte-identical when built again',
    async () => {
      const again = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', issue: '2018年第6期' });
      for (const [name, bytes] of q3.files) expect(Buffer.compare(Buffer.from(again.files.get(name)!), Buffer.from(bytes)), name).toBe(0);
    },
    T,
  );
});

describe('a quarter without a previous quarter (2017Q1)', () => {
  it('leaves out the change figures and numbers the rest without a gap', () => {
    const list = JSON.parse(text(q1.files.get('figures/figures.json')!)) as { number: number; id: string }[];
    expect(list.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(list.some((f) => f.id.startsWith('change-') || f.id.startsWith('two-quarter'))).toBe(false);
    expect(text(q1.files.get('narrative.md')!)).toContain('无法计算2017年第1季度各区县双创指数的环比变化');
  });
});

describe('bad templates give a clear error naming the template line', () => {
  const copy = () => {
    const dir = join(tempDir(), 'templates');
    cpSync(DEFAULT_TEMPLATES, dir, { recursive: true });
    return dir;
  };
  const edit = (dir: string, find: string, replace: string) => {
    const file = join(dir, 'report/report.hbs');
    const src = readFileSync(file, 'utf8');
    expect(src).toContain(find);
    writeFileSync(file, src.replace(find, replace));
    return src.slice(0, src.indexOf(find)).split('\n').length;
  };

  it(
    'an unknown field',
    async () => {
      const dir = copy();
      const line = edit(dir, '{{meta.title}}', '{{meta.titel}}');
      const e = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: dir }).catch((x) => x);
      expect(e).toBeInstanceOf(TemplateError);
      expect(e.message).toMatch(new RegExp(`^report\\.hbs:${line}: "titel" not defined`));
    },
    T,
  );

  it(
    'an unclosed Handlebars block',
    async () => {
      const dir = copy();
      edit(dir, '{{#if overall}}', '{{#if overall}}{{#if changesAvailable}}');
      const e = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: dir }).catch((x) => x);
      expect(e).toBeInstanceOf(TemplateError);
      expect(e.message).toMatch(/^report\.hbs:\d+: .*(Parse error|doesn't match)/s);
    },
    T,
  );

  it(
    'an unclosed markup block',
    async () => {
      const dir = copy();
      const line = edit(dir, '::: byline\n重庆区县双创指数报告研究小组[^group]\n:::', '::: byline\n重庆区县双创指数报告研究小组[^group]');
      const e = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: dir }).catch((x) => x);
      expect(e).toBeInstanceOf(InputError);
      expect(e.problems[0]).toMatchObject({ file: expect.stringMatching(/report\/report\.hbs$/), line });
      expect(e.problems[0].message).toMatch(/byline/);
    },
    T,
  );

  it(
    'an edited sentence shows up in every output',
    async () => {
      const dir = copy();
      const lead = join(dir, 'report/lead.hbs');
      writeFileSync(lead, readFileSync(lead, 'utf8').replace('客观反映各区县创新创业情况和发展趋势', '客观反映各区县创新创业的现状与趋势'));
      const r = await buildReport({ data: SAMPLE_DATA, quarter: '2017Q1', templatesDir: dir });
      expect(text(r.files.get('narrative.md')!)).toContain('客观反映各区县创新创业的现状与趋势');
      expect(squash(await pdfText(r.files.get('report.pdf')!))).toContain('客观反映各区县创新创业的现状与趋势');
    },
    T,
  );
});
