/**
 * The five public CSV exports (`GET /exports/<name>.csv`): every record of a public collection, in
 * the order of its list route and with what its answers compute (a round's `disputed`, an
 * agreement's `progress`), and the statistics one row per year. Read by the list routes' own
 * Queries, page after page: never a Scan, and never a person (no export reads a persons partition;
 * the function's grant names none).
 */
import { columnsOfSample, toCsv } from '../domain/csv';
import { ProgressTally } from '../domain/progress';
import { emptyStats } from '../domain/stats';
import { agreements } from '../resources/agreements';
import { exportColumns } from '../resources/export-columns';
import { negotiations } from '../resources/negotiations';
import { repatriations } from '../resources/repatriations';
import type { ResourceDefinition } from '../resources/resource';
import { rounds } from '../resources/rounds';
import type { Key } from '../store/keys';
import { queryPage } from '../store/records';
import { withProgress } from './agreement-progress';
import { currentStats } from './current-stats';

export const exportNames = ['rounds', 'repatriations', 'agreements', 'negotiations', 'stats'] as const;
export type ExportName = (typeof exportNames)[number];

export interface CsvExport {
  /** The header row: fixed, so that an empty collection still answers it. */
  readonly columns: readonly string[];
  /** The rows' records, in the file's order. */
  readonly records: () => Promise<object[]>;
}

/** Records per Query: a few Queries for the hundreds of records a collection holds, and as many agreements' progress Queries at once at most. */
export const EXPORT_PAGE_SIZE = 100;
/**
 * The most one export reads. The collections hold hundreds of records; this bound keeps a request's
 * work, and its answer (a Lambda answers at most 6 MB), bounded, and says so loudly (500, logged)
 * rather than timing out: an export past it would have to be written to S3 instead.
 */
export const MAX_EXPORT_RECORDS = 10_000;

/** Every record of a list route, in its order: the route's own Query for no filter, a page at a time. */
async function everyRecord<T extends object>(resource: ResourceDefinition<T, object>, present: (page: T[]) => Promise<object[]>): Promise<object[]> {
  const query = resource.listQuery({});
  if (!query) throw new Error(`${resource.path} has no Query for the whole list`);
  const all: object[] = [];
  let startKey: Key | undefined;
  do {
    const page = await queryPage<T>(query, EXPORT_PAGE_SIZE, startKey);
    all.push(...(await present(page.items)));
    if (all.length > MAX_EXPORT_RECORDS) throw new Error(`The export of ${resource.path} passed ${MAX_EXPORT_RECORDS} records`);
    startKey = page.lastKey;
  } while (startKey);
  return all;
}

/** A collection's export: its records as its list answers them (the resource's `compute`, then `derive` for a page). */
function recordExport<T extends object>(
  resource: ResourceDefinition<T, object>,
  samples: Readonly<Record<string, unknown>>,
  derive: (page: object[]) => Promise<object[]> = async (page) => page,
): CsvExport {
  const computed = (record: T): object => (resource.compute ? { ...record, ...resource.compute(record as never) } : record);
  return {
    columns: exportColumns(resource.input, samples, resource.derivedFields),
    records: () => everyRecord(resource, (page) => derive(page.map(computed))),
  };
}

const asResource = (resource: unknown) => resource as ResourceDefinition<object, object>;
/** What each derived field looks like, for its columns: `disputed` is one column, `progress` one per key. */
const disputed = { disputed: false };
const progress = { progress: new ProgressTally().result([]) };

/** The columns of the statistics: `year` (`total` on the last row), then the totals' keys flattened (`ranges.bodiesToUkraine.low`). */
const statsColumns = ['year', ...columnsOfSample(emptyStats('1970-01-01T00:00:00.000Z').totals)];

export const csvExports: Readonly<Record<ExportName, CsvExport>> = {
  rounds: recordExport(asResource(rounds), disputed),
  repatriations: recordExport(asResource(repatriations), disputed),
  agreements: recordExport(asResource(agreements), progress, (page) => withProgress(page as never)),
  negotiations: recordExport(asResource(negotiations), {}),
  stats: {
    columns: statsColumns,
    records: async () => {
      const stats = await currentStats();
      return [...stats.byYear, { ...stats.totals, year: 'total' }];
    },
  },
};

/** The file of one export. */
export async function exportCsv(name: ExportName): Promise<string> {
  const { columns, records } = csvExports[name];
  return toCsv(columns, await records());
}
