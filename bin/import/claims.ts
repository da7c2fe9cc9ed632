/**
 * Loads data/claims-2022-2025.json through the HTTP API, after the CSV (whose records it names):
 * each claim names one record by `kind` (a CSV row's: prisoner_exchange → a round,
 * body_repatriation → a repatriation) and `date`, and lists sources that state its figures. They
 * are merged into the record's `sources`: a source whose URL the record already has gets the
 * claim's keys (`side`, `figures`, `publisher`, …: the claim wins for the keys it gives, the
 * record's other keys stay, and so does its URL as written); a source with a new URL is appended.
 * The merged list is PATCHed on the version read (read again if another writer got there first),
 * and nothing is written when the merge changes nothing: a re-run finds every claim already there.
 * The record's own figures (the headline) are never changed. A failed claim is reported with its
 * JSON path (`claims[2]`), the rest still load.
 */
import { RECORDS, change, runItem, theOneOn, type ApiRecord, type ImportOptions, type ImportReport, type Outcome, type RecordPath } from './client';

export type ClaimsReport = ImportReport<{ item: string }>;
type Options = ImportOptions<{ item: string }>;

type Json = Record<string, unknown>;

export interface ClaimsFile {
  readonly claims: readonly Json[];
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The file's shape (what the import cannot go on without); each claim's own fields are checked as it loads. */
export function parseClaimsFile(text: string): ClaimsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(data) || !Array.isArray(data.claims)) throw new Error('expected an object with a "claims" list');
  const claims = data.claims.map((entry, i) => {
    if (!isObject(entry)) throw new Error(`claims[${i}] is not an object`);
    return entry;
  });
  return { claims };
}

/** A CSV row's kind → the route of its record. */
const PATH_OF_KIND = new Map(Object.entries(RECORDS).map(([path, { row }]) => [row as string, path as RecordPath]));

interface Claim {
  readonly path: RecordPath;
  readonly date: string;
  readonly sources: readonly (Json & { url: string })[];
}

/** A claim's fields, or what is wrong with them; the sources' other keys are the API's to check. */
function claimOf(entry: Json): Claim {
  const { kind, date, sources, ...rest } = entry;
  const path = typeof kind === 'string' ? PATH_OF_KIND.get(kind) : undefined;
  if (!path) throw new Error(`kind must be ${[...PATH_OF_KIND.keys()].join(' or ')}, not ${JSON.stringify(kind)}`);
  if (!isDate(date)) throw new Error(`date is not YYYY-MM-DD: ${JSON.stringify(date)}`);
  const unknown = Object.keys(rest);
  if (unknown.length) throw new Error(`unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (a claim is kind, date and sources)`);
  if (!Array.isArray(sources) || sources.length === 0) throw new Error('sources must be a non-empty list');
  const seen: string[] = [];
  for (const [j, source] of sources.entries()) {
    if (!isObject(source) || typeof source.url !== 'string') throw new Error(`sources[${j}] is not an object with a "url" string`);
    const twin = seen.findIndex((url) => sameUrl(url, source.url as string));
    if (twin !== -1) throw new Error(`sources[${j}] has the URL of sources[${twin}]`);
    seen.push(source.url);
  }
  return { path, date, sources: sources as Claim['sources'] };
}

/** The same address by the URL standard (host case, a default port, …); as written when either is no URL. */
/**
 * Query parameters that say how a reader came to a page, not which page it is: a feed's link and
 * the article's own address name one source (the CSV's Al Jazeera link carries
 * `?traffic_source=rss`, the claims file's does not).
 */
const TRACKING = /^(utm_|traffic_|fbclid$|gclid$|mc_(cid|eid)$)/;

function comparable(url: string): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) if (TRACKING.test(name)) parsed.searchParams.delete(name);
  parsed.hash = '';
  return parsed.href;
}

function sameUrl(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  try {
    return comparable(a) === comparable(b);
  } catch {
    return a === b;
  }
}

/** The record's sources with the claim's merged in (see the top of this file). */
export function mergeSources(existing: readonly Json[], claimed: Claim['sources']): Json[] {
  const merged = existing.map((source) => ({ ...source }));
  for (const { url, ...given } of claimed) {
    const at = merged.findIndex((source) => sameUrl(source.url, url));
    if (at === -1) merged.push({ url, ...given });
    else merged[at] = { ...merged[at], ...given };
  }
  return merged;
}

/** JSON with every object's keys in order: the API may answer a source's keys in its own order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

async function importClaim(claim: Claim, options: Options): Promise<Outcome> {
  const { path, date } = claim;
  for (let attempt = 1; ; attempt++) {
    const record: ApiRecord = await theOneOn(options, path, date, 'add the claim to');
    const existing = Array.isArray(record.sources) ? (record.sources as Json[]) : [];
    const sources = mergeSources(existing, claim.sources);
    if (canonical(sources) === canonical(existing)) return 'alreadyThere';
    if (await change(options, path, record, { sources })) return 'created';
    if (attempt === 3) throw new Error(`the ${RECORDS[path].one} on ${date} (${record.id}) kept changing while the import added the claim (HTTP 412); run the import again`);
  }
}

export async function importClaims(file: string | ClaimsFile, options: Options): Promise<ClaimsReport> {
  const { claims } = typeof file === 'string' ? parseClaimsFile(file) : file;
  const report: ClaimsReport = { total: claims.length, created: 0, alreadyThere: 0, failed: [] };
  // The index of the claim on each record (path + date): two claims on one record would undo each other on every run.
  const indexOfRecord = new Map<string, number>();
  for (const [i, entry] of claims.entries()) {
    const item = `claims[${i}]`;
    const go = await runItem(
      report,
      { item },
      item,
      () => {
        const claim = claimOf(entry);
        const key = `${claim.path} ${claim.date}`;
        const twin = indexOfRecord.get(key);
        if (twin !== undefined) throw new Error(`${String(entry.kind)} on ${claim.date} is also claims[${twin}]'s: put its sources in one claim`);
        indexOfRecord.set(key, i);
        return importClaim(claim, options);
      },
      options.onProgress,
    );
    if (!go) break;
  }
  return report;
}
