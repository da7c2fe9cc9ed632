/**
 * Loads the public record through the HTTP API, row by row: each row is POSTed with an
 * Idempotency-Key derived from it, and skipped when the same record is already there (keys expire
 * after 24 h; the check does not). A bad row is reported with its line and the rest still load.
 */
import { parseCsv } from './csv';
import { rowToRequest, type ImportRequest } from './exchange-rows';

export interface ImportReport {
  total: number;
  created: number;
  alreadyThere: number;
  failed: { line: number; message: string }[];
  /** Why the import stopped before the last row (the API went away, the token is refused). */
  stopped?: string;
}

export interface ImportOptions {
  readonly api: string;
  readonly token: string;
  readonly onProgress?: (report: ImportReport) => void;
}

const COMPARED = ['date', 'notes', 'returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia'] as const;
const sameRecord = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  COMPARED.every((field) => JSON.stringify(a[field] ?? null) === JSON.stringify(b[field] ?? null));

/** A failure that every later row would meet too: the import stops rather than repeat it per row. */
class StopImport extends Error {}

async function send(url: string, init: RequestInit, attempts = 4): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, init);
      if ((response.status !== 429 && response.status < 500) || attempt === attempts) return response;
      const retryAfter = Number(response.headers.get('retry-after') ?? 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 10) * 1000 * attempt));
    } catch (error) {
      if (attempt === attempts) {
        const reason = ((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).message;
        throw new StopImport(`the API stopped answering (${reason}) at ${new URL(url).origin}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

function describe(status: number, body: { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } }): string {
  const details = body.error?.details?.map((d) => `${d.path}: ${d.message}`).join('; ');
  return `HTTP ${status} ${body.error?.code ?? ''}: ${body.error?.message ?? ''}${details ? ` (${details})` : ''}`;
}

async function importOne(request: ImportRequest, options: ImportOptions): Promise<'created' | 'alreadyThere'> {
  const date = String(request.body.date);
  const existing = await send(`${options.api}${request.path}?from=${date}&to=${date}&limit=100`, {});
  if (existing.ok) {
    const { items } = (await existing.json()) as { items: Record<string, unknown>[] };
    if (items.some((item) => sameRecord(item, request.body))) return 'alreadyThere';
  }
  const response = await send(`${options.api}${request.path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/json',
      'idempotency-key': request.idempotencyKey,
    },
    body: JSON.stringify(request.body),
  });
  if (response.status === 201) return response.headers.get('idempotent-replayed') ? 'alreadyThere' : 'created';
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new StopImport(`the API refuses the token (HTTP ${response.status}): it needs an editor's token (--token)`);
  }
  let body = {};
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  throw new Error(describe(response.status, body));
}

export async function importCsv(text: string, options: ImportOptions): Promise<ImportReport> {
  const { rows } = parseCsv(text);
  const report: ImportReport = { total: rows.length, created: 0, alreadyThere: 0, failed: [] };
  for (const row of rows) {
    try {
      report[await importOne(rowToRequest(row), options)] += 1;
    } catch (error) {
      if (error instanceof StopImport) {
        report.stopped = `Stopped at line ${row.line}: ${error.message}`;
        break;
      }
      report.failed.push({ line: row.line, message: (error as Error).message });
    }
    options.onProgress?.(report);
  }
  return report;
}
