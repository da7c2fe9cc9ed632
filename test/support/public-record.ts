/** What data/exchanges-2022-2025.csv adds up to, read straight from the file (never through the importer). */
import { readFileSync } from 'node:fs';

export const PUBLIC_RECORD_CSV = readFileSync(new URL('../../data/exchanges-2022-2025.csv', import.meta.url), 'utf8');

/** Sums straight from the file, with a deliberately plain split (no quoted commas in the figure columns). */
export function expectedFromCsv(csv = PUBLIC_RECORD_CSV) {
  const years = new Map<number, Record<string, number>>();
  const totals: Record<string, number> = { rounds: 0, returnedToUkraine: 0, returnedToRussia: 0, roundsUndisclosed: 0, repatriations: 0, bodiesToUkraine: 0, bodiesToRussia: 0 };
  for (const line of csv.trim().split('\n').slice(1)) {
    const [date, kind, ua, ru] = line.split(',') as [string, string, string, string];
    const year = Number(date.slice(0, 4));
    if (!years.has(year)) years.set(year, Object.fromEntries(Object.keys(totals).map((k) => [k, 0])));
    for (const sums of [totals, years.get(year)!]) {
      if (kind === 'prisoner_exchange') {
        sums.rounds! += 1;
        sums.returnedToUkraine! += Number(ua || 0);
        sums.returnedToRussia! += Number(ru || 0);
        if (ua === '' || ru === '') sums.roundsUndisclosed! += 1;
      } else {
        sums.repatriations! += 1;
        sums.bodiesToUkraine! += Number(ua || 0);
        sums.bodiesToRussia! += Number(ru || 0);
      }
    }
  }
  return { totals, years };
}
