import { distance } from 'fastest-levenshtein';
import type { District } from '../config/types.js';

/** Resolves any accepted spelling of a district (short, full, old name, without suffix) to the registry entry. */
export class DistrictRegistry {
  private readonly byLabel = new Map<string, District>();
  constructor(readonly districts: District[]) {
    for (const d of districts) for (const label of [d.name, String(d.code), ...d.aliases]) this.byLabel.set(normalise(label), d);
  }
  resolve(text: string): District | undefined {
    return this.byLabel.get(normalise(text));
  }
  /** The closest known names, for "did you mean" hints. */
  suggest(text: string, count = 2): string[] {
    const t = normalise(text);
    return [...this.byLabel.entries()]
      .map(([label, d]) => ({ name: d.name, score: distance(t, label) / Math.max(t.length, label.length) }))
      .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
      .filter((s, i, all) => all.findIndex((o) => o.name === s.name) === i)
      .slice(0, count)
      .map((s) => s.name);
  }
}

function normalise(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').trim();
}
