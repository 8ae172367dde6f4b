// Summary statistics for benchmark samples: every figure in the report is a median with its spread.

export interface Summary {
  /** Number of samples. */
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation between closest ranks). */
  q1: number;
  q3: number;
  mean: number;
}

/** The q-quantile (0..1) of `values` by linear interpolation between closest ranks; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN, q1: NaN, q3: NaN, mean: NaN };
  return {
    n: finite.length,
    median: median(finite),
    min: Math.min(...finite),
    max: Math.max(...finite),
    q1: quantile(finite, 0.25),
    q3: quantile(finite, 0.75),
    mean: finite.reduce((a, b) => a + b, 0) / finite.length,
  };
}

/** Pairwise differences a[i] − b[i] (the shorter length wins). */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.min(a.length, b.length);
  return Array.from({ length: n }, (_, i) => a[i] - b[i]);
}

/**
 * Least-squares line y = intercept + slope·x. Used for the marginal cost per MB of page size, so that one noisy
 * size does not decide the slope alone.
 */
export function linearFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number } {
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return { slope: NaN, intercept: NaN };
  const mx = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const my = ys.slice(0, n).reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const slope = sxx === 0 ? NaN : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** "12.3 ms (11.9–13.0, n=5)": the median with its min–max. */
export function formatSummary(s: Summary, unit = 'ms', digits = 1): string {
  if (s.n === 0) return 'n/a';
  const f = (v: number) => formatNumber(v, digits);
  return s.n === 1 ? `${f(s.median)} ${unit} (n=1)` : `${f(s.median)} ${unit} (${f(s.min)}–${f(s.max)}, n=${s.n})`;
}

export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  // Small numbers keep two significant digits; large ones are grouped.
  if (abs !== 0 && abs < 1 && digits > 0) return value.toPrecision(2);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
