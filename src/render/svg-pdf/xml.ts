/**
 * Reading the SVG text: a small non-validating XML parser for what chart
 * exporters write (elements, attributes, comments, processing instructions;
 * text only as whitespace, except inside title/desc/metadata, which is skipped).
 */
import { fail } from './unsupported.js';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITY[e];
    return v ?? fail(`unknown entity ${m}`);
  });
}

const TAG = /<([A-Za-z_][\w:.-]*)/y;
const ATTR = /\s*([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;
/** Elements whose content is not drawn and may hold text. */
export const METADATA = new Set(['title', 'desc', 'metadata']);

/** A small non-validating XML parser: elements, attributes, comments, PIs; text only as whitespace. */
export function parseXml(src: string): El {
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  let pos = 0;
  let skipDepth = 0; // inside title/desc/metadata
  const n = src.length;
  while (pos < n) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && skipDepth === 0) {
      for (let i = pos; i < textEnd; i++) {
        const c = src.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 10 && c !== 13) fail(`text content in <${stack[stack.length - 1].name}>`);
      }
    }
    if (lt < 0) break;
    if (src.startsWith('<!--', lt)) {
      const e = src.indexOf('-->', lt + 4);
      if (e < 0) fail('unterminated comment');
      pos = e + 3;
    } else if (src.startsWith('<?', lt)) {
      const e = src.indexOf('?>', lt + 2);
      if (e < 0) fail('unterminated processing instruction');
      pos = e + 2;
    } else if (src.startsWith('<![CDATA[', lt)) {
      if (skipDepth === 0) fail('CDATA');
      const e = src.indexOf(']]>', lt);
      if (e < 0) fail('unterminated CDATA');
      pos = e + 3;
    } else if (src.startsWith('<!', lt)) {
      const e = src.indexOf('>', lt);
      if (e < 0 || src.slice(lt, e).includes('[')) fail('DOCTYPE with an internal subset');
      pos = e + 1;
    } else if (src.charCodeAt(lt + 1) === 47 /* / */) {
      const e = src.indexOf('>', lt);
      if (e < 0) fail('unterminated end tag');
      const name = src.slice(lt + 2, e).trim();
      const top = stack.pop();
      if (!top || top.name !== name || stack.length === 0) fail(`mismatched </${name}>`);
      if (skipDepth > 0) skipDepth--;
      pos = e + 1;
    } else {
      TAG.lastIndex = lt;
      const m = TAG.exec(src);
      if (!m) fail('malformed tag');
      const el: El = { name: m![1], attrs: {}, children: [] };
      pos = TAG.lastIndex;
      for (;;) {
        ATTR.lastIndex = pos;
        const a = ATTR.exec(src);
        if (!a) break;
        el.attrs[a[1]] = decodeEntities(a[2] ?? a[3]);
        pos = ATTR.lastIndex;
      }
      TAG_END.lastIndex = pos;
      const end = TAG_END.exec(src);
      if (!end) fail(`malformed <${el.name}>`);
      pos = TAG_END.lastIndex;
      if (skipDepth === 0) stack[stack.length - 1].children.push(el);
      const selfClosing = end![1] === '/';
      if (!selfClosing) {
        stack.push(el);
        if (skipDepth > 0 || METADATA.has(el.name)) skipDepth++;
      }
    }
  }
  if (stack.length !== 1) fail('unclosed elements');
  if (root.children.length !== 1 || root.children[0].name !== 'svg') fail('root element is not <svg>');
  return root.children[0];
}
