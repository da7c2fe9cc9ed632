/**
 * Examples for the document, taken from the public record (data/exchanges-2022-2025.csv) through
 * the importer's own row → request mapping, so they are exactly what `npm run import` sends. Ids
 * and timestamps are fixed: the document must not change from one run to the next.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../import/csv';
import { rowToRequest } from '../import/exchange-rows';
import { StatsTally, type CountedRepatriation, type CountedRound } from '../../lambdas/domain/stats';
import { fieldOrderOf, inFieldOrder } from '../../lambdas/resources/field-order';
import type { ResourceDefinition } from '../../lambdas/resources/resource';
import { persons } from '../../lambdas/resources/persons';
import { repatriations } from '../../lambdas/resources/repatriations';
import { rounds } from '../../lambdas/resources/rounds';

export const DATASET = 'data/exchanges-2022-2025.csv';
const requests = parseCsv(readFileSync(new URL(`../../${DATASET}`, import.meta.url), 'utf8')).rows.map(rowToRequest);

type AnyResource = ResourceDefinition<object, object>;

function row(path: '/rounds' | '/repatriations', date: string): Record<string, unknown> {
  const found = requests.find((request) => request.path === path && request.body.date === date);
  if (!found) throw new Error(`${DATASET} has no ${path} row dated ${date}`);
  const resource = (path === '/rounds' ? rounds : repatriations) as unknown as AnyResource;
  return inFieldOrder(found.body, fieldOrderOf(resource.input));
}

/** The record the API answers for a create body: normalized, with server fields, in answer order. */
function stored(resource: AnyResource, input: Record<string, unknown>, id: string, at: string, version = 1, updatedAt = at) {
  const record = { ...(resource.normalize as (i: object) => object)(input), id, version, createdAt: at, updatedAt };
  return inFieldOrder(record, fieldOrderOf(resource.input)) as Record<string, unknown>;
}

export const exampleIds = {
  round: '01JVZ8K3T5QW2E9R7Y4V6X0P1A',
  undisclosedRound: '01JXHQ2M8N4B6V0C3X5Z7K9J1D',
  repatriation: '01JXM4R7T9W2Y5A8C1E3G6J0K2',
  person: '01JY0P3S6V9Y2B5D8F1H4K7N0Q',
};

// Rounds: the first day of "1000 for 1000" (figures published), and an Istanbul stage without figures.
const roundInput = row('/rounds', '2025-05-23');
const undisclosedRoundInput = row('/rounds', '2025-06-10');
const round = stored(rounds as unknown as AnyResource, roundInput, exampleIds.round, '2025-05-23T17:42:08.311Z');
const undisclosedRound = stored(rounds as unknown as AnyResource, undisclosedRoundInput, exampleIds.undisclosedRound, '2025-06-10T15:03:51.904Z');
// The row's own note gives the split: "270 military + 120 civilians each way".
const roundPatch = {
  returnedToUkraine: { total: 390, military: 270, civilians: 120 },
  returnedToRussia: { total: 390, military: 270, civilians: 120 },
};
const patchedRound = { ...round, ...roundPatch, version: 2, updatedAt: '2025-05-24T09:15:00.000Z' };

const repatriationInput = row('/repatriations', '2025-06-11');
const repatriation = stored(repatriations as unknown as AnyResource, repatriationInput, exampleIds.repatriation, '2025-06-11T19:20:44.127Z');
// The row of 13 June: "Moscow received no bodies in this handover".
const repatriationPatch = { bodiesToRussia: 0, location: null };
const { location: _dropped, ...repatriationWithoutLocation } = repatriation;
const patchedRepatriation = { ...repatriationWithoutLocation, bodiesToRussia: 0, version: 2, updatedAt: '2025-06-12T08:00:00.000Z' };

// The public record names no one: the person is invented, shaped like the registry's records.
const personInput = {
  fullName: 'Олександр Приклад',
  dateOfBirth: '1994-03-17',
  side: 'ukraine',
  kind: 'military',
  status: 'exchanged',
  capturedOn: '2022-05-20',
  categories: ['held_since_2022'],
  rank: 'Sergeant',
  roundId: exampleIds.round,
  notes: 'Invented example: the public record holds no personal data',
};
const person = stored(persons as unknown as AnyResource, personInput, exampleIds.person, '2025-05-26T10:11:12.131Z');
const personPatch = { rank: 'Senior Sergeant', unit: null };
const patchedPerson = { ...person, rank: 'Senior Sergeant', version: 2, updatedAt: '2025-05-27T07:30:00.000Z' };

/** The statistics of the whole public record, as a refresh after `npm run import` computes them. */
function datasetStats() {
  const tally = new StatsTally();
  for (const request of requests) {
    if (request.path === '/rounds') tally.addRound(request.body as unknown as CountedRound);
    else tally.addRepatriation(request.body as unknown as CountedRepatriation);
  }
  return tally.result('2025-12-01T00:15:00.000Z');
}

const CURSOR = 'eyJrIjp7IlBLIjoiUk9VTkQjMDFKVlo4SzNUNVFXMkU5UjdZNFU2WDBQMUEifSwiYyI6ImE0ZjEifQ';

export const examples = {
  roundInput: { completed: roundInput, undisclosed: undisclosedRoundInput },
  round,
  undisclosedRound,
  roundPatch,
  patchedRound,
  roundPage: { items: [undisclosedRound, round], nextCursor: CURSOR },
  repatriationInput,
  repatriation,
  repatriationPatch,
  patchedRepatriation,
  repatriationPage: { items: [repatriation], nextCursor: null },
  personInput,
  person,
  personPatch,
  patchedPerson,
  personPage: { items: [person], nextCursor: null },
  auditPage: {
    items: [
      { action: 'update', actor: 'c2f8a8e4-5b1d-4c3e-9f7a-1d2e3f4a5b6c', at: patchedRound.updatedAt, before: round, after: patchedRound },
      { action: 'create', actor: 'c2f8a8e4-5b1d-4c3e-9f7a-1d2e3f4a5b6c', at: round.createdAt, before: null, after: round },
    ],
    nextCursor: null,
  },
  stats: datasetStats(),
  cursor: CURSOR,
};
