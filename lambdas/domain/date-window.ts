/** `year`, `from` and `to` filters reduced to one inclusive window; `empty` when they cannot overlap. */
export interface DateFilter {
  readonly year?: number;
  readonly from?: string;
  readonly to?: string;
}

export type DateWindow = { from?: string; to?: string } | 'empty';

export function dateWindow(filter: DateFilter): DateWindow {
  const froms = [filter.from, filter.year === undefined ? undefined : `${filter.year}-01-01`].filter(Boolean) as string[];
  const tos = [filter.to, filter.year === undefined ? undefined : `${filter.year}-12-31`].filter(Boolean) as string[];
  const from = froms.sort().at(-1);
  const to = tos.sort().at(0);
  if (from && to && from > to) return 'empty';
  return { from, to };
}
