/**
 * Disputed figures: a record's headline figure (the registry's own, null when undisclosed) beside
 * the figures its sources state. A figure is disputed when two of them differ; its range runs from
 * the smallest to the largest of them. Pure: the store keeps the result beside the record, for the
 * statistics, and the answers compute it again from the record.
 */
export type FigureName = 'returnedToUkraine' | 'returnedToRussia' | 'bodiesToUkraine' | 'bodiesToRussia';
export const roundFigures = ['returnedToUkraine', 'returnedToRussia'] as const satisfies readonly FigureName[];
export const repatriationFigures = ['bodiesToUkraine', 'bodiesToRussia'] as const satisfies readonly FigureName[];

export interface Range {
  low: number;
  high: number;
}

type Stated = { readonly figures?: Readonly<Partial<Record<FigureName, number>>> };

/** What a record says about its figures: its headline values, and each source's statements. */
export interface FigureEvidence {
  readonly headline: Readonly<Partial<Record<FigureName, number | null>>>;
  readonly sources?: readonly Stated[];
}

export interface FigureSpread {
  /** Per figure: low and high of every value stated, or null when none is (neither headline nor claim). */
  readonly ranges: Readonly<Partial<Record<FigureName, Range | null>>>;
  readonly disputed: boolean;
}

export function spreadOf(evidence: FigureEvidence, names: readonly FigureName[]): FigureSpread {
  const ranges: Partial<Record<FigureName, Range | null>> = {};
  let disputed = false;
  for (const name of names) {
    const headline = evidence.headline[name];
    const values = [
      ...(typeof headline === 'number' ? [headline] : []),
      ...(evidence.sources ?? []).map((source) => source.figures?.[name]).filter((n): n is number => typeof n === 'number'),
    ];
    if (values.length === 0) {
      ranges[name] = null;
      continue;
    }
    const low = Math.min(...values);
    const high = Math.max(...values);
    ranges[name] = { low, high };
    if (low !== high) disputed = true;
  }
  return { ranges, disputed };
}
