/**
 * Stats refresh at 1k, 10k and 100k persons, each beside 10,000 completed rounds with sources (and
 * 100 planned ones, which the stats index does not hold), 50 repatriations with sources, 3
 * agreements and 9 negotiation events: the project's refreshStats() (lambdas/service/refresh-stats.ts)
 * against DynamoDB Local, through the store's SDK document client (lambdas/store/client.ts) as on
 * Lambda, timed at each size. The table grows in steps (1k persons, then 9k more, then 90k more),
 * loaded with BatchWriteItem in the store's own layout: index attributes, stored bookkeeping (the
 * `_statedFigures` the stats index projects), category companions, agreements' linked copies and
 * stage claims. At each size the refresh's answer must equal what refresh-expected.ts computes
 * from the generated records (disputed, ranges, rounds without a split, per year and in all; each
 * agreement's rounds, stages and repatriations), or the section fails: the time is that of a
 * correct refresh.
 */
import { batchPut, useTable } from './dynamo';
import { agreementRecords, itemsOf, negotiationRecords, personRecords, sourcedRepatriationRecords, sourcedRoundRecords } from './data';
import { int, median } from './numbers';
import { markdownTable, type SectionResult } from './report';
import { agreementLayout, negotiationLayout, personLayout, repatriationLayout, roundLayout } from '../../lambdas/store/keys';
import { refreshStats } from '../../lambdas/service/refresh-stats';
import { forEachCounted } from '../../lambdas/store/stats';
import { roundInput } from '../../lambdas/domain/round';
import { repatriationInput } from '../../lambdas/domain/repatriation';
import { filterLatency, filterRow } from './filter-latency';
import { differences, expectedStats, type CheckedFigures } from './refresh-expected';

export const REFRESH_RATE_BUDGET = 5000;
/** Time per record at the largest size may exceed that at the size before by this factor at most. */
export const LINEARITY_TOLERANCE = 1.5;
const TABLE = 'bench-refresh';
/** The issue's "10k rounds with sources", at every size. */
export const ROUNDS = 10_000;
const PLANNED_ROUNDS = 100;
const REPATRIATIONS = 50;
const AGREEMENTS = 3;
const NEGOTIATIONS = 9;
/** Completed rounds that name an agreement (a stage each), and repatriations that do. */
const LINKED_ROUNDS = 30;
const LINKED_REPATRIATIONS = 5;

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
  /** The rounds' one stats partition read alone (median of 3), for where a refresh's time goes. */
  readonly roundsMs: number;
  readonly roundsPages: number;
  readonly roundsUnits: number;
}

/** Reads the rounds' stats partition alone, as a refresh does beside the other kinds. */
async function roundsAlone(times: number) {
  const runs: number[] = [];
  let read = { items: 0, pages: 0, capacityUnits: 0 };
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    read = await forEachCounted('rounds', () => {});
    runs.push(performance.now() - started);
  }
  return { ms: median(runs), pages: read.pages, units: read.capacityUnits };
}

const withoutServerFields = ({ id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...fields }: { id: string; version: number; createdAt: string; updatedAt: string }) => fields;

/** The records, linked to the agreements as the store links them, each one the API would accept. */
function records() {
  const agreements = agreementRecords(AGREEMENTS);
  const ids = agreements.map((a) => a.id);
  const negotiations = negotiationRecords(NEGOTIATIONS, ids, NEGOTIATIONS);
  const rounds = sourcedRoundRecords(ROUNDS, { planned: PLANNED_ROUNDS }).map((round, i) =>
    i < LINKED_ROUNDS ? { ...round, agreementId: ids[i % AGREEMENTS]!, stage: Math.floor(i / AGREEMENTS) + 1 } : round,
  );
  const repatriations = sourcedRepatriationRecords(REPATRIATIONS).map((r, i) => (i < LINKED_REPATRIATIONS ? { ...r, agreementId: ids[1]! } : r));
  for (const [schema, list] of [[roundInput, rounds], [repatriationInput, repatriations]] as const) {
    for (const record of list) {
      const parsed = schema.safeParse(withoutServerFields(record));
      if (!parsed.success) throw new Error(`refresh bench: a generated record the API would refuse: ${JSON.stringify(record)}: ${parsed.error.message}`);
    }
  }
  return { agreements, negotiations, rounds, repatriations };
}

const roundsUndisclosed = (list: readonly { returnedToUkraine?: unknown; returnedToRussia?: unknown }[]) =>
  list.filter((r) => !r.returnedToUkraine || !r.returnedToRussia).length;
const share = (n: number, of: number) => `${int(n)} (${((100 * n) / of).toFixed(1)} %)`;
const range = (t: CheckedFigures, name: string) => `${int(t.ranges[name]!.low)}–${int(t.ranges[name]!.high)}`;

export async function refreshScaling(options: RefreshOptions): Promise<SectionResult> {
  const dynamo = await useTable(TABLE);
  const { agreements, negotiations, rounds, repatriations } = records();
  const completed = rounds.filter((round) => round.status === 'completed');
  const completedIds = completed.map((round) => round.id);
  const expected = expectedStats(rounds, repatriations);
  const fixedLoadStarted = performance.now();
  const fixedItems = [
    ...agreements.flatMap((a) => itemsOf(agreementLayout, a)),
    ...negotiations.flatMap((n) => itemsOf(negotiationLayout, n)),
    ...rounds.flatMap((r) => itemsOf(roundLayout, r)),
    ...repatriations.flatMap((r) => itemsOf(repatriationLayout, r)),
  ];
  const stated = fixedItems.filter((item) => '_statedFigures' in item).length;
  if (stated === 0) throw new Error('refresh bench: no item carries `_statedFigures`: the layouts\' storedAttributes were not written');
  await batchPut(dynamo.client, TABLE, fixedItems);
  const fixedLoadMs = performance.now() - fixedLoadStarted;
  let tableItems = fixedItems.length;
  options.log(`  refresh: ${int(rounds.length)} rounds, ${REPATRIATIONS} repatriations, ${AGREEMENTS} agreements, ${NEGOTIATIONS} events loaded (${int(fixedItems.length)} items, ${int(stated)} with _statedFigures, in ${(fixedLoadMs / 1000).toFixed(1)} s)`);

  const figures: SizeFigures[] = [];
  let loaded = 0;
  for (const size of options.sizes) {
    const loadStarted = performance.now();
    const persons = personRecords(loaded, size - loaded, completedIds);
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
    // Every record counted once: persons, completed rounds, repatriations and the agreements' list.
    const itemsExpected = size + completed.length + repatriations.length + agreements.length;
    if (last!.stats.persons.total !== size || last!.read.items !== itemsExpected) {
      throw new Error(`refresh at ${size} persons counted ${last!.stats.persons.total} persons and read ${last!.read.items} items, not ${itemsExpected}`);
    }
    const wrong = differences(last!.stats, expected);
    if (wrong.length) {
      throw new Error(`refresh at ${int(size)} persons answered figures other than the generated records make (${wrong.length} differences):\n  ${wrong.slice(0, 12).join('\n  ')}`);
    }
    const alone = await roundsAlone(3);
    options.log(`  refresh: ${int(size)} persons: the answer matches the records (disputed ${expected.totals.disputed}, rounds without a split ${expected.totals.roundsWithoutSplit}, ${expected.byYear.size} years)`);
    figures.push({
      persons: size,
      tableItems,
      loadMs,
      itemsRead: last!.read.items,
      pages: last!.read.pages,
      capacityUnits: last!.read.capacityUnits,
      ms: median(runs),
      runs,
      roundsMs: alone.ms,
      roundsPages: alone.pages,
      roundsUnits: alone.units,
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
  const t = expected.totals;
  return {
    id: 'refresh',
    rows: [
      {
        figure: 'stats refresh',
        measured: `${figures.map((f) => `${sizeLabel(f.persons)} persons + ${sizeLabel(completed.length)} rounds: ${(f.ms / 1000).toFixed(2)} s, ${int(rate(f))}/s`).join('; ')}; time per record ×${growth.toFixed(2)} from ${before ? sizeLabel(before.persons) : '–'} to ${sizeLabel(last.persons)} (${linear ? 'linear' : 'worse than linear'}); disputed, ranges and rounds without a split as the records make them at every size`,
        budget: `linear; ≥ ${int(REFRESH_RATE_BUDGET)} records/s`,
        verdict: linear && fastEnough ? 'met' : 'missed',
      },
      filterRow(loaded, filters),
    ],
    details: [
      '### Stats refresh',
      '',
      `\`refreshStats()\` (lambdas/service/refresh-stats.ts) in the benchmark's process against DynamoDB Local`,
      `through the store's SDK document client (a QueryCommand per page of each stats-index segment, one for`,
      `the agreements' list, one for the newest negotiation event; one PutCommand), over ${int(completed.length)} completed rounds`,
      `(and ${PLANNED_ROUNDS} planned, which the stats index does not hold), ${REPATRIATIONS} repatriations, ${AGREEMENTS} agreements (${LINKED_ROUNDS} rounds and`,
      `${LINKED_REPATRIATIONS} repatriations name one), ${NEGOTIATIONS} negotiation events and the persons below (every status, 0–2 categories each, so`,
      'about one companion item per person). Rounds and repatriations have 0–3 sources (bin/bench/data.ts), each',
      `with its side, some stating figures; ${int(stated)} of them carry \`_statedFigures\`. Of the completed rounds,`,
      `${share(expected.disputedRounds, completed.length)} are disputed, ${share(t.roundsWithoutSplit, completed.length)} have no military/civilians split on some side and`,
      `${share(roundsUndisclosed(completed), completed.length)} an undisclosed headline figure; ${expected.disputedRepatriations} of the ${REPATRIATIONS} repatriations are disputed. Ranges over all years:`,
      `returned to Ukraine ${range(t, 'returnedToUkraine')}, to Russia ${range(t, 'returnedToRussia')}; bodies to Ukraine ${range(t, 'bodiesToUkraine')}, to Russia ${range(t, 'bodiesToRussia')}.`,
      `At every size the refresh's \`totals\` and \`byYear\` (rounds, repatriations, disputed, ranges, roundsWithoutSplit) and`,
      "`byAgreement` (rounds, stages, repatriations) equal what bin/bench/refresh-expected.ts computes from the generated",
      "records' own counts and sources, or the section fails. Records/s is items read (persons, completed rounds,",
      `repatriations, agreements) ÷ refresh time (median of up to ${options.repeats} refreshes per size, after one untimed refresh; slowest size: ${sizeLabel(slowest.persons)}).`,
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
      `The rounds' stats partition (\`STATS#ROUNDS\`, one partition, read page after page) alone, after each size's refreshes (median of 3):`,
      `${figures.map((f) => `${(f.roundsMs / 1000).toFixed(3)} s at ${sizeLabel(f.persons)} persons`).join(', ')}; ${figures[0]!.roundsPages} pages, ${figures[0]!.roundsUnits.toFixed(1)} read units.`,
      '',
      `Loading (BatchWriteItem, 8 batches of 25 in flight): rounds, repatriations, agreements and events in ${(fixedLoadMs / 1000).toFixed(1)} s; persons ${figures.map((f) => `${sizeLabel(f.persons)} in ${(f.loadMs / 1000).toFixed(1)} s`).join(', ')}.`,
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
