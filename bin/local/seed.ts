/**
 * `npm start -- --seed`: a newcomer sees real figures at once; a store that has data is left alone.
 * The public record first, then the agreements, which link its rounds and repatriations, then the
 * claims, which add the figures sources state to some of them.
 */
import { readFileSync } from 'node:fs';
import { importCsv } from '../import/importer';
import { importAgreements } from '../import/agreements';
import { importClaims } from '../import/claims';
import type { ImportReport } from '../import/client';
import { signToken } from './jwt';

const DATASET = 'data/exchanges-2022-2025.csv';
const AGREEMENTS = 'data/agreements-2025.json';
const CLAIMS = 'data/claims-2022-2025.json';
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

function summary<W extends object>(file: string, noun: string, report: ImportReport<W>, where: (failure: W) => string): string {
  const problems = [...report.failed.map((f) => `${file}${where(f)}: ${f.message}`), ...(report.stopped ? [report.stopped] : [])];
  return `Seed: ${report.created} of ${report.total} ${noun} of ${file} loaded${problems.map((p) => `\n  ${p}`).join('')}`;
}

export async function seedIfEmpty(api: string): Promise<string> {
  const [rounds, repatriations] = await Promise.all(
    ['/rounds?limit=1', '/repatriations?limit=1'].map(async (path) => ((await (await fetch(`${api}${path}`)).json()) as { items: unknown[] }).items),
  );
  if (rounds!.length || repatriations!.length) return 'Seed: the store already has records; nothing loaded.';
  const options = { api, token: await signToken('editor') };
  const csv = await importCsv(read(DATASET), options);
  const lines = [summary(DATASET, 'rows', csv, (f) => `:${f.line}`)];
  // With the API gone, what follows would only stop too.
  if (csv.stopped) return lines.join('\n');
  const agreements = await importAgreements(read(AGREEMENTS), options);
  lines.push(summary(AGREEMENTS, 'items', agreements, (f) => `: ${f.item}`));
  if (agreements.stopped) return lines.join('\n');
  lines.push(summary(CLAIMS, 'claims', await importClaims(read(CLAIMS), options), (f) => `: ${f.item}`));
  return lines.join('\n');
}
