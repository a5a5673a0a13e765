import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { BuildVersionResult } from './index.js';
import { sharePdfText } from '../verify/extract.js';
import { bundledEntry } from '../bundle.mjs';
import type { FailureShape } from './failure.js';

export interface BatchOptions {
  data: string;
  config?: string;
  templatesDir?: string;
  root: string;
  quarters: string[];
  jobs?: number;
  factsOnly?: boolean;
  /** The 期号 of each quarter that has one. */
  issues?: Record<string, string>;
  onProgress?: (event: { done: number; total: number; quarter: string; ms: number; result?: Pick<BuildVersionResult, 'status'> & { version: number }; error?: string; failure?: FailureShape }) => void;
}

export interface BatchResult {
  quarter: string;
  ok: boolean;
  status?: string;
  version?: number;
  ms: number;
  error?: string;
  failure?: FailureShape;
}

/**
 * Builds many quarters on worker threads. Each worker loads the fonts once and
 * keeps them for every report it builds; quarters are handed out one at a time,
 * so a slow quarter does not hold up the others.
 */
export async function buildMany(opts: BatchOptions): Promise<BatchResult[]> {
  const jobs = Math.max(1, Math.min(opts.jobs ?? availableParallelism(), opts.quarters.length));
  const queue = [...opts.quarters];
  const results: BatchResult[] = [];
  // Workers run the bundled worker code without the TypeScript loader, or, if it cannot be bundled, through the loader.
  const bundle = await bundledEntry(new URL('./batch-worker.ts', import.meta.url));
  const workerUrl = bundle ?? new URL('./batch-worker-entry.mjs', import.meta.url);
  // One pdf.js thread for the fact checks of all workers (not one a worker, each loading and compiling pdf.js).
  const pdfText = opts.factsOnly ? undefined : sharePdfText();
  try {
    await Promise.all(
      Array.from({ length: jobs }, () => {
        const pdfTextPort = pdfText?.connect();
        const worker = new Worker(workerUrl, {
          workerData: { data: opts.data, config: opts.config, templatesDir: opts.templatesDir, root: opts.root, factsOnly: opts.factsOnly, issues: opts.issues, pdfTextPort },
          transferList: pdfTextPort ? [pdfTextPort] : [],
          ...(bundle ? { execArgv: [] } : {}),
        });
        return new Promise<void>((resolveWorker, rejectWorker) => {
          const next = () => {
            const quarter = queue.shift();
            if (!quarter) {
              void worker.terminate().then(() => resolveWorker());
              return;
            }
            worker.postMessage({ quarter });
          };
          worker.on('message', (m: BatchResult) => {
            results.push(m);
            opts.onProgress?.({ done: results.length, total: opts.quarters.length, quarter: m.quarter, ms: m.ms, ...(m.ok ? { result: { status: m.status as 'built', version: m.version! } } : { error: m.error, failure: m.failure }) });
            next();
          });
          worker.on('error', rejectWorker);
          next();
        });
      }),
    );
  } finally {
    await pdfText?.close();
  }
  return results.sort((a, b) => (a.quarter < b.quarter ? -1 : 1));
}
