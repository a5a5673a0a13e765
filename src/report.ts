/**
 * One quarter's report as files: load → validate → compute → facts → narrative
 * → figures → document model → PDF and DOCX, then the fact check on the text of
 * all three. Each stage is a plain function of the previous one's output.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse as parseYaml, YAMLError } from 'yaml';
import { z } from 'zod';
import { buildFacts, PROJECT_ROOT, SAMPLE_DATA } from './pipeline.js';
import type { Ledger } from './facts/types.js';
import { displayPath, type FileMap } from './files.js';
import { InputError } from './errors.js';
import { quarterEnd } from './quarter.js';
import { statisticalAudit } from './method/audit.js';
import { buildFigures, createFigureMemo, figureFileStem, type ReportFigure } from './figures/build.js';
import { blobCache, dataCache, sourcesDigest } from './bundle.mjs';
import { figureCaption, loadFigureSpecs } from './figures/spec.js';
import type { IndexConfig } from './config/types.js';
import { renderNarrative, narrativeToMarkdown, type Narrative } from './narrative/index.js';
import { narrativeSentences, verifyNarrative, verifyText, type VerifyOptions, type VerifyReport } from './verify/index.js';
import { figureRefs } from './verify/figure-list.js';
import { pdfText, docxText, prewarmPdfText } from './verify/extract.js';
import { appendixTable } from './document/appendix.js';
import { auditTable } from './document/audit-table.js';
import { assembleDocument } from './document/assemble.js';
import { type PlacedFigure, placeFigures } from './document/figure-numbers.js';
import type { DocumentModel } from './model/types.js';
import type { FigureAsset } from './markup/parse.js';
import { renderPdfWithInfo, type PdfAttachment } from './render/pdf/index.js';
import { setProgramStore } from './render/svg-pdf/index.js';
import { dataRowsCsv } from './data-rows.js';
import { renderDocx } from './render/docx/index.js';

export const DEFAULT_TEMPLATES = resolve(PROJECT_ROOT, 'templates');

/**
 * The figures' memo, for the process: each figure is drawn once for what it draws (a rebuild
 * after a wording change draws none); map layouts and drawn figures are kept across processes
 * in the bundle's cache.
 */
const figureMemo = createFigureMemo({ store: { ...dataCache, ...blobCache }, codeDigest: sourcesDigest });
// The figures compiled into PDF operators too (render/svg-pdf/program-cache.ts).
setProgramStore(blobCache, sourcesDigest);

export interface ReportInputs {
  data: string;
  config?: string;
  districts?: string;
  templatesDir?: string;
  quarter?: string;
  /** The bulletin issue for the running header, e.g. 2018年第6期 (default: bulletin.yaml). */
  issue?: string;
  /** Stop after facts.json. */
  factsOnly?: boolean;
  /** Told when a stage is done (the command line shows the stages on a terminal). */
  onStage?: (stage: string, ms: number) => void;
  /** The data are the shipped sample (data/sample): every page and the properties say 样例数据. Default: whether `data` lies in data/sample. */
  sampleData?: boolean;
}

export interface ReportBuild {
  ledger: Ledger;
  /** Output files by their name in the report folder. */
  files: FileMap;
  /** Milliseconds per stage. */
  timings: Record<string, number>;
  factCheck?: Record<'narrative' | 'pdf' | 'docx', VerifyReport>;
  /** The figures as rendered, with the numbers each prints. */
  figures?: ReportFigure[];
  /** The narrative as rendered, with the fact behind each printed number (the workbench links them). */
  narrative?: Narrative;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

const fontPair = (eastAsia: string, latin: string) => z.strictObject({ eastAsia: z.string().min(1).default(eastAsia), latin: z.string().min(1).default(latin) }).prefault({});
const bulletinSchema = z.strictObject({
  name: z.string(),
  column: z.string(),
  issue: z.string().default(''),
  author: z.string(),
  /** Fonts the Word file names (not embedded): as every Chinese Windows/WPS machine has them. */
  wordFonts: z.strictObject({ body: fontPair('宋体', 'Times New Roman'), heading: fontPair('黑体', 'Arial') }).prefault({}),
  /** The mark in the header band of a report built from the shipped sample data. */
  sampleMark: z.string().default('样例数据'),
  /** audit: an appendix table with the quarter's statistical audit after the scores (off by default). */
  appendix: z.enum(['none', 'audit']).default('none'),
});
export type Bulletin = z.infer<typeof bulletinSchema>;

export function loadBulletin(templatesDir: string): Bulletin {
  const file = join(templatesDir, 'report/bulletin.yaml');
  const shown = displayPath(file);
  const hint = '字段：name（刊名）、column（栏目）、issue（期号，可空）、author（作者）、wordFonts（Word 字体：body/heading 各有 eastAsia、latin）、sampleMark（样例数据标记）、appendix（none 或 audit：统计检验附表）';
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError([{ file: shown, message: '找不到刊物设置文件 bulletin.yaml', hint: `从项目的 templates/report/bulletin.yaml 复制一份；${hint}` }]);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    if (!(e instanceof YAMLError)) throw e;
    const pos = e.linePos?.[0];
    throw new InputError([{ file: shown, ...(pos ? { line: pos.line } : {}), message: `YAML 格式有误${pos ? `（第${pos.col}列）` : ''}：${e.message.split('\n')[0]}`, hint: `检查这一行的冒号、引号与缩进；${hint}` }]);
  }
  const parsed = bulletinSchema.safeParse(value);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => ({ file: shown, message: `${i.path.join('.') || '（顶层）'}：${i.message}`, hint })));
  return parsed.data;
}

/** Stops the build when the text says something the ledger does not. */
function checkOrFail(where: string, report: VerifyReport): VerifyReport {
  if (report.ok) return report;
  throw new FactCheckError(where, report);
}

const WHERE: Record<string, string> = { narrative: '报告正文', PDF: 'PDF', Word: 'Word 文档' };

export class FactCheckError extends Error {
  constructor(
    readonly where: string,
    readonly report: VerifyReport,
  ) {
    super(
      `事实核查未通过（${WHERE[where] ?? where}）：${report.problems.length}个问题\n` +
        report.problems.map((p) => `  - ${p.message}\n    「${p.sentence}」${p.heading ? `\n    位置：${p.heading}` : ''}`).join('\n') +
        (report.problems.some((p) => p.kind === 'unverifiable') ? '\n  提示：台账无法核实的句子，请改写为可核实的表述；确需保留的，可在模板中用 {{#checked "理由"}}……{{/checked}} 标为人工核对（记入 factcheck.json）。' : ''),
    );
    this.name = 'FactCheckError';
  }
}

/** The whole report of one quarter, as files. */
export async function buildReport(inputs: ReportInputs): Promise<ReportBuild> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (now - t);
    t = now;
    inputs.onStage?.(stage, timings[stage]);
  };
  const templatesDir = inputs.templatesDir ?? DEFAULT_TEMPLATES;
  const { ledger, config, dataset, result } = await buildFacts({ data: inputs.data, config: inputs.config, districts: inputs.districts, quarter: inputs.quarter }, timings);
  for (const stage of ['load', 'compute']) inputs.onStage?.(stage, timings[stage] ?? 0);
  t = performance.now();
  const files: FileMap = new Map();
  files.set('facts.json', utf8(JSON.stringify(ledger, null, 2) + '\n'));
  const audit = statisticalAudit(config, result);
  files.set('audit.json', utf8(JSON.stringify(audit, null, 2) + '\n'));
  if (inputs.factsOnly) return { ledger, files, timings };

  prewarmPdfText();
  const bulletin = loadBulletin(templatesDir);
  const issue = inputs.issue ?? bulletin.issue;
  const kept = figuresFor(ledger, loadFigureSpecs(join(templatesDir, 'figures.yaml'), { nodes: [ledger.meta.root, ...ledger.meta.firstLevel] }));
  const narrative = renderNarrative(ledger, {
    templatesDir: join(templatesDir, 'report'),
    layout: { figures: kept.map((s) => ({ id: s.id, section: s.section })), bulletin: { name: bulletin.name, issue, column: bulletin.column, appendix: bulletin.appendix } },
  });
  const narrativeMd = narrativeToMarkdown(narrative);
  // 图N for the check, the figures and the document alike: the order the text places them in.
  const placed = placeFigures(narrative, kept);
  const checkOptions = factCheckOptions(narrative, placed, ledger, config);
  const narrativeCheck = verifyNarrative(narrative, ledger, checkOptions);
  checkOrFail('narrative', narrativeCheck);
  // The documents must hold the narrative's sentences, in order; what else they hold (title, captions, notes) is checked there.
  const documentOptions: VerifyOptions = { ...checkOptions, narrativeSentences: narrativeSentences(narrative) };
  lap('narrative');

  const figures = await buildFigures(ledger, placed, { memo: figureMemo });
  lap('figures');

  const sample = inputs.sampleData ?? isInside(inputs.data, SAMPLE_DATA);
  const model = assembleDocument({
    narrative,
    assets: {
      figures: new Map<string, FigureAsset>(figures.map((f) => [f.spec.id, figureAsset(f)])),
      tables: new Map([['appendix', appendixTable(ledger)], ...(bulletin.appendix === 'audit' ? [['audit', auditTable(ledger, audit)] as const] : [])]),
    },
    header: { bulletin: issue ? `${bulletin.name}·${issue}` : bulletin.name, column: bulletin.column, ...(sample ? { mark: bulletin.sampleMark } : {}) },
    // The documents' date is the last day of the quarter reported: fixed by the data, never the clock.
    meta: {
      title: ledger.meta.title,
      lang: 'zh-CN',
      author: bulletin.author,
      subject: `${ledger.meta.quarterLabel}重庆38个区县双创指数`,
      keywords: ['双创指数', ledger.meta.quarterLabel, ...(sample ? [bulletin.sampleMark] : [])],
      date: quarterEnd(ledger.meta.quarter),
      properties: documentProperties(issue, sample ? bulletin.sampleMark : undefined),
    },
    sourceName: displayPath(join(templatesDir, 'report/report.hbs')),
  });
  lap('model');

  // The PDF's layout decides figure sizes; the DOCX renders the model as laid out, so both break pages alike.
  const { bytes: pdf, model: laidOut } = await renderPdfWithInfo(model, { attachments: pdfAttachments(files.get('facts.json')!, dataRowsCsv(config, dataset, ledger.meta.quarter)) });
  lap('pdf');
  // The PDF's text is extracted on another thread while the DOCX renders here.
  const tableCells = model.blocks.flatMap((b) => (b.type === 'table' ? [...b.header.flat(), ...b.rows.flat()] : []));
  const pdfTextPending = pdfText(pdf, tableCells);
  pdfTextPending.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
  const docx = await renderDocx(laidOut, { fonts: { serif: bulletin.wordFonts.body, sans: bulletin.wordFonts.heading } });
  lap('docx');

  const docxCheck = checkOrFail('Word', verifyText(await docxText(docx), ledger, { ...documentOptions, where: 'Word' }));
  const pdfCheck = checkOrFail('PDF', verifyText(await pdfTextPending, ledger, { ...documentOptions, where: 'PDF' }));
  lap('factcheck');

  const factCheck = { narrative: narrativeCheck, pdf: pdfCheck, docx: docxCheck };
  for (const [name, bytes] of [['narrative.md', utf8(narrativeMd)], ...figureFiles(model, figures), ['report.pdf', pdf], ['report.docx', docx], ['factcheck.json', factCheckJson(factCheck)]] as [string, Uint8Array][]) files.set(name, bytes);
  return { ledger, files, timings, factCheck, figures, narrative };
}

/** factcheck.json: per output, whether it passed and the claims by kind; the sentences checked by hand. */
function factCheckJson(factCheck: Record<'narrative' | 'pdf' | 'docx', VerifyReport>): Uint8Array {
  const outputs = Object.fromEntries(Object.entries(factCheck).map(([k, r]) => [k, { ok: r.ok, claims: r.claims, byKind: r.byKind }]));
  return utf8(JSON.stringify({ ...outputs, handChecked: factCheck.narrative.handChecked }, null, 2) + '\n');
}

/** What the fact check is told besides the text: the lexicon the narrative was written with, the figures, old district names, hand-checked sentences. */
function factCheckOptions(narrative: Narrative, placed: PlacedFigure[], ledger: Ledger, config: IndexConfig): VerifyOptions {
  return {
    lexicon: narrative.lexicon,
    figures: figureRefs(placed, (f) => figureCaption(f, ledger)),
    aliases: Object.fromEntries(config.districts.flatMap((d) => (d.aliases ?? []).map((a) => [a, d.name]))),
    handChecked: narrative.handChecked,
  };
}

const TOOL = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** The documents' custom properties: the issue, the tool that made them, and whether the data are the sample. */
function documentProperties(issue: string, sampleMark: string | undefined): { name: string; value: string }[] {
  return [{ name: '期号', value: issue || '（未定）' }, { name: '工具版本', value: `${TOOL.name} ${TOOL.version}` }, ...(sampleMark ? [{ name: '数据', value: `${sampleMark}（随工具提供的合成数据，不是正式数据）` }] : [])];
}

export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * A figure as the document takes it: at the text width, or — one of a pair
 * (templates/figures.yaml `pair:`) — drawn for half the width, the left one
 * standing beside the next. Its alt text is the figures stage's own.
 */
function figureAsset(f: ReportFigure): FigureAsset {
  const drawn = f.half ?? f.rendered;
  const besideNext = f.half !== undefined && f.spec.pairing?.side === 'left';
  return {
    number: f.spec.number,
    caption: f.caption,
    svg: drawn.svg,
    png: drawn.png,
    widthPt: drawn.widthPt,
    heightPt: drawn.heightPt,
    ...(f.note ? { note: f.note } : {}),
    alt: f.altText,
    ...(besideNext ? { besideNext } : {}),
  };
}

/** The PDF carries the ledger it states and the data rows it was computed from (PDF/A-3 associated files). */
function pdfAttachments(facts: Uint8Array, rows: Map<string, Uint8Array>): PdfAttachment[] {
  return [
    { name: 'facts.json', data: facts, mime: 'application/json', relationship: 'Data', description: '事实台账：报告所述的全部数据' },
    ...[...rows].map(([q, csv]): PdfAttachment => ({ name: `data-${q}.csv`, data: csv, mime: 'text/csv', relationship: 'Source', description: `${q} 区县指标数据（含来源文件与行号）` })),
  ];
}

/**
 * The figures the quarter can draw: one that compares with the previous quarter needs
 * that quarter, a change chart needs changes (no % change from a base of zero), and
 * a rank-interval chart the robustness simulation.
 * Decided here once; the narrative, the figures and the check all use this list.
 */
export function figuresFor<S extends { needsPrevious: boolean; kind: string; node: string }>(ledger: Ledger, specs: S[]): S[] {
  return (
    specs
      .filter((s) => !s.needsPrevious || (ledger.meta.previous !== null && (s.kind !== 'change' || ledger.nodes[s.node]?.change)))
      // rank intervals need the robustness simulation (robustness.enabled in the config)
      .filter((s) => s.kind !== 'rank-intervals' || ledger.robustness?.nodes[s.node])
  );
}

/** figures/figNN-id.svg|png by the number the document prints, and figures/figures.json with the captions. */
function figureFiles(model: DocumentModel, figures: ReportFigure[]): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  const list: { number: number; id: string; caption: string; files: string[] }[] = [];
  for (const block of model.blocks) {
    if (block.type !== 'figure') continue;
    const f = figures.find((x) => x.spec.id === block.id)!;
    const stem = figureFileStem({ spec: { number: block.number, id: block.id } });
    out.push([`figures/${stem}.svg`, utf8(f.rendered.svg)], [`figures/${stem}.png`, f.rendered.png]);
    list.push({ number: block.number, id: block.id, caption: `图${block.number} ${block.caption}`, files: [`${stem}.svg`, `${stem}.png`] });
  }
  out.push(['figures/figures.json', utf8(JSON.stringify(list, null, 2) + '\n')]);
  return out;
}
