/**
 * The optional audit appendix (bulletin.yaml `appendix: audit`): a table of the
 * quarter's statistical audit after the table of scores, in the PDF and the Word
 * file alike, its cells set from audit.json and facts.json; off by default.
 */
import JSZip from 'jszip';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTable } from '../../src/document/audit-table.js';
import type { StatisticalAudit } from '../../src/method/audit.js';
import { buildFacts, SAMPLE_DATA } from '../../src/pipeline.js';
import { statisticalAudit } from '../../src/method/audit.js';
import { buildReport, DEFAULT_TEMPLATES, type ReportBuild } from '../../src/report.js';
import { pdfText } from '../../src/verify/extract.js';
import { tempDir } from '../helpers.js';
import { configWith, dataDir, indicatorCsv, plausible } from './fixtures.js';

const T = 180_000;
const squash = (s: string) => s.replace(/\s+/g, '');

/** The project's templates with bulletin.yaml's appendix set. */
function templatesWith(appendix: string): string {
  const dir = tempDir('scindex-templates-');
  cpSync(DEFAULT_TEMPLATES, dir, { recursive: true });
  const file = join(dir, 'report/bulletin.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^appendix: none$/m, `appendix: ${appendix}`));
  return dir;
}

async function documentXml(b: ReportBuild): Promise<string> {
  return (await (await JSZip.loadAsync(b.files.get('report.docx')!)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

let on: ReportBuild;
let off: ReportBuild;
beforeAll(async () => {
  on = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3', templatesDir: templatesWith('audit') });
  off = await buildReport({ data: SAMPLE_DATA, quarter: '2018Q3' });
}, T);

describe('the audit appendix', () => {
  it('is off by default: neither document has it', async () => {
    expect(squash(await pdfText(off.files.get('report.pdf')!))).not.toContain('统计检验');
    expect(await documentXml(off)).not.toContain('统计检验');
    expect(await documentXml(off)).not.toContain('α系数');
  });

  it(
    'with appendix: audit, the PDF and the Word file give it after the scores, its cells from audit.json',
    async () => {
      const audit = JSON.parse(Buffer.from(on.files.get('audit.json')!).toString('utf8')) as StatisticalAudit;
      const pdf = squash(await pdfText(on.files.get('report.pdf')!));
      const docx = squash(await documentXml(on));
      for (const text of [pdf, docx]) {
        expect(text).toContain('表22018年第3季度双创指数统计检验');
        expect(text.indexOf('统计检验')).toBeGreaterThan(text.indexOf('及一级指标得分与排名'));
        expect(text).toContain('α系数');
        for (const index of audit.indices) {
          expect(text).toContain(index.cronbachAlpha!.toFixed(2));
          expect(text).toContain((index.firstComponentShare! * 100).toFixed(2));
        }
        expect(text).toContain('注：α系数为克龙巴赫α系数');
      }
      // the fact check read the appendix's note and passed (the build would have stopped)
      expect(on.factCheck!.pdf.ok && on.factCheck!.docx.ok).toBe(true);
    },
    T,
  );
});

describe('the audit table', () => {
  it('counts per index the values treated for outliers and the cells imputed this quarter, and names negatively correlated indicators', async () => {
    // 创业投资额 skewed (one district far above the rest), 众创空间数 missing for one district (filled by the median),
    // 社会关注度 reversed (working against the other indicators of 双创环境)
    const csv = indicatorCsv(['2018Q3'], (_q, _d, i) => {
      const v: (number | string)[] = plausible(i);
      v[3] = i === 0 ? 29 : i % 5;
      if (i === 7) v[4] = '';
      v[7] = 10000 + i * 1000;
      return v;
    });
    const config = configWith('outliers: jrc\nmissing: { method: median }');
    const { ledger, config: cfg, result } = await buildFacts({ data: dataDir('d.csv', csv), config });
    const audit = statisticalAudit(cfg, result);
    const t = auditTable(ledger, audit);
    expect(t.header[0]).toEqual(['指数', '指标数', 'α系数', '第一主成分方差贡献率（%）', '与所属指数负相关的指标', '异常值处理（个）', '缺失值填补（个）']);
    expect(t.rows.map((r) => r[0])).toEqual(['双创活力', '双创环境', '双创成效', '双创指数']);
    const row = (index: string) => t.rows.find((r) => r[0] === index)!;
    const treated = ledger.dataTreatment.treatments.find((x) => x.indicator === '创业投资额')!;
    expect(treated.values.length).toBeGreaterThan(0);
    expect(row('双创活力')[5]).toBe(String(treated.values.length));
    expect(row('双创环境')[6]).toBe('1');
    expect(row('双创环境')[4]).toBe('社会关注度');
    expect(row('双创活力')[4]).toBe('无');
    expect(row('双创指数')[4]).toBe('—');
    expect(row('双创指数')[6]).toBe('1');
    const env = audit.indices.find((x) => x.index === '双创环境')!;
    expect(row('双创环境').slice(1, 4)).toEqual([String(env.indicators.length), env.cronbachAlpha!.toFixed(2), (env.firstComponentShare! * 100).toFixed(2)]);
  });
});
