/**
 * The DOCX package's ZIP writer, measured: our zip.ts (Node's zlib on the
 * thread pool, PNGs stored) against JSZip (the library docx uses itself), on
 * the parts of the sample report's DOCX, each with the same entry order,
 * fixed dates and the same stored/deflated choice per part.
 *
 *   npx tsx scripts/zip-bench.ts [--runs 15]
 *
 * Prints median and min wall time per package, bytes, and whether each
 * writer's output is reproducible (two runs, same bytes). Nothing asserted.
 */
import JSZip from 'jszip';
import { parseArgs } from 'node:util';
import { buildReport } from '../src/report.js';
import { SAMPLE_DATA } from '../src/pipeline.js';
import { isStored, zipEntries } from '../src/render/docx/zip.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);

const build = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', issue: '2018年第6期' });
const source = await JSZip.loadAsync(build.files.get('report.docx')!);
const entries: { name: string; data: Uint8Array }[] = [];
for (const [name, f] of Object.entries(source.files)) if (!f.dir) entries.push({ name, data: await f.async('uint8array') });
const date = new Date('2018-09-30T00:00:00Z');
const total = entries.reduce((a, e) => a + e.data.length, 0);

async function withJszip(): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const e of entries) {
    zip.file(e.name, e.data, { date, createFolders: false, compression: isStored(e.name, e.data) ? 'STORE' : 'DEFLATE', compressionOptions: { level: 4 } });
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 4 } });
}
const withZipTs = () => zipEntries(entries, date);

async function measure(name: string, f: () => Promise<Uint8Array>): Promise<void> {
  const first = await f();
  const second = await f();
  const same = Buffer.compare(Buffer.from(first), Buffer.from(second)) === 0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(8)} median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, min ${times[0].toFixed(1)} ms, ` + `${(first.length / 1048576).toFixed(3)} MiB, reproducible: ${same ? 'yes' : 'no'}`);
}

console.log(`sample 2018Q3 DOCX: ${entries.length} parts, ${(total / 1048576).toFixed(2)} MiB unpacked; ${runs} runs each`);
await measure('zip.ts', withZipTs);
await measure('JSZip', withJszip);
