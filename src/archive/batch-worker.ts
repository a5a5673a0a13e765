import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { buildVersion } from './index.js';
import { InputError } from '../errors.js';
import { usePdfTextPort } from '../verify/extract.js';

const { pdfTextPort, ...shared } = workerData as { data: string; config?: string; templatesDir?: string; root: string; factsOnly?: boolean; pdfTextPort?: MessagePort };
if (pdfTextPort) usePdfTextPort(pdfTextPort);

parentPort!.on('message', async ({ quarter }: { quarter: string }) => {
  const t0 = performance.now();
  try {
    const r = await buildVersion({ ...shared, quarter });
    parentPort!.postMessage({ quarter, ok: true, status: r.status, version: r.version.version, ms: performance.now() - t0 });
  } catch (e) {
    parentPort!.postMessage({ quarter, ok: false, error: e instanceof InputError ? e.message : String((e as Error).stack ?? e), ms: performance.now() - t0 });
  }
});
