/**
 * The workbench in a real browser (headless Chromium from @sparticuz/chromium,
 * driven by puppeteer-core): an editor's whole quarter, from dropping the data
 * to the correction's diff. Screenshots go to test/e2e/output/.
 * Run alone: npx vitest run test/e2e
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { startBench, type Bench } from '../server/harness.js';

const OUT = join(import.meta.dirname, 'output');
const SAMPLE = readdirSync(SAMPLE_DATA)
  .sort()
  .map((name) => ({ name, text: readFileSync(join(SAMPLE_DATA, name), 'utf8') }));
const file2018 = SAMPLE.find((f) => f.name.includes('2018'))!;

/** Drops files on the drop zone as a person dragging them from the file manager would. */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    const zone = document.getElementById('drop')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

const textOf = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);
const waitText = (page: Page, selector: string, text: string, timeout = 120_000) =>
  page.waitForFunction((s, t) => Array.from(document.querySelectorAll(s)).some((e) => (e as HTMLElement).innerText.includes(t)), { timeout, polling: 200 }, selector, text);
/** A screenshot of the page; the progress panel (bottom right) is left out so the page under it shows. */
async function shot(page: Page, name: string): Promise<void> {
  await page.$eval('#progress', (e) => ((e as HTMLElement).style.visibility = 'hidden'));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
  await page.$eval('#progress', (e) => ((e as HTMLElement).style.visibility = ''));
}

/** Replaces the editor's whole text (inserted as one piece, so CodeMirror's auto-closing of brackets stays out of it). */
async function setEditorText(page: Page, text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.sendCharacter(text);
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.click(`.tabs button[data-tab="${tab}"]`);
}

async function openTemplate(page: Page, path: string): Promise<string> {
  const item = `#wording-files li[data-path="${path}"] button`;
  await page.waitForSelector(item);
  await page.click(item);
  await waitText(page, '#wording-path', path);
  return readFileSync(join(bench.templates, path), 'utf8');
}

let bench: Bench;
let browser: Browser;
let page: Page;

describe("the editors' workbench in a browser", () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    bench = await startBench();
    browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true, defaultViewport: { width: 1440, height: 900 } });
    page = await browser.newPage();
    page.on('dialog', (d) => void d.accept());
    // What the page itself complains about shows in the test's output.
    page.on('pageerror', (e) => console.error('page error:', e));
    page.on('console', (m) => m.type() === 'error' && console.error('page console:', m.text()));
    // The page keeps an event stream open, so the network never goes idle: wait for the page itself.
    await page.goto(bench.base + '/', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('#drop');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });

  it("shows a bad file's problem with its row and column, then takes the sample data", async () => {
    expect(await textOf(page, '#tab-data')).toContain('把本季度的数据表');
    const bad = file2018.text.replace('渝北区', '渝bei区');
    await dropFiles(page, [{ name: '坏数据.csv', text: bad }]);
    await waitText(page, '#upload-result', '未保存');
    const row = await page.$$eval('#upload-result tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((c) => (c as HTMLElement).innerText)).find((cells) => cells[3].includes('渝bei区')));
    expect(row![0]).toBe('坏数据.csv');
    expect(row![1]).toMatch(/^第\d+行$/);
    expect(row![2]).toContain('B');
    await shot(page, '1-data-error');
    expect(readdirSync(bench.data)).toEqual([]);

    await dropFiles(page, SAMPLE);
    await waitText(page, '#upload-result', '校验通过');
    expect(readdirSync(bench.data).sort()).toEqual(SAMPLE.map((f) => f.name));
    await shot(page, '2-data-accepted');
  }, 120_000);

  it('shows the report with every number linked to its fact, the figures and the PDF pages', async () => {
    await page.select('#quarter', '2018Q3');
    await openTab(page, 'report');
    await waitText(page, '#factcheck', '事实核查通过', 180_000);
    await page.waitForSelector('#pdf-pages canvas', { timeout: 60_000 });
    // A score in the text: click it and read its fact.
    const number = await page.evaluate(() => {
      const b = Array.from(document.querySelectorAll<HTMLElement>('.report-text .fact.number')).find((x) => /^\d+\.\d\d$/.test(x.innerText) && x.title.includes('指数得分'))!;
      b.id = 'picked-fact';
      return b.innerText;
    });
    await page.click('#picked-fact');
    await page.waitForSelector('#fact-card');
    const card = await textOf(page, '#fact-card');
    expect(card).toContain('指数得分');
    expect(card).toMatch(/数据来源\s*双创指标_2018\.csv 第\d+行/);
    expect(card).toContain(Number(number).toString().replace(/0+$/, '').replace(/\.$/, ''));
    expect(await page.$$eval('.figure img', (imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBeGreaterThan(5);
    await shot(page, '3-report-fact');
    await page.keyboard.press('Escape');
  }, 240_000);

  it('rebuilds the preview after a template is edited and saved', async () => {
    await openTab(page, 'wording');
    const original = await openTemplate(page, 'report/lead.hbs');
    await setEditorText(page, original.replace('客观反映', '如实反映'));
    await page.click('#save');
    await waitText(page, '#wording-status', '预览已更新', 180_000);
    expect(await textOf(page, '#wording-preview')).toContain('如实反映各区县创新创业情况');
    expect(readFileSync(join(bench.templates, 'report/lead.hbs'), 'utf8')).toContain('如实反映');
    await shot(page, '4-wording-saved');
  }, 240_000);

  it('names the sentence when a wording mistake fails the fact check, and keeps the last good preview', async () => {
    const original = await openTemplate(page, 'report/risers.hbs');
    await setEditorText(page, original.replace('其中{{join m.extreme.districts}}增幅', '其中{{join m.extreme.districts}}降幅'));
    await page.click('#save');
    await waitText(page, '#wording-status', '事实核查未通过', 180_000);
    const status = await textOf(page, '#wording-status');
    expect(status).toMatch(/降幅最大/);
    expect(await textOf(page, '#wording-preview')).toContain('如实反映');
    await shot(page, '5-wording-factcheck');
    await page.click('#undo');
    await waitText(page, '#wording-status', '预览已更新', 180_000);
  }, 360_000);

  it('issues a version, then a correction shows its changes as 原文 / 改为 with the drafted 更正说明', async () => {
    await openTab(page, 'archive');
    await page.type('#build-issue', '2018年第6期');
    await page.click('#build-version');
    await waitText(page, '#archive-message', '已生成 2018Q3 v1', 180_000);
    await page.click('#versions tr[data-version="2018Q3-v1"] button.issue');
    await page.waitForSelector('#issue-dialog[open]');
    expect(await page.$eval('#issue-label', (i) => (i as HTMLInputElement).value)).toBe('2018年第6期');
    await page.type('#issue-note', '主编审定');
    await page.click('#issue-confirm');
    await waitText(page, '#archive-message', '已发布');
    // The list of versions is reloaded after the message: wait for the row, do not race it.
    await waitText(page, '#versions tr[data-version="2018Q3-v1"]', '已发布');
    expect(await textOf(page, '#versions tr[data-version="2018Q3-v1"]')).toContain('已发布');

    // corrected data: one cell of 城口县 in 2018Q3
    const lines = file2018.text.split('\n');
    const i = lines.findIndex((l) => l.includes('2018Q3') && l.includes('城口县'));
    const cells = lines[i].split(',');
    cells[2] = String(Number(cells[2]) + 300);
    lines[i] = cells.join(',');
    await openTab(page, 'data');
    await dropFiles(page, [{ name: file2018.name, text: lines.join('\n') }]);
    await waitText(page, '#upload-result', '已更新');

    await openTab(page, 'archive');
    await page.$eval('#build-issue', (i) => ((i as HTMLInputElement).value = ''));
    await page.click('#build-version');
    await waitText(page, '#archive-message', '已生成 2018Q3 v2', 180_000);
    const changes = await textOf(page, '#changes');
    expect(changes).toContain('城口县');
    expect(await page.$$eval('#changes .rewrite', (r) => r.length)).toBeGreaterThan(0);
    expect(await page.$$eval('#changes .rewrite .after mark', (m) => m.length)).toBeGreaterThan(0);
    expect(await page.$eval('#notice', (t) => (t as HTMLTextAreaElement).value)).toContain('本刊2018年第6期刊发的');
    await page.$eval('#changes .rewrite', (e) => e.scrollIntoView({ block: 'center' }));
    await shot(page, '6-archive-correction');
  }, 360_000);
});
