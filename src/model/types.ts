/**
 * The document model: one tree that both renderers (PDF, DOCX) draw.
 * It knows nothing of indices or districts — only of a bulletin article's parts.
 * Every stage before it (narrative, figures) produces content; this model is
 * the single place where content becomes layout intent.
 */

/** A run of inline text. Footnote references are inline too, so the mark sits where the author put it. */
export type Inline = { type: 'text'; text: string; bold?: boolean; italic?: boolean; superscript?: boolean } | { type: 'footnoteRef'; id: string };

export interface Footnote {
  id: string;
  /** The printed mark: ①, ②, … (the bulletin's convention). */
  mark: string;
  content: Inline[];
}

export type Block =
  /** The article title, e.g. 2018年第三季度重庆区县双创指数报告. */
  | { type: 'title'; content: Inline[] }
  /** Author line under the title, usually carrying footnote ①. */
  | { type: 'byline'; content: Inline[] }
  /** The lead paragraph (导语) set apart before the body. */
  | { type: 'lead'; content: Inline[] }
  /** level 1 = 一、…, level 2 = （一）…, level 3 = 1. … ; the numbering is part of the text. */
  | { type: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  /** Body paragraph: justified, first line indented two characters. */
  | { type: 'paragraph'; content: Inline[] }
  /** A figure; caption printed below it as 图N 标题. */
  | {
      type: 'figure';
      id: string;
      number: number;
      caption: string;
      svg: string;
      png: Uint8Array;
      widthPt: number;
      heightPt: number;
      note?: string;
      /**
       * Printed at this fraction of its size (after narrowing to the text width):
       * set by the PDF layout planner when a figure would otherwise leave its page
       * half empty, so that the DOCX sets it alike. Absent: full size.
       */
      scale?: number;
      /**
       * The figure's content as text (caption and the data it shows). Its labels are
       * outlines, so this is what a search for a district finds: invisible text over
       * the figure in the PDF, the picture's description in the DOCX.
       */
      alt?: string;
      /**
       * Stands at the left of the next block, a figure too, both set at half the
       * text width (a pair: templates/figures.yaml). Each should be drawn for that
       * width (label sizes); a wider one is scaled down to it.
       */
      besideNext?: boolean;
    }
  /** A table; caption printed above it as 表N 标题; header rows repeat across pages. */
  | {
      type: 'table';
      id: string;
      number: number;
      caption: string;
      /** Header rows (usually one); every row has one string per column. */
      header: string[][];
      rows: string[][];
      /** Alignment per column of the body cells (header cells are centred). */
      align?: ('left' | 'center' | 'right')[];
      /** Relative column widths (any unit, normalised to the text width); default equal. */
      widths?: number[];
      note?: string;
    }
  /** A note line in small type (注：…, 来源：…). */
  | { type: 'note'; content: Inline[] }
  | { type: 'pageBreak' };

export interface RunningHeader {
  /** e.g. 科技参考·2018年第6期 */
  bulletin: string;
  /** e.g. ·本期特稿· */
  column: string;
  /** A light mark in the middle of the header band on every page, e.g. 样例数据 for a report built from the shipped sample data. */
  mark?: string;
}

export interface DocumentModel {
  meta: {
    title: string;
    /** Document language for both renderers. */
    lang: 'zh-CN';
    /** Author stored in document properties (no clock or user name: deterministic). */
    author: string;
    subject?: string;
    keywords?: string[];
    /**
     * Date written into the files' properties (PDF CreationDate/ModDate, DOCX
     * dcterms:created/modified), ISO 8601, e.g. '2018-11-15'. Never the clock:
     * the same model must give the same bytes. Default: 2000-01-01T00:00:00Z.
     */
    date?: string;
    /**
     * Custom document properties, in order (DOCX docProps/custom.xml; in the
     * PDF's XMP): e.g. 期号, 工具版本, 数据. Values are plain text.
     */
    properties?: { name: string; value: string }[];
  };
  header: RunningHeader;
  blocks: Block[];
  footnotes: Footnote[];
}
