/**
 * `npm run import -- <file> [--api URL] [--token T]`, the file being one of
 *   data/exchanges-2022-2025.csv (.csv: rounds and repatriations, one row each),
 *   data/agreements-2025.json (.json with an `agreements` list: agreements, their links to the
 *     CSV's records, negotiation events),
 *   data/claims-2022-2025.json (.json with a `claims` list: sources stating the figures of the
 *     CSV's records, merged into their `sources`).
 * Loads it through the HTTP API (default http://localhost:$PORT, PORT defaulting to 3000 as for
 * `npm start`, with a local editor token). Exit code 0 when every item is in, 1 when some item
 * failed (each reported with its line, or its JSON path) or the import stopped, 2 when nothing was
 * tried (bad arguments, a file it cannot read, no API answering).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { importCsv } from './import/importer';
import { importAgreements, parseAgreementsFile } from './import/agreements';
import { importClaims, parseClaimsFile } from './import/claims';
import type { ImportOptions, ImportReport } from './import/client';
import { checkApi } from './import/api-check';
import { signToken } from './local/jwt';

/** Without a terminal to redraw one line in (CI, a pipe), a line this many items apart. */
const PROGRESS_EVERY_ROWS = 25;

const USAGE = [
  'usage: npm run import -- <file.csv | file.json> [--api URL] [--token JWT]',
  '  a .csv file is the public record of exchanges and repatriations (data/exchanges-2022-2025.csv);',
  '  a .json file, loaded after the CSV, is either agreements and negotiation events (an "agreements" list,',
  '  data/agreements-2025.json) or the figures sources state for its records (a "claims" list,',
  '  data/claims-2022-2025.json).',
].join('\n');

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { api: { type: 'string' }, token: { type: 'string' } },
});
const file = positionals[0];
if (!file) fail(USAGE);
const kind = extname(file).toLowerCase();
if (kind !== '.csv' && kind !== '.json') fail(`${file}: not a .csv or a .json file\n${USAGE}`);

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  fail(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}

/** Which kind of .json file this is, by its top-level list: `claims` or `agreements`. */
function jsonKind(json: string): 'claims' | 'agreements' {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  const keys = typeof data === 'object' && data !== null && !Array.isArray(data) ? (['agreements', 'claims'] as const).filter((key) => key in data) : [];
  if (keys.length === 2) throw new Error('has both "agreements" and "claims": one kind of file at a time');
  if (keys.length === 0) throw new Error('expected an object with an "agreements" or a "claims" list');
  return keys[0]!;
}

/** Where in its file a failure is: a CSV line, or a JSON path. */
type Where = { line: number } | { item: string };
type Report = ImportReport<Where>;
let load: (options: ImportOptions<Where>) => Promise<Report>;
let noun: string;
if (kind === '.json') {
  try {
    if (jsonKind(text) === 'claims') {
      const parsed = parseClaimsFile(text);
      load = (options) => importClaims(parsed, options);
      noun = 'claims';
    } else {
      const parsed = parseAgreementsFile(text);
      load = (options) => importAgreements(parsed, options);
      noun = 'items';
    }
  } catch (error) {
    fail(`${file}: ${(error as Error).message}`);
  }
} else {
  load = (options) => importCsv(text, options);
  noun = 'rows';
}
const where = (failure: Where) => ('line' in failure ? `${file}:${failure.line}` : `${file}: ${failure.item}`);

const api = (values.api ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const problem = await checkApi(api);
if (problem) fail(problem);

const token = values.token ?? (await signToken('editor'));
const done = (r: Report) => r.created + r.alreadyThere + r.failed.length;
const line = (r: Report) =>
  `${done(r)}/${r.total} ${noun}: ${r.created} created, ${r.alreadyThere} already there, ${r.failed.length} failed`;
const onProgress = process.stderr.isTTY
  ? (r: Report) => process.stderr.write(`\r${line(r)}`)
  : (r: Report) => done(r) % PROGRESS_EVERY_ROWS === 0 && done(r) < r.total && console.error(line(r));

console.error(`Importing ${file} into ${api}`);
const report = await load({ api, token, onProgress });
if (process.stderr.isTTY) process.stderr.write('\n');
for (const failure of report.failed) console.error(`${where(failure)}: ${failure.message}`);
if (report.stopped) console.error(report.stopped);
console.log(line(report));
process.exit(report.failed.length || report.stopped ? 1 : 0);
