import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, DEFAULT_TEMPLATES } from '../../src/report.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { takeRenderTimings } from '../../src/figures/render.js';
import { tempDir } from '../helpers.js';

describe('figures reused by what they draw in a warm process (the workbench)', () => {
  it('draws no figure again after a wording change; another quarter has its own figures', async () => {
    const dir = tempDir();
    const templates = join(dir, 'templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    const first = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: templates });
    const lead = join(templates, 'report/lead.hbs');
    writeFileSync(lead, readFileSync(lead, 'utf8').replace('客观反映', '如实反映'));
    takeRenderTimings();
    const reworded = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: templates });
    expect(takeRenderTimings()).toHaveLength(0);
    reworded.figures!.forEach((f, i) => expect(f.rendered).toBe(first.figures![i].rendered));
    for (const name of [...first.files.keys()].filter((n) => n.startsWith('figures/'))) expect(Buffer.compare(Buffer.from(reworded.files.get(name)!), Buffer.from(first.files.get(name)!)), name).toBe(0);
    expect(Buffer.from(reworded.files.get('narrative.md')!).toString()).toContain('如实反映');
    // Another quarter's ledger: its own figures
    const other = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q2', templatesDir: templates });
    expect(other.figures![0].rendered.svg).not.toBe(first.figures![0].rendered.svg);
  }, 240_000);
});
