/**
 * Descriptive statistics the composite-indicator literature uses, with the
 * definitions of COINr (and Excel's SKEW/KURT, e1071 type 2), so that figures can
 * be checked against those tools.
 */

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Sample variance (n − 1). */
export function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.length < 2 ? 0 : xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

/** Sample skewness, adjusted Fisher–Pearson (e1071 type 2, Excel SKEW); null below 3 values or for a constant. */
export function skewness(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const m = mean(xs);
  const m2 = xs.reduce((s, x) => s + (x - m) ** 2, 0);
  if (m2 === 0) return null;
  const m3 = xs.reduce((s, x) => s + (x - m) ** 3, 0);
  const g1 = (Math.sqrt(n) * m3) / m2 ** 1.5;
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** Sample excess kurtosis (e1071 type 2, Excel KURT: 0 for a normal distribution); null below 4 values or for a constant. */
export function kurtosis(xs: readonly number[]): number | null {
  const n = xs.length;
  if (n < 4) return null;
  const m = mean(xs);
  const m2 = xs.reduce((s, x) => s + (x - m) ** 2, 0);
  if (m2 === 0) return null;
  const m4 = xs.reduce((s, x) => s + (x - m) ** 4, 0);
  const r = (n * m4) / m2 ** 2;
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

/** Pearson correlation; null when either series is constant. */
export function pearson(a: readonly number[], b: readonly number[]): number | null {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

/**
 * Cronbach's alpha of k items (columns), the internal consistency of an index's
 * indicators: k/(k−1) · (1 − Σ var(item) / var(Σ items)). Null below 2 items.
 */
export function cronbachAlpha(items: readonly (readonly number[])[]): number | null {
  const k = items.length;
  if (k < 2) return null;
  const n = items[0].length;
  const totals = Array.from({ length: n }, (_, i) => items.reduce((s, it) => s + it[i], 0));
  const vt = variance(totals);
  if (vt === 0) return null;
  return (k / (k - 1)) * (1 - items.reduce((s, it) => s + variance(it), 0) / vt);
}

/** Eigenvalues of a symmetric matrix (cyclic Jacobi rotations), largest first. */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
  }
  return a.map((row, i) => row[i]).sort((x, y) => y - x);
}

/**
 * Share of the total variance of standardised indicators that the first principal
 * component explains: the largest eigenvalue of their correlation matrix over k.
 * Null when an indicator is constant (its correlations are undefined).
 */
export function firstComponentShare(items: readonly (readonly number[])[]): number | null {
  const k = items.length;
  if (k < 2) return null;
  const r: number[][] = [];
  for (let i = 0; i < k; i++) {
    r.push([]);
    for (let j = 0; j < k; j++) {
      const c = i === j ? 1 : pearson(items[i], items[j]);
      if (c === null) return null;
      r[i].push(c);
    }
  }
  return symmetricEigenvalues(r)[0] / k;
}
