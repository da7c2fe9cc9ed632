/**
 * What every import shares: its report, the HTTP calls it makes through the API (with retries),
 * and the rule that a failure every later item would meet too (the API gone, the token refused)
 * stops the import instead of being reported once per item.
 */
import { createHash } from 'node:crypto';

/** Where a failed item is in its file: a CSV line, or a JSON path such as `agreements[1].rounds[3]`. */
export interface ImportReport<Where extends object = { line: number }> {
  total: number;
  created: number;
  alreadyThere: number;
  failed: (Where & { message: string })[];
  /** Why the import stopped before the last item (the API went away, the token is refused). */
  stopped?: string;
}

export interface ImportOptions<Where extends object = { line: number }> {
  readonly api: string;
  readonly token: string;
  readonly onProgress?: (report: ImportReport<Where>) => void;
}

export type Outcome = 'created' | 'alreadyThere';

export type ApiRecord = Record<string, unknown> & { id: string; version: number };

/** A failure that every later item would meet too: the import stops rather than repeat it per item. */
export class StopImport extends Error {}

export async function send(url: string, init: RequestInit, attempts = 4): Promise<Response> {
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

/** An answer that is not the one hoped for, as the error the item fails (or the import stops) with. */
export async function answerError(response: Response): Promise<Error> {
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    return new StopImport(`the API refuses the token (HTTP ${response.status}): it needs an editor's token (--token)`);
  }
  try {
    return new Error(describe(response.status, JSON.parse(text)));
  } catch {
    return new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
}

const writeHeaders = (token: string, extra: Record<string, string>) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  ...extra,
});

/** An Idempotency-Key made of what identifies an item (any characters, any length) that fits the header's 1..128. */
export const idempotencyKey = (kind: string, ...parts: string[]): string =>
  `import-${kind}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;

/** POSTs a record with an Idempotency-Key; a replayed answer means it was already there. */
export async function create(
  options: Pick<ImportOptions, 'api' | 'token'>,
  path: string,
  body: Record<string, unknown>,
  key: string,
): Promise<{ outcome: Outcome; record: ApiRecord }> {
  const response = await send(`${options.api}${path}`, {
    method: 'POST',
    headers: writeHeaders(options.token, { 'idempotency-key': key }),
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw await answerError(response);
  const outcome = response.headers.get('idempotent-replayed') ? 'alreadyThere' : 'created';
  return { outcome, record: (await response.json()) as ApiRecord };
}

/** PATCHes a record on the version read; undefined when that version is no longer current (412), so the caller reads again. */
export async function change(
  options: Pick<ImportOptions, 'api' | 'token'>,
  path: string,
  record: ApiRecord,
  body: Record<string, unknown>,
): Promise<ApiRecord | undefined> {
  const response = await send(`${options.api}${path}/${encodeURIComponent(record.id)}`, {
    method: 'PATCH',
    headers: writeHeaders(options.token, { 'if-match': `"${record.version}"` }),
    body: JSON.stringify(body),
  });
  if (response.status === 412) {
    await response.arrayBuffer();
    return undefined;
  }
  if (response.status !== 200) throw await answerError(response);
  return (await response.json()) as ApiRecord;
}

/** Every item of a list route (`path` with its filters), page after page. */
export async function listAll(options: Pick<ImportOptions, 'api'>, path: string): Promise<ApiRecord[]> {
  const items: ApiRecord[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `${options.api}${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await send(url, {});
    if (response.status !== 200) throw await answerError(response);
    const page = (await response.json()) as { items: ApiRecord[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/** The two kinds of record the CSV has a row for (kind + date name one row), by their route. */
export const RECORDS = {
  '/rounds': { one: 'round', many: 'rounds', row: 'prisoner_exchange' },
  '/repatriations': { one: 'repatriation', many: 'repatriations', row: 'body_repatriation' },
} as const;
export type RecordPath = keyof typeof RECORDS;

/**
 * The one record of `path` on `date`, which a file names by kind + date (one row of the CSV); a
 * clear failure when there is none or several (`toDo` says what the import cannot do then).
 */
export async function theOneOn(options: Pick<ImportOptions, 'api'>, path: RecordPath, date: string, toDo: string): Promise<ApiRecord> {
  const found = await listAll(options, `${path}?from=${date}&to=${date}`);
  const { one, many, row } = RECORDS[path];
  if (found.length === 0) throw new Error(`no ${one} on ${date} (a ${row} row of data/exchanges-2022-2025.csv): load the CSV first`);
  if (found.length > 1) throw new Error(`${found.length} ${many} on ${date} (${found.map((r) => r.id).join(', ')}): cannot tell which one to ${toDo}`);
  return found[0]!;
}

/**
 * Runs one item into the report: its outcome counted, or its failure kept with where it is in the
 * file (`label` says the same in words). False once the import has stopped: no item after it runs.
 */
export async function runItem<Where extends object>(
  report: ImportReport<Where>,
  where: Where,
  label: string,
  work: () => Promise<Outcome>,
  onProgress?: (report: ImportReport<Where>) => void,
): Promise<boolean> {
  try {
    report[await work()] += 1;
  } catch (error) {
    if (error instanceof StopImport) {
      report.stopped = `Stopped at ${label}: ${error.message}`;
      return false;
    }
    report.failed.push({ ...where, message: (error as Error).message });
  }
  onProgress?.(report);
  return true;
}
