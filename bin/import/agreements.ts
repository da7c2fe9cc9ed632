/**
 * Loads data/agreements-2025.json through the HTTP API, after the CSV (whose records it links):
 * 1. each agreement, POSTed with an Idempotency-Key derived from its `ref`, skipped when one with
 *    the same title and `reachedOn` is there;
 * 2. each round it lists (`date` + `stage`), found as the one round of that date, PATCHed with its
 *    `agreementId` and `stage`; each repatriation (a date) likewise with its `agreementId`; skipped
 *    when already linked so;
 * 3. each negotiation event, its `agreement` ref read as the agreement's id, POSTed with a key
 *    derived from its date and title, skipped when an event of that date and title is there.
 * `ref`, `rounds`, `repatriations` and `agreement` are the file's links, not API fields. A failed
 * item is reported with its JSON path (`agreements[1].rounds[3]`), the rest still load; what names
 * an agreement that did not load fails too, saying so.
 */
import { RECORDS, change, create, idempotencyKey, listAll, runItem, theOneOn, type ImportOptions, type ImportReport, type Outcome, type RecordPath } from './client';

export type AgreementsReport = ImportReport<{ item: string }>;
type Options = ImportOptions<{ item: string }>;

type Json = Record<string, unknown>;

interface AgreementEntry {
  readonly ref: unknown;
  readonly body: Json;
  readonly rounds: readonly unknown[];
  readonly repatriations: readonly unknown[];
}

interface NegotiationEntry {
  readonly agreement: unknown;
  readonly body: Json;
}

export interface AgreementsFile {
  readonly agreements: readonly AgreementEntry[];
  readonly negotiations: readonly NegotiationEntry[];
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

function listAt(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${path} is not a list`);
  return value;
}

/** The file's shape (what the import cannot go on without); each item's own fields are checked as it loads. */
export function parseAgreementsFile(text: string): AgreementsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(data) || !Array.isArray(data.agreements)) throw new Error('expected an object with an "agreements" list');
  const agreements = data.agreements.map((entry, i) => {
    if (!isObject(entry)) throw new Error(`agreements[${i}] is not an object`);
    const { ref, rounds, repatriations, ...body } = entry;
    return { ref, body, rounds: listAt(rounds, `agreements[${i}].rounds`), repatriations: listAt(repatriations, `agreements[${i}].repatriations`) };
  });
  const negotiations = listAt(data.negotiations, 'negotiations').map((entry, i) => {
    if (!isObject(entry)) throw new Error(`negotiations[${i}] is not an object`);
    const { agreement, ...body } = entry;
    return { agreement, body };
  });
  return { agreements, negotiations };
}

/**
 * Links the one record of that date to the agreement, on the version read (read again if another
 * writer got there first). An existing link to something else is left as it is, and said so.
 */
async function link(options: Options, path: RecordPath, date: string, wanted: { agreementId: string; stage?: number }): Promise<Outcome> {
  for (let attempt = 1; ; attempt++) {
    const record = await theOneOn(options, path, date, 'link');
    if (record.agreementId === wanted.agreementId && (wanted.stage === undefined || record.stage === wanted.stage)) return 'alreadyThere';
    if (record.agreementId !== undefined) {
      const stage = record.stage === undefined ? '' : ` as stage ${String(record.stage)}`;
      throw new Error(`the ${RECORDS[path].one} on ${date} (${record.id}) is already linked to agreement ${String(record.agreementId)}${stage}; the import does not change an existing link`);
    }
    if (await change(options, path, record, wanted)) return 'created';
    if (attempt === 3) throw new Error(`the ${RECORDS[path].one} on ${date} (${record.id}) kept changing while the import linked it (HTTP 412); run the import again`);
  }
}

async function importAgreement(entry: AgreementEntry, options: Options): Promise<{ outcome: Outcome; id: string }> {
  const { title, reachedOn } = entry.body;
  if (!isDate(reachedOn)) throw new Error(`reachedOn is not YYYY-MM-DD: ${JSON.stringify(reachedOn)}`);
  const same = (await listAll(options, `/agreements?year=${reachedOn.slice(0, 4)}`)).filter((a) => a.title === title && a.reachedOn === reachedOn);
  if (same.length > 1) throw new Error(`${same.length} agreements titled ${JSON.stringify(title)} on ${reachedOn} (${same.map((a) => a.id).join(', ')}): cannot tell which one this is`);
  if (same[0]) return { outcome: 'alreadyThere', id: same[0].id };
  const { outcome, record } = await create(options, '/agreements', entry.body, idempotencyKey('agreement', String(entry.ref)));
  return { outcome, id: record.id };
}

async function importNegotiation(entry: NegotiationEntry, agreementId: string | undefined, options: Options): Promise<Outcome> {
  const { date, title } = entry.body;
  if (!isDate(date)) throw new Error(`date is not YYYY-MM-DD: ${JSON.stringify(date)}`);
  const existing = await listAll(options, `/negotiations?from=${date}&to=${date}`);
  if (existing.some((event) => event.title === title)) return 'alreadyThere';
  const body = agreementId === undefined ? entry.body : { ...entry.body, agreementId };
  return (await create(options, '/negotiations', body, idempotencyKey('negotiation', date, String(title)))).outcome;
}

export async function importAgreements(file: string | AgreementsFile, options: Options): Promise<AgreementsReport> {
  const { agreements, negotiations } = typeof file === 'string' ? parseAgreementsFile(file) : file;
  const links = agreements.reduce((n, a) => n + a.rounds.length + a.repatriations.length, 0);
  const report: AgreementsReport = { total: agreements.length + links + negotiations.length, created: 0, alreadyThere: 0, failed: [] };
  const step = (item: string, work: () => Promise<Outcome>) => runItem(report, { item }, item, work, options.onProgress);

  // Each agreement's id once loaded (by its index in the file), and the index of each ref.
  const loaded: (string | undefined)[] = [];
  const indexOfRef = new Map<string, number>();
  const idOf = (i: number): string => {
    const id = loaded[i];
    if (id === undefined) throw new Error(`its agreement (agreements[${i}]) did not load`);
    return id;
  };

  for (const [i, entry] of agreements.entries()) {
    const go = await step(`agreements[${i}]`, async () => {
      if (typeof entry.ref !== 'string' || entry.ref === '') throw new Error('ref (the key that negotiation events name it by) must be a non-empty string');
      if (indexOfRef.has(entry.ref)) throw new Error(`ref ${JSON.stringify(entry.ref)} is also agreements[${indexOfRef.get(entry.ref)}]'s`);
      indexOfRef.set(entry.ref, i);
      const { outcome, id } = await importAgreement(entry, options);
      loaded[i] = id;
      return outcome;
    });
    if (!go) return report;
  }

  for (const [i, entry] of agreements.entries()) {
    for (const [j, round] of entry.rounds.entries()) {
      const go = await step(`agreements[${i}].rounds[${j}]`, () => {
        const agreementId = idOf(i);
        if (!isObject(round) || !isDate(round.date)) throw new Error('expected { "date": "YYYY-MM-DD", "stage": n }');
        if (!Number.isInteger(round.stage) || (round.stage as number) < 1) throw new Error(`stage is not a whole number ≥ 1: ${JSON.stringify(round.stage)}`);
        return link(options, '/rounds', round.date, { agreementId, stage: round.stage as number });
      });
      if (!go) return report;
    }
    for (const [j, date] of entry.repatriations.entries()) {
      const go = await step(`agreements[${i}].repatriations[${j}]`, () => {
        const agreementId = idOf(i);
        if (!isDate(date)) throw new Error(`expected a date YYYY-MM-DD, not ${JSON.stringify(date)}`);
        return link(options, '/repatriations', date, { agreementId });
      });
      if (!go) return report;
    }
  }

  for (const [k, entry] of negotiations.entries()) {
    const go = await step(`negotiations[${k}]`, () => {
      const { agreement } = entry;
      if (agreement === undefined) return importNegotiation(entry, undefined, options);
      const i = typeof agreement === 'string' ? indexOfRef.get(agreement) : undefined;
      if (i === undefined) throw new Error(`agreement ${JSON.stringify(agreement)} is the ref of no agreement in this file`);
      return importNegotiation(entry, idOf(i), options);
    });
    if (!go) return report;
  }
  return report;
}
