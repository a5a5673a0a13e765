/**
 * The working preview of a quarter: the report built in this warm process by the
 * pipeline's own buildReport into `<out>/<quarter>/preview/` (outside the
 * versions, replaced as a whole, as `scindex watch` does). A build that fails —
 * bad data, a template error, a fact-check failure — leaves the last good
 * preview in place, and the failure is kept for the page to show.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildReport } from '../report.js';
import { replacePreview } from '../watch.js';
import { lockQuarter } from '../archive/lock.js';
import { quarterDir } from '../archive/store.js';
import type { JobContext } from './jobs.js';
import { linkedBlocks, type LinkedBlock } from './facts-view.js';
import { DescribedFailure, describeFailure, type Failure } from './messages.js';
import { workspaceName, type Workspace } from './workspace.js';

export interface PreviewState {
  quarter: string;
  /** The last good build: when (ISO), how long, the fact check's claims. */
  good: { at: string; ms: number; claims: { narrative: number; pdf: number; docx: number }; figures: string[] } | null;
  /** The last good build's text with the fact behind each number and district (kept in memory). */
  blocks: LinkedBlock[] | null;
  /** The newest build's failure, if it failed (cleared by the next good build). */
  failure: Failure | null;
}

export const previewDir = (ws: Workspace, quarter: string) => join(ws.out, quarter, 'preview');

export class Previews {
  private readonly states = new Map<string, PreviewState>();
  constructor(private readonly ws: Workspace) {}

  /** Quarters with a good preview in this process. */
  built(): string[] {
    return [...this.states.values()].filter((s) => s.good).map((s) => s.quarter);
  }

  state(quarter: string): PreviewState {
    let s = this.states.get(quarter);
    if (!s) {
      // A preview left by an earlier run of the workbench is shown until the first build.
      const dir = previewDir(this.ws, quarter);
      const good = existsSync(join(dir, 'report.pdf')) ? { at: '', ms: 0, claims: readClaims(dir), figures: figureList(dir) } : null;
      s = { quarter, good, blocks: null, failure: null };
      this.states.set(quarter, s);
    }
    return s;
  }

  async build(quarter: string, ctx: JobContext): Promise<PreviewState> {
    const state = this.state(quarter);
    const t0 = performance.now();
    let release = () => {};
    try {
      const lock = lockQuarter(quarterDir(this.ws.out, quarter), quarter, `${process.pid}`);
      release = () => lock.release();
      const { files, factCheck, narrative, ledger } = await buildReport({ data: this.ws.data, config: this.ws.config, templatesDir: this.ws.templates, quarter, onStage: (s, ms) => ctx.stage(s, ms) });
      const tw = performance.now();
      replacePreview(previewDir(this.ws, quarter), files);
      ctx.stage('write', performance.now() - tw);
      const claims = { narrative: factCheck!.narrative.claims, pdf: factCheck!.pdf.claims, docx: factCheck!.docx.claims };
      state.good = { at: new Date().toISOString(), ms: performance.now() - t0, claims, figures: figureList(previewDir(this.ws, quarter)) };
      state.blocks = linkedBlocks(narrative!, ledger);
      state.failure = null;
      return state;
    } catch (e) {
      state.failure = describeFailure(e, (f) => workspaceName(this.ws, f));
      throw new DescribedFailure(state.failure);
    } finally {
      release();
    }
  }
}

function readClaims(dir: string): { narrative: number; pdf: number; docx: number } {
  try {
    const fc = JSON.parse(readFileSync(join(dir, 'factcheck.json'), 'utf8')) as Record<string, { claims: number }>;
    return { narrative: fc.narrative.claims, pdf: fc.pdf.claims, docx: fc.docx.claims };
  } catch {
    return { narrative: 0, pdf: 0, docx: 0 };
  }
}

/** The figures in the order the report numbers them (figures/figures.json). */
function figureList(dir: string): string[] {
  try {
    const list = JSON.parse(readFileSync(join(dir, 'figures/figures.json'), 'utf8')) as { caption: string; files: string[] }[];
    return list.map((f) => f.files.find((x) => x.endsWith('.svg'))!).filter(Boolean);
  } catch {
    return [];
  }
}
