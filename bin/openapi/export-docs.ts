/**
 * The five export routes (`GET /exports/<name>.csv`), each with an example file written by the
 * exports' own code (lambdas/service/exports.ts columns, lambdas/domain/csv.ts writer) from the
 * document's record examples, so the example is what the route answers for those records.
 */
import { toCsv } from '../../lambdas/domain/csv';
import { CSV_CONTENT_TYPE, exportPath } from '../../lambdas/http/export-routes';
import { routeKey } from '../../lambdas/routes';
import { csvExports, type ExportName } from '../../lambdas/service/exports';
import type { RouteDoc } from './route-docs';

export interface ExportExamples {
  /** Records as their list routes answer them (a round's `disputed`, an agreement's `progress` included). */
  readonly records: Readonly<Record<Exclude<ExportName, 'stats'>, readonly object[]>>;
  /** The statistics as `GET /stats` answers them. */
  readonly stats: { readonly byYear: readonly object[]; readonly totals: object };
}

const what: Record<ExportName, { summary: string; rows: string }> = {
  rounds: { summary: 'Export the rounds as CSV', rows: 'Every round, newest date first (the order of `GET /rounds`), with its `disputed`' },
  repatriations: { summary: 'Export the repatriations as CSV', rows: 'Every repatriation, newest date first (the order of `GET /repatriations`), with its `disputed`' },
  agreements: {
    summary: 'Export the agreements as CSV',
    rows:
      'Every agreement, newest `reachedOn` first (the order of `GET /agreements`), with its `progress` as of the read (`progress.committed.prisonersToUkraine`, …); ' +
      'each commitment is written as compact JSON, so its numbers keep their names',
  },
  negotiations: { summary: 'Export the negotiation events as CSV', rows: 'Every negotiation event, newest date first (the order of `GET /negotiations`)' },
  stats: {
    summary: 'Export the statistics by year as CSV',
    rows:
      'The statistics of `GET /stats`: one row per year, ascending (its `byYear`), then a row whose `year` is `total` (its `totals`); ' +
      'the columns are the totals\' keys (`ranges.returnedToUkraine.low`, …). As of the last refresh, like `GET /stats`',
  },
};

const format =
  `\`${CSV_CONTENT_TYPE}\`, RFC 4180: a field that holds a comma, a quote or a line break is quoted (quotes doubled), every line ends with CRLF, ` +
  'the first row names the columns. Nested fields are flattened with dots (`returnedToUkraine.total`), a list is one field joined with ` ; `, ' +
  'sources are given as their URLs, `null` or absent is an empty field, booleans are `true` / `false`. The columns are fixed, so an empty registry answers the header row alone. ' +
  'Read by the list routes\' own Queries page after page, never a Scan; no export holds personal data.';

/** Rows of a short example: the first records of a list. */
const EXAMPLE_ROWS = 2;

export function exportRouteDocs(examples: ExportExamples): Map<string, RouteDoc> {
  const docs = new Map<string, RouteDoc>();
  for (const name of Object.keys(what) as ExportName[]) {
    const { columns } = csvExports[name];
    const records = name === 'stats' ? [...examples.stats.byYear, { ...examples.stats.totals, year: 'total' }] : examples.records[name].slice(0, EXAMPLE_ROWS);
    docs.set(routeKey('GET', exportPath(name)), {
      tag: 'Exports',
      operationId: `export${name[0]!.toUpperCase()}${name.slice(1)}`,
      summary: what[name].summary,
      description: `${what[name].rows}, as one file to save: ${format}\n\nColumns: ${columns.map((column) => `\`${column}\``).join(', ')}.`,
      success: {
        status: 200,
        description: `The file \`${name}.csv\`.`,
        csv: { filename: `${name}.csv`, example: toCsv(columns, records) },
      },
    });
  }
  return docs;
}
