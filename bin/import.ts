/**
 * `npm run import -- data/exchanges-2022-2025.csv [--api URL] [--token T]`
 * Loads the public record through the HTTP API (default http://localhost:3000, with a local editor
 * token). Exit code 0 when every row is in, 1 when some row failed (each reported with its line).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importCsv, type ImportReport } from './import/importer';
import { signToken } from './local/jwt';

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
const token = values.token ?? signToken('editor');
const line = (r: ImportReport) =>
  `${r.created + r.alreadyThere + r.failed.length}/${r.total} rows: ${r.created} created, ${r.alreadyThere} already there, ${r.failed.length} failed`;

const report = await importCsv(readFileSync(file, 'utf8'), {
  api,
  token,
  onProgress: (r) => process.stderr.isTTY && process.stderr.write(`\r${line(r)}`),
});
if (process.stderr.isTTY) process.stderr.write('\n');
for (const failure of report.failed) console.error(`${file}:${failure.line}: ${failure.message}`);
console.log(line(report));
process.exit(report.failed.length ? 1 : 0);
