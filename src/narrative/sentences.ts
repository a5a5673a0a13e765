/**
 * Sentences of Chinese running text: they end at 。；！？, and a tier sentence
 * (第一类：……) starts a new one. The narrative (hand-checked passages) and the fact
 * check split alike, from this one function.
 */
const CN_NUM = '一二三四五六七八九十';

/** Sentences end at 。；！？; a tier sentence (第一类：……) also starts a new one. `raw` (same length) is cut alike. */
export function splitSentences(s: string, raw = s): { text: string; raw: string; start: number }[] {
  const out: { text: string; raw: string; start: number }[] = [];
  const re = new RegExp(`(?<=[。；！？])|(?=第[${CN_NUM}]+类：)`, 'g');
  let last = 0;
  const cuts = [...s.matchAll(re)].map((m) => m.index!).filter((i) => i > 0);
  for (const end of [...cuts, s.length]) {
    let start = last;
    while (start < end && /[。；！？，、]/.test(s[start])) start++;
    if (start < end) out.push({ text: s.slice(start, end), raw: raw.slice(start, end), start });
    last = end;
  }
  return out;
}
