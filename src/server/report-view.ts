/**
 * The 报告 page's content for one quarter, from its preview: the text as
 * headings and paragraphs (narrative.md, which the documents are made from), the
 * figures with their captions, the fact check's counts, the files to download,
 * and the newest build's failure if it failed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewDir } from './preview.js';
import { localTime } from './archive.js';
import type { Workbench } from './index.js';

import type { LinkedBlock, ReportView } from './api-types.js';

export type TextBlock = LinkedBlock;
export type { ReportView } from './api-types.js';

/** narrative.md's headings (# and ##) and paragraphs, in order. */
export function textBlocks(md: string): TextBlock[] {
  return md
    .split(/\n{2,}/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk): TextBlock => {
      const h = /^(#{1,2}) (.*)$/s.exec(chunk);
      // Read back from a preview of an earlier run: the facts behind the numbers come with the next build.
      return h ? { type: 'heading', level: h[1].length as 1 | 2, text: h[2] } : { type: 'paragraph', text: chunk, links: [] };
    });
}

export function reportView(wb: Workbench, quarter: string): ReportView {
  const state = wb.previews.state(quarter);
  const dir = previewDir(wb.ws, quarter);
  const md = join(dir, 'narrative.md');
  let figures: { file: string; caption: string }[] = [];
  try {
    figures = (JSON.parse(readFileSync(join(dir, 'figures/figures.json'), 'utf8')) as { caption: string; files: string[] }[]).map((f) => ({ file: `figures/${f.files.find((x) => x.endsWith('.svg'))}`, caption: f.caption }));
  } catch {
    /* no preview yet */
  }
  return {
    quarter,
    ready: state.good !== null && existsSync(md),
    builtAt: localTime(state.good?.at),
    ms: state.good?.ms ?? null,
    claims: state.good?.claims ?? null,
    blocks: state.blocks ?? (existsSync(md) ? textBlocks(readFileSync(md, 'utf8')) : []),
    figures,
    failure: state.failure,
    building: wb.isBuilding(quarter),
  };
}
