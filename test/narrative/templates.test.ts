import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/facts/types.js';
import { DEFAULT_TEMPLATES_DIR, TemplateError, createTemplateEngine, narrativeToMarkdown, renderNarrative } from '../../src/narrative/index.js';
import { goldenLedger } from './fixtures.js';

function copyTemplates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'narrative-templates-'));
  cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
  return dir;
}

let ledger: Ledger;
beforeAll(async () => {
  ledger = await goldenLedger();
});

describe('editable templates', () => {
  it('an edited sentence in a partial shows up in the output', () => {
    const dir = copyTemplates();
    const file = join(dir, 'tiers.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('根据各区县', '按照各区县'));
    const md = narrativeToMarkdown(renderNarrative(ledger, { templatesDir: dir }));
    expect(md).toContain('按照各区县2018年第3季度双创指数的综合得分，可将全市38个区县划分为4类：');
    expect(md).not.toContain('根据各区县');
  });

  it('wording data changes adjectives and list joining without code', () => {
    const dir = copyTemplates();
    const file = join(dir, 'wording.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('双创活力: { strong: 突出, weak: 偏弱 }', '双创活力: { strong: 表现抢眼, weak: 有待提升 }').replace('last: 和', 'last: 及'));
    // A new adjective must first be told to the fact check (lexicon.strong), or the build refuses it.
    expect(() => renderNarrative(ledger, { templatesDir: dir })).toThrow(/表现抢眼.*lexicon\.strong/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('strong: [突出,', 'strong: [表现抢眼, 突出,'));
    const md = narrativeToMarkdown(renderNarrative(ledger, { templatesDir: dir }));
    expect(md).toContain('江北区的双创活力表现抢眼');
    expect(md).toContain('彭水县的双创活力有待提升');
    expect(md).toContain('分别为铜梁区、云阳县及大足区');
  });

  it('an unknown field is an error naming the template file and line', () => {
    const dir = copyTemplates();
    const file = join(dir, 'level.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{f2 level.highest.value}}；', '{{f2 level.hihgest.value}}；'));
    let err: unknown;
    try {
      renderNarrative(ledger, { templatesDir: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('hihgest')) + 1;
    expect((err as TemplateError).file).toBe('level.hbs');
    expect((err as TemplateError).line).toBe(line);
    expect((err as Error).message).toMatch(new RegExp(`^level\\.hbs:${line}: "hihgest" not defined`));
  });

  it('a misspelt condition ({{#if}}) is an error too, not a silently missing sentence', () => {
    const dir = copyTemplates();
    const file = join(dir, 'change.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{#if change.allSame}}', '{{#if change.alSame}}'));
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('alSame')) + 1;
    expect(() => renderNarrative(ledger, { templatesDir: dir })).toThrow(new RegExp(`^change\\.hbs:${line}: "alSame" not defined \\(fields here: meanPct, up, down`));
  });

  it('a syntax error is reported when the engine is made, with file and line', () => {
    const dir = copyTemplates();
    writeFileSync(join(dir, 'change.hbs'), '从{{node}}指数\n的环比变化{{#if change}}来看');
    expect(() => createTemplateEngine(dir)).toThrow(/^change\.hbs:\d+: Parse error/);
  });

  it('text outside a paragraph block in report.hbs is refused', () => {
    const dir = copyTemplates();
    const file = join(dir, 'report.hbs');
    writeFileSync(file, readFileSync(file, 'utf8') + '\n多余的文字\n');
    expect(() => renderNarrative(ledger, { templatesDir: dir })).toThrow(/report\.hbs: text outside \{\{#paragraph\}\}/);
  });

  it('invalid wording data is refused with the field named', () => {
    const dir = copyTemplates();
    writeFileSync(join(dir, 'wording.yaml'), 'few: many\n');
    expect(() => renderNarrative(ledger, { templatesDir: dir })).toThrow(/wording\.yaml: invalid wording data: few/);
  });
});
