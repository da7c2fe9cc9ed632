/**
 * Examples of reconciliations. The public record names no one, so the persons and the lists are
 * invented, shaped like what the registry holds and what counterparts hand over: Ukrainian names
 * in Ukrainian, a Russian list writing them in their Russian form or in Latin, Russian names in an
 * ICRC list in Latin. What the reports say is not written by hand: the domain's own matching
 * (lambdas/domain/matching), omission and summary compute it, and the outcomes the examples'
 * summaries name are checked here, so a change to the matching that changes them stops the
 * generator. Ids and timestamps are fixed: the document must not change from one run to the next.
 */
import { PersonIndex, type CandidatePerson } from '../../lambdas/domain/matching';
import { encodeCursor } from '../../lambdas/http/cursor';
import { entriesPartition, entriesQuery } from '../../lambdas/store/keys';
import { PARTITION_KEY, SORT_KEY } from '../../lambdas/store/table-definition';
import { omittedFrom, summaryOf, type EntryReport, type Outcome, type ReconciliationInput, type Summary } from '../../lambdas/domain/reconciliation';

interface Report {
  readonly input: ReconciliationInput;
  /** The report as answered: the fields of lambdas/http/reconciliation-routes.ts `present`, in its order. */
  readonly answer: Record<string, unknown> & { id: string; summary: Summary };
  /** As stored, and as its audit trail holds it. */
  readonly stored: Record<string, unknown>;
  /** As `presentEntry` answers them, in list order. */
  readonly entries: Record<string, unknown>[];
  /** As `presentOmitted` answers them, by person id (the order of the omitted partition). */
  readonly omitted: Record<string, unknown>[];
}

function reconciled(id: string, at: string, input: ReconciliationInput, registry: readonly CandidatePerson[], expected: readonly Outcome[]): Report {
  const index = new PersonIndex(registry);
  const reports: EntryReport[] = input.entries.map((entry, i) => ({ index: i, ...entry, ...index.match(entry) }));
  const outcomes = reports.map((entry) => entry.outcome);
  if (JSON.stringify(outcomes) !== JSON.stringify(expected)) {
    throw new Error(`The reconciliation example "${input.title}" expects ${expected.join(', ')}; the matching now says ${outcomes.join(', ')}: change the example or its texts`);
  }
  const omitted = omittedFrom(registry, reports).sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const statusOf = new Map(registry.map((person) => [person.id, person.status]));
  const { title, receivedFrom, receivedOn, listOf } = input;
  const answer = { id, title, receivedFrom, receivedOn, listOf, createdAt: at, version: 1, summary: summaryOf(reports, omitted, (personId) => statusOf.get(personId)) };
  return {
    input,
    answer,
    stored: { ...answer, updatedAt: at },
    entries: reports.map(({ index: place, ref, fullName, dateOfBirth, serviceNumber, kind, outcome, match, candidates }) => ({
      index: place,
      ...(ref !== undefined ? { ref } : {}),
      fullName,
      ...(dateOfBirth !== undefined ? { dateOfBirth } : {}),
      ...(serviceNumber !== undefined ? { serviceNumber } : {}),
      ...(kind !== undefined ? { kind } : {}),
      outcome,
      match,
      candidates,
    })),
    omitted: omitted.map(({ personId, fullName, status }) => ({ personId, fullName, status })),
  };
}

// Invented persons of Ukraine's side, as the registry holds them (in Ukrainian).
const ukrainians: CandidatePerson[] = [
  { id: '01JP24Q4MNEG421ABZPEFPM9BK', fullName: 'Дмитро Коваленко', dateOfBirth: '1991-04-12', serviceNumber: 'АА204517', status: 'held', kind: 'military' },
  { id: '01JP24QXTG0Z802W4CQMNVE757', fullName: 'Юрій Ткачук', dateOfBirth: '1988-11-02', status: 'missing', kind: 'military' },
  { id: '01JP24T5HW73YTQPDQDNJ7J4WB', fullName: 'Олексій Мельник', dateOfBirth: '1995-06-30', status: 'held', kind: 'military' },
  { id: '01JP24WVX5EKDGPZ5JEJW2JCGF', fullName: 'Тарас Бондар', dateOfBirth: '1979-01-15', status: 'held', kind: 'civilian' },
];

// A list from Russia: Russian forms in Cyrillic (surname first, a patronymic the registry lacks), and Latin.
const russianList: ReconciliationInput = {
  title: 'List handed over by Russia on 7 June 2025 (invented entries)',
  receivedFrom: 'russia',
  receivedOn: '2025-06-07',
  listOf: 'ukraine',
  entries: [
    // Дмитро → Дмитрий, with a patronymic; the service number in Latin letters, the registry's in Cyrillic look-alikes.
    { ref: '001', fullName: 'Коваленко Дмитрий Александрович', dateOfBirth: '1991-04-12', serviceNumber: 'AA204517', kind: 'military' },
    // A missing person on the captor's list, in a Latin transliteration.
    { ref: '002', fullName: 'Tkachuk Yurii', dateOfBirth: '1988-11-02' },
    // Олексій → Алексей; the date of birth disagrees (1995-03-06 / 1995-06-30): possible, not matched.
    { ref: '003', fullName: 'Мельник Алексей', dateOfBirth: '1995-03-06' },
    // Nobody of that name in the registry.
    { ref: '004', fullName: 'Vitaliy Kuzmenko' },
  ],
};

// Invented persons of Russia's side (in Russian), and an ICRC list that writes them in Latin.
const russians: CandidatePerson[] = [
  { id: '01JQV1CMA7FQ1BH3BG24S67GNM', fullName: 'Соколов Артём Игоревич', dateOfBirth: '1997-08-21', status: 'held', kind: 'military' },
  { id: '01JQV1EAKW6ZYC9WSJ1B7Q0CJF', fullName: 'Евгений Волков', dateOfBirth: '1984-02-09', status: 'held', kind: 'military' },
  { id: '01JQV1HKR1N8FXSAPH7YMZV696', fullName: 'Николай Фёдоров', dateOfBirth: '1975-05-15', status: 'held', kind: 'civilian' },
];
const icrcList: ReconciliationInput = {
  title: 'ICRC list of Russian servicemen held by Ukraine, 14 November 2025 (invented entries)',
  receivedFrom: 'icrc',
  receivedOn: '2025-11-14',
  listOf: 'russia',
  entries: [
    // ё written e, given name first.
    { ref: 'ICRC-17', fullName: 'Artem Sokolov', dateOfBirth: '1997-08-21' },
    // No date of birth: nothing disagrees, the name alone matches.
    { ref: 'ICRC-18', fullName: 'Evgeniy Volkov' },
    // One digit of the day off (1975-05-05 / 1975-05-15): still a disagreement, so possible.
    { ref: 'ICRC-19', fullName: 'Nikolai Fedorov', dateOfBirth: '1975-05-05' },
  ],
};

const june = reconciled('01JX7D3RSRXKV6X7XEY2Y3RDFS', '2025-06-08T09:14:27.512Z', russianList, ukrainians, ['matched', 'matched', 'possible', 'unknown']);
const november = reconciled('01KA8YJDA8BXKMKB7N5WH65RP3', '2025-11-17T13:02:51.208Z', icrcList, russians, ['matched', 'matched', 'possible']);
for (const [report, omitted, missingFound] of [[june, 2, 1], [november, 1, 0]] as const) {
  const { summary } = report.answer;
  if (summary.omitted !== omitted || summary.missingFound !== missingFound) {
    throw new Error(`The reconciliation example "${report.input.title}" expects ${omitted} omitted and ${missingFound} missing found; it has ${JSON.stringify(summary)}`);
  }
}

const EDITOR = '7b3e1f0a-2c4d-4e5f-8a9b-0c1d2e3f4a5b';
const ADMIN = 'c2f8a8e4-5b1d-4c3e-9f7a-1d2e3f4a5b6c';
const deletedOn = '2025-06-20T07:45:00.000Z';
// The cursor that the first page of two entries ends with, as the API makes it.
const entriesList = entriesQuery(june.answer.id);
const CURSOR = encodeCursor({ [PARTITION_KEY]: entriesPartition(june.answer.id), [SORT_KEY]: 'ENTRY#00001' }, entriesList)!;

export const reconciliationExamples = {
  input: { russia: russianList, icrc: icrcList },
  report: june.answer,
  icrcReport: november.answer,
  page: { items: [november.answer, june.answer], nextCursor: null },
  entries: { items: june.entries, nextCursor: null },
  firstEntries: { items: june.entries.slice(0, 2), nextCursor: CURSOR },
  possibleEntries: { items: june.entries.filter((entry) => entry.outcome === 'possible'), nextCursor: null },
  icrcEntries: { items: november.entries, nextCursor: null },
  omitted: { items: june.omitted, nextCursor: null },
  auditPage: {
    items: [
      { action: 'delete', actor: ADMIN, at: deletedOn, before: june.stored, after: null },
      { action: 'create', actor: EDITOR, at: june.stored.updatedAt, before: null, after: june.stored },
    ],
    nextCursor: null,
  },
};
