/** Order statistics and number formats shared by the benchmark's sections. */

/** Nearest-rank percentile (p in 0..100) of a sample; the sample is not modified. */
export function percentile(sample: ArrayLike<number>, p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = Float64Array.from(sample).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (sample: ArrayLike<number>): number => percentile(sample, 50);

/** Thousands separated with commas, as the issue writes them: 10,000. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** KB here is 1,000 bytes (SI), the stricter reading of the "400 KB". */
export const KB = 1000;
export const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;
