/** The one module of `talisman` the matcher uses; the package ships no types. */
declare module 'talisman/metrics/damerau-levenshtein.js' {
  /** Optimal string alignment distance (a swap of two neighbours is one edit). */
  export default function damerauLevenshtein(a: string, b: string): number;
  /** The same distance, or Infinity as soon as it exceeds `max` (cheaper for a small max). */
  export function limited(max: number, a: string, b: string): number;
}
