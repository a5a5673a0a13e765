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
  figures: 'e9cbd61cb39fc3346b1e08b69f3ffa2288b3f4fca8824abb8a2251f2cbe233d7',
  narrative: '236431529bfaed7ae22c6a800cc6e66fbe22c3b04afd20bf41674af6724e26ba',
  pdf: '99b51b4eefbbc07df39dbcb0af762ad0a6970831eed8c348a7800faffd387b8f',
  docx: '6fbf9c7347bee05d97ef8f30afb8cbeab0a16ea809ce1cd8d0a42ede978d6c13',
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
