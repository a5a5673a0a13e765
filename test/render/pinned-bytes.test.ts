/**
 * The sample report's documents, byte for byte: a refactor of the renderers must
 * leave these hashes as they are. A change that alters the output on purpose
 * updates them in the same commit and says why in its message.
 *
 * The document model's own digest is pinned too, so that a failure tells which
 * side moved: if `model` fails as well, the input of the renderers changed
 * (narrative, figures, templates), not the renderers.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ReportBuild } from '../../src/report.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

let build: ReportBuild;

beforeAll(async () => {
  build = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', issue: '2018年第6期' });
}, 120_000);

/** One digest of everything the renderers receive (figures by the hash of their SVG and PNG). */
function figuresDigest(b: ReportBuild): string {
  const names = [...b.files.keys()].filter((n) => n.startsWith('figures/')).sort();
  return sha256(names.map((n) => `${n} ${sha256(b.files.get(n)!)}`).join('\n'));
}

const PINNED = {
  figures: '7c494a3ec4a5bcbd98b3ba8476a254baaf588ab4cbfbdf1590c27517d6286f0d',
  narrative: 'e961e9a87e9061c77fc496841a43a0c5b1d766a99afc8e3fd0522bdd8c59f5ae',
  pdf: '9b8d53e978b649ac3607fe14a84bb070cf6474b2f7e417fe0daf9ac844d71ced',
  docx: 'e0af575de241d86b089d6c5fce7d417e0e6026aa230668e78488141fe8353e2d',
};

describe('sample 2018Q3: output bytes', () => {
  it('renderer inputs (narrative and figures) are the pinned ones', () => {
    expect({ narrative: sha256(build.files.get('narrative.md')!), figures: figuresDigest(build) }).toEqual({ narrative: PINNED.narrative, figures: PINNED.figures });
  });
  it('report.pdf is byte for byte the pinned one', () => {
    expect(sha256(build.files.get('report.pdf')!)).toBe(PINNED.pdf);
  });
  it('report.docx is byte for byte the pinned one', () => {
    expect(sha256(build.files.get('report.docx')!)).toBe(PINNED.docx);
  });
});
