import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync, appendFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { watchReport, type WatchEvent } from '../../src/watch.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { DEFAULT_TEMPLATES } from '../../src/report.js';
import { tempDir } from '../helpers.js';

/** Resolves with the first event from index `from` on that satisfies `pred`. */
function waitFor(events: WatchEvent[], from: number, pred: (e: WatchEvent) => boolean, timeoutMs = 60_000): Promise<WatchEvent> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = setInterval(() => {
      const hit = events.slice(from).find(pred);
      if (hit) {
        clearInterval(poll);
        resolve(hit);
      } else if (Date.now() - t0 > timeoutMs) {
        clearInterval(poll);
        reject(new Error('no event from the watcher'));
      }
    }, 20);
  });
}

describe('watch: a preview rebuilt whenever a template changes', () => {
  it('builds a preview, rebuilds it after an edit (also one saved over the file), keeps it when an edit breaks a template', async () => {
    const dir = tempDir();
    const templates = join(dir, 'templates');
    cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
    const out = join(dir, 'out');
    const events: WatchEvent[] = [];
    const w = watchReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: templates, out, debounceMs: 100 }, (e) => events.push(e));
    try {
      const first = await waitFor(events, 0, () => true);
      expect(first).toMatchObject({ type: 'built', dir: join(out, '2018Q3', 'preview'), changed: [] });
      const narrative = () => readFileSync(join(out, '2018Q3', 'preview', 'narrative.md'), 'utf8');
      expect(narrative()).toContain('从全市总体比较情况来看');
      // the preview is outside the archive's versions
      expect(readdirSync(join(out, '2018Q3'))).toEqual(['preview']);

      // an edit in place
      const level = join(templates, 'report', 'level.hbs');
      writeFileSync(level, readFileSync(level, 'utf8').replaceAll('从全市总体比较情况来看', '从全市整体比较情况来看'));
      const second = await waitFor(events, 1, (e) => e.changed.length > 0);
      expect(second).toMatchObject({ type: 'built', changed: [level] });
      expect(narrative()).toContain('从全市整体比较情况来看');
      expect(narrative()).not.toContain('从全市总体比较情况来看');

      // an edit saved the way many editors save: a new file renamed over the old one
      writeFileSync(`${level}.tmp`, readFileSync(level, 'utf8').replaceAll('从全市整体比较情况来看', '从全市各区县比较情况来看'));
      const n = events.length;
      renameSync(`${level}.tmp`, level);
      const third = await waitFor(events, n, (e) => e.changed.includes(level));
      expect(third.type).toBe('built');
      await w.idle();
      expect(narrative()).toContain('从全市各区县比较情况来看');

      // a broken template: reported with its line; the last good preview stays
      const m = events.length;
      appendFileSync(level, '{{nosuchfield}}\n');
      const fourth = await waitFor(events, m, (e) => e.changed.includes(level));
      expect(fourth.type).toBe('failed');
      expect(String((fourth as { error: Error }).error.message)).toMatch(/level\.hbs:\d+: "nosuchfield" not defined/);
      expect(narrative()).toContain('从全市各区县比较情况来看');
      await w.idle();
    } finally {
      await w.close();
    }
  }, 120_000);

  it('writing the preview inside a watched folder does not set off another build', async () => {
    const data = tempDir();
    cpSync(SAMPLE_DATA, data, { recursive: true });
    const events: WatchEvent[] = [];
    const w = watchReport({ data, quarter: '2018Q3', out: join(data, 'output'), debounceMs: 100 }, (e) => events.push(e));
    try {
      await waitFor(events, 0, () => true);
      await new Promise((r) => setTimeout(r, 800));
      await w.idle();
      expect(events.map((e) => e.type)).toEqual(['built']);
    } finally {
      await w.close();
    }
  }, 120_000);
});
