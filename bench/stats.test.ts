import { describe, expect, it } from 'vitest';
import { formatSummary, linearFit, median, pairedDifferences, quantile, summarize } from './stats';

describe('bench stats', () => {
  it('takes the median of odd and even samples, unsorted', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('interpolates quartiles between closest ranks', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('summarises with spread and ignores non-finite samples', () => {
    expect(summarize([3, 1, 2, NaN, Infinity])).toEqual({ n: 3, median: 2, min: 1, max: 3, q1: 1.5, q3: 2.5, mean: 2 });
    expect(summarize([]).n).toBe(0);
  });

  it('pairs differences run by run', () => {
    expect(pairedDifferences([10, 12, 15], [4, 5])).toEqual([6, 7]);
  });

  it('fits a line', () => {
    const { slope, intercept } = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(slope).toBeCloseTo(2);
    expect(intercept).toBeCloseTo(1);
  });

  it('formats a median with its range and run count', () => {
    expect(formatSummary(summarize([10, 12, 11]))).toBe('11.0 ms (10.0–12.0, n=3)');
    expect(formatSummary(summarize([4]))).toBe('4.0 ms (n=1)');
  });
});
