/**
 * The fact check's vocabulary, compiled once from the wording data (wording.yaml's
 * `lexicon`), which the templates' wording is checked against when it is loaded: the
 * words the templates print and the words the check reads are the same list.
 * Structural words (为, 从…到, 第N位 …) are part of the rules, not of the lexicon.
 */
import { DEFAULT_LEXICON, type Wording } from '../narrative/wording.js';

export interface Lexicon {
  /** Regular-expression alternations (longest first). */
  up: string;
  down: string;
  flat: string;
  /** up|down */
  move: string;
  strong: string;
  weak: string;
  isUp(word: string): boolean;
  isDown(word: string): boolean;
  sense(word: string): 'up' | 'down' | 'flat' | null;
  adjective(word: string): 'strong' | 'weak' | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: string[]) =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

export function compileLexicon(lexicon: Wording['lexicon'] = DEFAULT_LEXICON): Lexicon {
  const { up, down, flat, strong, weak } = lexicon;
  return {
    up: alternation(up),
    down: alternation(down),
    flat: alternation(flat),
    move: alternation([...up, ...down]),
    strong: alternation(strong),
    weak: alternation(weak),
    isUp: (w) => up.includes(w),
    isDown: (w) => down.includes(w),
    sense: (w) => (up.includes(w) ? 'up' : down.includes(w) ? 'down' : flat.includes(w) ? 'flat' : null),
    adjective: (w) => (strong.includes(w) ? 'strong' : weak.includes(w) ? 'weak' : null),
  };
}

export const DEFAULT_COMPILED_LEXICON = compileLexicon();
