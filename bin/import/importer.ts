/**
 * Loads the public record through the HTTP API, row by row: each row is POSTed with an
 * Idempotency-Key derived from it, and skipped when the same record is already there (keys expire
 * after 24 h; the check does not). A bad row is reported with its line and the rest still load.
 */
import { parseCsv } from './csv';
import { rowToRequest, type ImportRequest } from './exchange-rows';
import { create, runItem, send, type ImportOptions, type ImportReport, type Outcome } from './client';

export type { ImportOptions, ImportReport } from './client';

const COMPARED = ['date', 'notes', 'returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia'] as const;
const sameRecord = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  COMPARED.every((field) => JSON.stringify(a[field] ?? null) === JSON.stringify(b[field] ?? null));

async function importOne(request: ImportRequest, options: ImportOptions): Promise<Outcome> {
  const date = String(request.body.date);
  const existing = await send(`${options.api}${request.path}?from=${date}&to=${date}&limit=100`, {});
  if (existing.ok) {
    const { items } = (await existing.json()) as { items: Record<string, unknown>[] };
    if (items.some((item) => sameRecord(item, request.body))) return 'alreadyThere';
  }
  return (await create(options, request.path, request.body, request.idempotencyKey)).outcome;
}

export async function importCsv(text: string, options: ImportOptions): Promise<ImportReport> {
  const { rows } = parseCsv(text);
  const report: ImportReport = { total: rows.length, created: 0, alreadyThere: 0, failed: [] };
  for (const row of rows) {
    const go = await runItem(report, { line: row.line }, `line ${row.line}`, () => importOne(rowToRequest(row), options), options.onProgress);
    if (!go) break;
  }
  return report;
}
