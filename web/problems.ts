/** Input problems as a table (文件, 第N行, 列, 问题, 如何修改); follow-on problems of one kind folded under the first. */
import type { Failure } from './api.js';
import { h } from './dom.js';

type Problem = NonNullable<Failure['problems']>[number];

/** Problems of one file, column and hint are one cause (a misspelt heading, a wrong unit…): shown once, the rest folded. */
function groups(problems: Problem[]): Problem[][] {
  const by = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.file}\t${p.column ?? ''}\t${p.hint ?? p.message}`;
    by.set(key, [...(by.get(key) ?? []), p]);
  }
  return [...by.values()];
}

const row = (p: Problem, extra?: HTMLElement) =>
  h('tr', {}, h('td', {}, p.file), h('td', {}, p.row !== undefined ? `第${p.row}行` : p.line !== undefined ? `第${p.line}行` : ''), h('td', {}, p.column ?? ''), h('td', {}, p.message, extra ?? null), h('td', {}, p.hint ?? ''));

export function problemsTable(failure: Failure): HTMLElement {
  const body = h('tbody');
  for (const g of groups(failure.problems ?? [])) {
    const [first, ...rest] = g;
    if (!rest.length) {
      body.append(row(first));
      continue;
    }
    const more = rest.map((p) => row(p));
    for (const r of more) r.classList.add('folded');
    const toggle = h('button', { class: 'link', type: 'button' }, `还有 ${rest.length} 个同类问题（展开）`);
    toggle.addEventListener('click', () => {
      const open = toggle.classList.toggle('open');
      for (const r of more) r.classList.toggle('folded', !open);
      toggle.textContent = open ? `收起 ${rest.length} 个同类问题` : `还有 ${rest.length} 个同类问题（展开）`;
    });
    body.append(row(first, h('div', {}, toggle)), ...more);
  }
  return h(
    'div',
    { class: 'problems' },
    h('p', { class: 'error' }, failure.message),
    h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, h('th', {}, '文件'), h('th', {}, '行'), h('th', {}, '列'), h('th', {}, '问题'), h('th', {}, '如何修改'))), body),
  );
}

/** The fact check's refusals: each sentence and what is wrong with it. */
export function factCheckList(failure: Failure): HTMLElement {
  const fc = failure.factCheck!;
  return h(
    'div',
    { class: 'factcheck-failed' },
    h('p', { class: 'error' }, failure.message),
    h(
      'ul',
      {},
      fc.problems.map((p) => h('li', {}, h('blockquote', {}, p.sentence), h('p', {}, p.message))),
    ),
  );
}

/** Any failure, laid out by what it carries. */
export function failureView(failure: Failure): HTMLElement {
  if (failure.problems?.length) return problemsTable(failure);
  if (failure.factCheck) return factCheckList(failure);
  if (failure.template) return h('div', { class: 'template-failed' }, h('p', { class: 'error' }, failure.message), h('pre', {}, failure.template.detail));
  return h('p', { class: 'error' }, failure.message);
}
