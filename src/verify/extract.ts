/**
 * The text a reader gets out of the finished documents, for the fact check:
 * the PDF through pdf.js (what copy-and-paste gives), the DOCX from its XML
 * (body and footnotes, paragraph by paragraph).
 *
 * pdf.js runs in a worker thread of its own, started on first use and ended
 * when idle: there it is loaded by Node directly (its minified build, about
 * 0.1 s), not through the TypeScript loader the project runs under (which
 * takes 0.6–0.9 s for pdf.js's 3.5 MB of modules), its heap is freed with the
 * thread, and it inflates streams with zlib directly (a small DecompressionStream
 * in that thread: Node's own sends every stream through web streams and the
 * thread pool, slow for many small streams). Only text content is asked for;
 * fonts are not turned into font faces, and the figures' forms, which provably
 * show no text, are emptied in the copy pdf.js reads (pdf-forms.mjs).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import JSZip from 'jszip';

/** The thread's code (CommonJS, run by Node as it is): page texts of a PDF, lines ended by pdf.js's line ends. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { inflateSync } = require('node:zlib');
// pdf.js inflates FlateDecode streams through DecompressionStream when there is one. Node's
// goes through web streams and the thread pool: slow for the many small streams of a page.
// This one inflates with zlib at once. Other formats throw, and on any error pdf.js falls
// back to its own JavaScript inflate, as it does without DecompressionStream.
globalThis.DecompressionStream = class DecompressionStream {
  constructor(format) {
    if (format !== 'deflate') throw new TypeError('unsupported format ' + format);
    const chunks = [];
    let closed;
    const done = new Promise((resolve) => (closed = resolve));
    this.writable = {
      getWriter: () => ({
        ready: Promise.resolve(),
        write: async (bytes) => void chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
        close: async () => closed(),
      }),
    };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await done;
        yield inflateSync(Buffer.concat(chunks));
      },
    };
  }
};
const pdfjs = (async () => {
  globalThis.pdfjsWorker = await import(workerData.worker);
  return import(workerData.lib);
})();
const forms = import(workerData.forms);
// Requests come from the parent, or, when the thread is shared (a batch), from the ports it is handed.
const serve = (port) => port.on('message', async ({ id, data, connect }) => {
  if (connect) return void serve(connect);
  let doc;
  try {
    const { getDocument } = await pdfjs;
    // The figures' forms that provably show no text are emptied in this copy (pdf-forms.mjs).
    (await forms).blankTextFreeForms(data);
    doc = await getDocument({ data, disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\\n' : '') : '')).join(''));
      page.cleanup();
    }
    port.postMessage({ id, pages });
  } catch (e) {
    port.postMessage({ id, error: e && e.stack ? e.stack : String(e) });
  } finally {
    if (doc) await doc.destroy();
  }
});
serve(parentPort);
`;

/** An idle thread is ended after this long (a batch of reports reuses it meanwhile). */
const IDLE_MS = 2000;

interface Pending {
  resolve: (pages: string[]) => void;
  reject: (e: Error) => void;
}

type Reply = { id: number; pages?: string[]; error?: string };

/** A new pdf.js text thread. */
function spawnPdfTextThread(): Worker {
  const require = createRequire(import.meta.url);
  const url = (p: string) => pathToFileURL(require.resolve(p)).href;
  // execArgv []: Node alone, without the loader hooks of the parent (tsx).
  return new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    // A small young generation: about 15 MB less memory for the same time (pdf.js keeps little).
    resourceLimits: { maxYoungGenerationSizeMb: 2 },
    workerData: { lib: url('pdfjs-dist/legacy/build/pdf.min.mjs'), worker: url('pdfjs-dist/legacy/build/pdf.worker.min.mjs'), forms: new URL('./pdf-forms.mjs', import.meta.url).href },
  });
}

class PdfTextWorker {
  private worker: Worker | undefined;
  /** A port to a thread shared with other threads (a batch's), used instead of a thread of our own. */
  private port: MessagePort | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;

  private onReply = (m: Reply) => {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(`PDF text extraction failed: ${m.error}`));
    else p.resolve(m.pages!);
    this.scheduleIdle();
  };

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private start(): Worker {
    const worker = spawnPdfTextThread();
    worker.on('message', this.onReply);
    const fail = (e: Error) => {
      this.failAll(e);
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`PDF text worker exited (code ${code})`)));
    return worker;
  }

  /** Sends requests through `port` to a shared thread from now on (see `sharePdfText`). */
  usePort(port: MessagePort): void {
    this.port = port;
    port.on('message', this.onReply);
    port.on('close', () => {
      if (this.port !== port) return;
      // The shared thread is gone: what waits fails, later requests start a thread of their own.
      this.port = undefined;
      this.failAll(new Error('PDF text thread closed'));
    });
    port.unref();
  }

  private scheduleIdle(): void {
    clearTimeout(this.idle);
    if (this.pending.size > 0) return;
    if (this.port) {
      this.port.unref();
      return;
    }
    // Idle: the thread must not keep the process alive (it is ref'd only while a request waits).
    this.worker?.unref();
    this.idle = setTimeout(() => {
      const w = this.worker;
      this.worker = undefined;
      if (w && this.pending.size === 0) void w.terminate();
    }, IDLE_MS);
    this.idle.unref();
  }

  /** Starts the thread ahead of use, so its start-up overlaps the work before the first extraction. */
  prewarm(): void {
    if (this.port) return;
    // A thread about to be used must not be ended by the idle timer of the previous report.
    clearTimeout(this.idle);
    if (this.worker) return;
    this.worker = this.start();
    this.worker.unref();
  }

  pages(bytes: Uint8Array): Promise<string[]> {
    clearTimeout(this.idle);
    const target: Worker | MessagePort = this.port ?? (this.worker ??= this.start());
    target.ref();
    const id = this.nextId++;
    // pdf.js takes ownership of the buffer it is given: a copy, moved to the thread.
    const data = bytes.slice();
    return new Promise<string[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      target.postMessage({ id, data }, [data.buffer]);
    });
  }
}

const extractor = new PdfTextWorker();

/** Starts the PDF text thread now (a build calls this first, so pdf.js loads while figures render). */
export function prewarmPdfText(): void {
  extractor.prewarm();
}

/**
 * One pdf.js thread for several threads (a batch's workers): pdf.js is loaded and
 * compiled once for all of them instead of once in a thread of each. `connect()`
 * gives a port to hand to a thread, which passes it to `usePdfTextPort`; `close()`
 * ends the thread.
 */
export function sharePdfText(): { connect(): MessagePort; close(): Promise<void> } {
  const worker = spawnPdfTextThread();
  worker.unref();
  worker.on('error', () => undefined); // each user sees its port close and falls back to a thread of its own
  return {
    connect() {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ connect: port2 }, [port2]);
      return port1;
    },
    close: async () => void (await worker.terminate()),
  };
}

/** This thread's PDF text requests go through `port` (from `sharePdfText().connect()`) from now on. */
export function usePdfTextPort(port: MessagePort): void {
  extractor.usePort(port);
}

/**
 * Text of every page, lines kept (pdf.js marks line ends), pages separated by blank lines.
 * `tableCells`: the cells of the document's tables; lines made only of table cells (or
 * pieces of them, as a wrapped header cell gives) are left out, since tables are set
 * from the ledger cell by cell and are not running text.
 */
export async function pdfText(bytes: Uint8Array, tableCells: string[] = []): Promise<string> {
  const cells = tableCells.map((c) => c.replace(/\s+/g, '')).filter(Boolean);
  const isTableLine = (line: string) => {
    const tokens = line.split(/\s+/).filter(Boolean);
    return cells.length > 0 && tokens.length > 0 && tokens.every((t) => cells.some((c) => c.includes(t)));
  };
  const pages = await extractor.pages(bytes);
  return pages
    .map((text) =>
      text
        .split('\n')
        .filter((l) => !isTableLine(l))
        .join('\n'),
    )
    .join('\n\n');
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** Paragraph texts of a WordprocessingML part. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decodeXml(t[1])).join(''));
}

/** Body text (tables left out) then footnotes, one paragraph a line. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('the .docx has no word/document.xml');
  // Tables are set from the ledger cell by cell, not running text: left out, as in pdfText.
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const notes = (await zip.file('word/footnotes.xml')?.async('string')) ?? '';
  return [...paragraphs(body), '', ...paragraphs(notes)].join('\n');
}
