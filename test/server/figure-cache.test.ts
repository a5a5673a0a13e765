import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, DEFAULT_TEMPLATES } from '../../src/report.js';
import type { ReportFigure } from '../../src/figures/build.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

describe('figures reused by content in a warm process (the workbench)', () => {
  it('reuses the figures after a wording change, redraws them after a data change, and the files are the same bytes as without reuse', async () => {
    const dir = tempDir();
    const templates = join(dir, 'templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    const cache = new Map<string, ReportFigure[]>();
    const first = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: templates, figureCache: cache });
    expect(cache.size).toBe(1);
    const lead = join(templates, 'report/lead.hbs');
    writeFileSync(lead, readFileSync(lead, 'utf8').replace('客观反映', '如实反映'));
    const reworded = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: templates, figureCache: cache });
    expect(cache.size).toBe(1);
    expect(reworded.figures![0]).toBe(first.figures![0]);
    const fresh = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: templates });
    for (const [name, bytes] of fresh.files) expect(Buffer.compare(Buffer.from(reworded.files.get(name)!), Buffer.from(bytes)), name).toBe(0);
    expect(Buffer.from(reworded.files.get('narrative.md')!).toString()).toContain('如实反映');
    // Another quarter's ledger: drawn anew
    await buildReport({ data: SAMPLE_DATA, quarter: '2018Q2', templatesDir: templates, figureCache: cache });
    expect(cache.size).toBe(2);
  }, 240_000);
});
