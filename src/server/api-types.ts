/**
 * The workbench's API as data: what each route sends and what the page reads.
 * The server (src/server) builds these shapes and the page (web/) imports the same
 * types, so that one cannot drift from the other. Types only, and no imports: the
 * page's compiler (web/tsconfig.json, DOM and no Node) reads this file too, and
 * esbuild drops it from the page's bundle.
 */

/** An input problem as the page's table shows it: 文件, 第N行, 列, 问题, 如何修改. */
export interface ProblemRow {
  file: string;
  row?: number;
  line?: number;
  column?: string;
  message: string;
  hint?: string;
}

/** A failure as the page lays it out (every error body of the API, and a build's kept failure). */
export interface Failure {
  status: number;
  message: string;
  problems?: ProblemRow[];
  factCheck?: { where: string; problems: { sentence: string; message: string }[] };
  template?: { file: string; line: number | null; detail: string };
  /** A save refused because the file changed meanwhile (409). */
  conflict?: boolean;
}

/** Fact-check claims per output of a build. */
export interface Claims {
  narrative: number;
  pdf: number;
  docx: number;
}

/** The job a request started (202): its progress comes over /api/events. */
export interface JobStarted {
  job: number;
}

// ---- 数据

/** A data table of the workspace. */
export interface DataFile {
  name: string;
  size: number;
  sha256: string;
  /** Earlier contents kept under this name, newest first. */
  previous: { id: string; size: number; keptAt: string }[];
}

/** GET /api/data */
export interface DataState {
  files: DataFile[];
  quarters: string[];
  failure: Failure | null;
  /** The largest upload accepted, in bytes. */
  limit: number;
}

/** POST /api/data/upload and /api/data/restore (the upload's answer also names the previews it rebuilds, by quarter: their jobs). */
export type UploadResult = ({ ok: true; files: { name: string; status: 'new' | 'replaced' | 'unchanged'; previous?: string }[]; quarters: string[] } | { ok: false; failure: Failure }) & { previews?: Record<string, number> };

// ---- 报告

/** What a number or a district name of the text is: the fact behind it, as rows of 项目/内容. */
export interface FactCard {
  title: string;
  rows: [string, string][];
}

export interface LinkedSpan {
  start: number;
  end: number;
  kind: 'number' | 'district';
  fact: FactCard;
}

/** A heading or a paragraph of the report's text, its numbers and district names linked to their facts. */
export type LinkedBlock = { type: 'heading'; level: 1 | 2; text: string } | { type: 'paragraph'; text: string; links: LinkedSpan[] };

/** GET /api/report/:quarter */
export interface ReportView {
  quarter: string;
  ready: boolean;
  builtAt: string | null;
  ms: number | null;
  claims: Claims | null;
  blocks: LinkedBlock[];
  figures: { file: string; caption: string }[];
  failure: Failure | null;
  building: boolean;
}

// ---- 措辞

/** GET /api/wording/file/* */
export interface WordingFile {
  path: string;
  text: string;
  /** The SHA-256 of the text (its first 16 hex digits): a save names the version it was based on. */
  version: string;
  /** How many earlier texts 撤销 can go back to. */
  undo: number;
}

/** GET /api/wording: the editable files, by their path inside the templates folder. */
export interface WordingList {
  files: string[];
}

/** PUT /api/wording/file/* and POST /api/wording/undo/*: the file as saved, and the preview's rebuild if a quarter was named. */
export interface WordingSaved {
  file: WordingFile;
  job: number | null;
}

// ---- 归档

export interface VersionView {
  quarter: string;
  version: number;
  state: '草稿' | '已发布';
  builtAt: string | null;
  issuedAt: string | null;
  note: string | null;
  /** The 期号 the version's running header carries (its build option, else its bulletin.yaml). */
  issue: string;
  corrects: number | null;
  hasChanges: boolean;
  files: string[];
}

/** GET /api/archive */
export interface ArchiveList {
  quarters: { quarter: string; versions: VersionView[] }[];
}

export type ChangeItem = { kind: 'line'; text: string } | { kind: 'rewrite'; before: string; after: string } | { kind: 'removed' | 'added'; text: string } | { kind: 'sub'; text: string };

/** GET /api/archive/:quarter/:version/changes: changes.md as the page lays it out. */
export interface ChangesView {
  title: string;
  sections: { heading: string; items: ChangeItem[] }[];
  notice: string;
}

/** The result of a version job (POST /api/archive/:quarter/build). */
export interface NewVersion {
  status: 'built' | 'unchanged';
  version: VersionView;
  changes: ChangesView | null;
  claims?: Claims;
}

/** The result of a verify job, one per version. */
export interface VersionVerified {
  quarter: string;
  version: number;
  ok: boolean;
  message: string;
}

/** The result of a batch job, one per quarter. */
export interface QuarterBuilt {
  quarter: string;
  ok: boolean;
  message: string;
}

// ---- progress

export type JobKind = 'preview' | 'version' | 'verify' | 'batch';

/** A job's progress, as /api/events sends it to every open page. */
export interface JobEvent {
  type: 'job';
  id: number;
  kind: JobKind;
  quarter: string;
  state: 'queued' | 'running' | 'stage' | 'done' | 'failed';
  /** The stage just finished (state 'stage'), by its Chinese name. */
  stage?: string;
  /** A line of progress in Chinese (verify: which version, how many of how many). */
  note?: string;
  ms?: number;
  failure?: Failure;
  /** What the job returned (state 'done'): NewVersion, VersionVerified[], QuarterBuilt[], VersionView … by its kind. */
  result?: unknown;
}
