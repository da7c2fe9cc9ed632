/**
 * Stats refresh at 1k, 10k and 100k persons (plus 100 rounds and 50 repatriations): the project's
 * refreshStats() (lambdas/service/refresh-stats.ts) against DynamoDB Local, through the store's SDK
 * document client (lambdas/store/client.ts) as on Lambda, timed at each size.
 * The table grows in steps (1k, then 9k more, then 90k more), loaded with BatchWriteItem in the
 * store's own layout, category companions included.
 */
import { batchPut, useTable } from './dynamo';
import { itemsOf, personRecords, repatriationRecords, roundRecords } from './data';
import { int, median } from './numbers';
import { markdownTable, type SectionResult } from './report';
import { personLayout, repatriationLayout, roundLayout } from '../../lambdas/store/keys';
import { refreshStats } from '../../lambdas/service/refresh-stats';
import { filterLatency, filterRow } from './filter-latency';

export const REFRESH_RATE_BUDGET = 5000;
/** Time per record at the largest size may exceed that at the size before by this factor at most. */
export const LINEARITY_TOLERANCE = 1.5;
const TABLE = 'bench-refresh';

export interface RefreshOptions {
  readonly sizes: readonly number[];
  /** Refreshes timed per size (the median counts), fewer if a size's refreshes pass `capMs`. */
  readonly repeats: number;
  readonly capMs: number;
  readonly log: (line: string) => void;
}

interface SizeFigures {
  readonly persons: number;
  readonly tableItems: number;
  readonly loadMs: number;
  readonly itemsRead: number;
  readonly pages: number;
  readonly capacityUnits: number;
  readonly ms: number;
  readonly runs: readonly number[];
}

export async function refreshScaling(options: RefreshOptions): Promise<SectionResult> {
  const dynamo = await useTable(TABLE);
  const rounds = roundRecords(100);
  const repatriations = repatriationRecords(50);
  const completed = rounds.filter((round) => round.status === 'completed').map((round) => round.id);
  await batchPut(dynamo.client, TABLE, [
    ...rounds.flatMap((r) => itemsOf(roundLayout, r)),
    ...repatriations.flatMap((r) => itemsOf(repatriationLayout, r)),
  ]);
  let tableItems = rounds.length + repatriations.length;

  const figures: SizeFigures[] = [];
  let loaded = 0;
  for (const size of options.sizes) {
    const loadStarted = performance.now();
    const persons = personRecords(loaded, size - loaded, completed);
    const items = persons.flatMap((p) => itemsOf(personLayout, p));
    await batchPut(dynamo.client, TABLE, items);
    const loadMs = performance.now() - loadStarted;
    tableItems += items.length;
    loaded = size;
    options.log(`  refresh: ${int(size)} persons loaded (${int(items.length)} items in ${(loadMs / 1000).toFixed(1)} s); refreshing`);

    const runs: number[] = [];
    // One untimed refresh first: DynamoDB Local's first pass over new items (its JIT, its heap)
    // is slower than every later one, and DynamoDB has no such phase.
    let last: Awaited<ReturnType<typeof refreshStats>> | undefined = await refreshStats();
    const sizeStarted = performance.now();
    while (runs.length < options.repeats && (runs.length === 0 || performance.now() - sizeStarted < options.capMs)) {
      const started = performance.now();
      last = await refreshStats();
      runs.push(performance.now() - started);
    }
    const expected = size + completed.length + repatriations.length;
    if (last!.stats.persons.total !== size || last!.read.items !== expected) {
      throw new Error(`refresh at ${size} persons counted ${last!.stats.persons.total} persons and read ${last!.read.items} items, not ${expected}`);
    }
    figures.push({
      persons: size,
      tableItems,
      loadMs,
      itemsRead: last!.read.items,
      pages: last!.read.pages,
      capacityUnits: last!.read.capacityUnits,
      ms: median(runs),
      runs,
    });
  }

  // Over the largest size loaded: the list's filters, whose work per request the store bounds.
  options.log(`  filters: the persons list at ${int(loaded)} persons`);
  const filters = await filterLatency(options.repeats);

  const rate = (f: SizeFigures) => f.itemsRead / (f.ms / 1000);
  const perRecordUs = (f: SizeFigures) => (f.ms * 1000) / f.itemsRead;
  const slowest = [...figures].sort((a, b) => rate(a) - rate(b))[0]!;
  const last = figures[figures.length - 1]!;
  const before = figures[figures.length - 2];
  const growth = before ? perRecordUs(last) / perRecordUs(before) : 1;
  const linear = growth <= LINEARITY_TOLERANCE;
  const fastEnough = figures.every((f) => rate(f) >= REFRESH_RATE_BUDGET);
  const sizeLabel = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  return {
    id: 'refresh',
    rows: [
      {
        figure: 'stats refresh',
        measured: `${figures.map((f) => `${sizeLabel(f.persons)}: ${(f.ms / 1000).toFixed(2)} s, ${int(rate(f))}/s`).join('; ')}; time per record ×${growth.toFixed(2)} from ${before ? sizeLabel(before.persons) : '–'} to ${sizeLabel(last.persons)} (${linear ? 'linear' : 'worse than linear'})`,
        budget: `linear; ≥ ${int(REFRESH_RATE_BUDGET)} records/s`,
        verdict: linear && fastEnough ? 'met' : 'missed',
      },
      filterRow(loaded, filters),
    ],
    details: [
      '### Stats refresh',
      '',
      `\`refreshStats()\` (lambdas/service/refresh-stats.ts) in the benchmark's process against DynamoDB Local`,
      `through the store's SDK document client (a QueryCommand per page of each stats-index segment, one PutCommand),`,
      `over 100 rounds (${completed.length} completed, the ones the stats index holds), 50 repatriations and the persons`,
      'below (every status, 0–2 categories each, so about one companion item per person). Records/s is',
      `items read ÷ refresh time (median of up to ${options.repeats} refreshes per size, after one untimed refresh; slowest size: ${sizeLabel(slowest.persons)}).`,
      `"Linear" means the time per record at the largest size is at most ×${LINEARITY_TOLERANCE} that at the size before.`,
      '',
      markdownTable(
        ['persons', 'table items', 'items read', 'pages', 'read units', 'refresh time', 'records/s', 'µs per record', 'runs'],
        figures.map((f) => [
          int(f.persons),
          int(f.tableItems),
          int(f.itemsRead),
          int(f.pages),
          f.capacityUnits.toFixed(1),
          `${(f.ms / 1000).toFixed(3)} s`,
          int(rate(f)),
          perRecordUs(f).toFixed(1),
          f.runs.map((ms) => (ms / 1000).toFixed(2)).join(', '),
        ]),
      ),
      '',
      `Loading (BatchWriteItem, 8 batches of 25 in flight): ${figures.map((f) => `${sizeLabel(f.persons)} in ${(f.loadMs / 1000).toFixed(1)} s`).join(', ')}.`,
      '',
      '### Persons list under filters',
      '',
      `The first page of \`GET /persons\` for each combination below, through the persons-read handler in this`,
      `process over the ${int(loaded)} persons above (median of ${options.repeats} after one untimed request). One request`,
      'makes at most 3 Queries and evaluates at most 1,000 items (lambdas/store/records.ts); a page still',
      'short then ends with a cursor where the reading stopped.',
      '',
      markdownTable(
        ['query', 'first page', 'items', 'cursor to more'],
        filters.map((f) => [f.query, `${f.ms.toFixed(1)} ms`, String(f.items), f.more ? 'yes' : 'no']),
      ),
    ].join('\n'),
  };
}
