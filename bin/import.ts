/**
 * `npm run import -- data/exchanges-2022-2025.csv [--api URL] [--token T]`
 * Loads the public record through the HTTP API (default http://localhost:$PORT, PORT defaulting to
 * 3000 as for `npm start`, with a local editor token). Exit code 0 when every row is in, 1 when
 * some row failed (each reported with its line) or the import stopped, 2 when nothing was tried
 * (bad arguments, no API answering).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importCsv, type ImportReport } from './import/importer';
import { checkApi } from './import/api-check';
import { signToken } from './local/jwt';

/** Without a terminal to redraw one line in (CI, a pipe), a line this many rows apart. */
const PROGRESS_EVERY_ROWS = 25;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { api: { type: 'string' }, token: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  console.error('usage: npm run import -- <file.csv> [--api URL] [--token JWT]');
  process.exit(2);
}
const api = (values.api ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const problem = await checkApi(api);
if (problem) {
  console.error(problem);
  process.exit(2);
}

const token = values.token ?? (await signToken('editor'));
const done = (r: ImportReport) => r.created + r.alreadyThere + r.failed.length;
const line = (r: ImportReport) =>
  `${done(r)}/${r.total} rows: ${r.created} created, ${r.alreadyThere} already there, ${r.failed.length} failed`;
const onProgress = process.stderr.isTTY
  ? (r: ImportReport) => process.stderr.write(`\r${line(r)}`)
  : (r: ImportReport) => done(r) % PROGRESS_EVERY_ROWS === 0 && done(r) < r.total && console.error(line(r));

console.error(`Importing ${file} into ${api}`);
const report = await importCsv(readFileSync(file, 'utf8'), { api, token, onProgress });
if (process.stderr.isTTY) process.stderr.write('\n');
for (const failure of report.failed) console.error(`${file}:${failure.line}: ${failure.message}`);
if (report.stopped) console.error(report.stopped);
console.log(line(report));
process.exit(report.failed.length || report.stopped ? 1 : 0);
