import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { buildVersion } from './index.js';
import { failureShape } from './failure.js';
import { usePdfTextPort } from '../verify/extract.js';

const { pdfTextPort, issues, ...shared } = workerData as { data: string; config?: string; templatesDir?: string; root: string; factsOnly?: boolean; issues?: Record<string, string>; pdfTextPort?: MessagePort };
if (pdfTextPort) usePdfTextPort(pdfTextPort);

parentPort!.on('message', async ({ quarter }: { quarter: string }) => {
  const t0 = performance.now();
  try {
    const r = await buildVersion({ ...shared, quarter, issue: issues?.[quarter] });
    parentPort!.postMessage({ quarter, ok: true, status: r.status, version: r.version.version, ms: performance.now() - t0 });
  } catch (e) {
    // Sent as a plain object: the command line turns it into the message and exit code a single build would give.
    parentPort!.postMessage({ quarter, ok: false, error: (e as Error).message ?? String(e), failure: failureShape(e), ms: performance.now() - t0 });
  }
});
