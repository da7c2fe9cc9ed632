/**
 * Examples for the document, taken from the public record (data/exchanges-2022-2025.csv) through
 * the importer's own row → request mapping, so they are exactly what `npm run import` sends; the
 * agreements and negotiation events are the 2025 Istanbul ones of data/agreements-2025.json
 * (./istanbul-2025.ts), with their progress computed from those rows by the domain's own tally;
 * the sources' own figures are those of data/claims-2022-2025.json, merged into the rows' sources
 * by the importer's own merge. Ids and timestamps are fixed: the document must not change from one
 * run to the next.
 */
import { readFileSync } from 'node:fs';
import { mergeSources, parseClaimsFile } from '../import/claims';
import { RECORDS, type RecordPath } from '../import/client';
import { parseCsv } from '../import/csv';
import { rowToRequest } from '../import/exchange-rows';
import { ProgressTally, type Progress } from '../../lambdas/domain/progress';
import { StatsTally, type CountedAgreement, type CountedRepatriation, type CountedRound } from '../../lambdas/domain/stats';
import { agreements } from '../../lambdas/resources/agreements';
import { fieldOrderOf, inFieldOrder } from '../../lambdas/resources/field-order';
import { negotiations } from '../../lambdas/resources/negotiations';
import type { ResourceDefinition } from '../../lambdas/resources/resource';
import { persons } from '../../lambdas/resources/persons';
import { repatriations } from '../../lambdas/resources/repatriations';
import { rounds } from '../../lambdas/resources/rounds';
import { statedFiguresAttribute } from '../../lambdas/store/keys/layout';
import { dealList, deals, events, LAST_NEGOTIATION_ON, type Deal } from './istanbul-2025';

export const DATASET = 'data/exchanges-2022-2025.csv';
export const CLAIMS_DATASET = 'data/claims-2022-2025.json';
const requests = parseCsv(readFileSync(new URL(`../../${DATASET}`, import.meta.url), 'utf8')).rows.map(rowToRequest);

type AnyResource = ResourceDefinition<object, object>;
type Json = Record<string, unknown>;

/** The sources that data/claims-2022-2025.json states for a record (by its route and date), as the importer reads them. */
const claims = new Map<string, Json[]>();
for (const claim of parseClaimsFile(readFileSync(new URL(`../../${CLAIMS_DATASET}`, import.meta.url), 'utf8')).claims) {
  const path = (Object.keys(RECORDS) as RecordPath[]).find((p) => RECORDS[p].row === claim.kind);
  if (!path) throw new Error(`${CLAIMS_DATASET}: a claim of kind ${String(claim.kind)}, which names no record`);
  claims.set(`${path} ${String(claim.date)}`, claim.sources as Json[]);
}
/** A row's body as the claims import leaves it: the claim's sources merged into the row's (unchanged where none names it). */
function withClaim(path: string, body: Json): Json {
  const claimed = claims.get(`${path} ${String(body.date)}`);
  return claimed ? { ...body, sources: mergeSources((body.sources as Json[] | undefined) ?? [], claimed as never) } : body;
}
for (const key of claims.keys()) {
  if (!requests.some((request) => `${request.path} ${String(request.body.date)}` === key)) throw new Error(`${CLAIMS_DATASET} names ${key}, which ${DATASET} lacks`);
}

function row(path: '/rounds' | '/repatriations', date: string): Record<string, unknown> {
  const found = requests.find((request) => request.path === path && request.body.date === date);
  if (!found) throw new Error(`${DATASET} has no ${path} row dated ${date}`);
  const resource = (path === '/rounds' ? rounds : repatriations) as unknown as AnyResource;
  return inFieldOrder(found.body, fieldOrderOf(resource.input));
}

/**
 * The record the API answers for a create body: normalized, with server fields and what the server
 * computes from the record alone (the resource's `compute`) or from elsewhere (`derived`), in answer order.
 */
function stored(resource: AnyResource, input: object, id: string, at: string, version = 1, updatedAt = at, derived: object = {}) {
  const record = { ...(resource.normalize as (i: object) => object)(input), id, version, createdAt: at, updatedAt };
  const computed = resource.compute?.(record as never) ?? {};
  return inFieldOrder({ ...record, ...computed, ...derived }, fieldOrderOf(resource.input, resource.derivedFields)) as Record<string, unknown>;
}

/** A record as the table, and so its audit trail, holds it: without what the server computes at the read. */
function asStored(resource: AnyResource, record: Record<string, unknown>): Record<string, unknown> {
  const derived = new Set(resource.derivedFields ?? []);
  return Object.fromEntries(Object.entries(record).filter(([field]) => !derived.has(field)));
}

/** Agreements' ids are in ./istanbul-2025.ts. */
export const exampleIds = {
  round: '01JVZ8K3T5QW2E9R7Y4V6X0P1A',
  undisclosedRound: '01JXHQ2M8N4B6V0C3X5Z7K9J1D',
  repatriation: '01JXM4R7T9W2Y5A8C1E3G6J0K2',
  disputedRound: '01JGC50W2RK7M3Q9T2V5X8B4D6',
  disputedRepatriation: '01G4ZPXSK8N2R6W9C3F7H1M5QA',
  person: '01JY0P3S6V9Y2B5D8F1H4K7N0Q',
  negotiationPostponed: '01JX5K628XD3R7W1F5K9P2VN6A',
  negotiationNov11: '01K9SS66YPB8H2Q6T1X5M9CZ4G',
  negotiationNov15: '01KA4AY2ZXF6N1V5D9R3K7WB2E',
  negotiationDec11: '01KC776F8BQ2W6E9T3Y7P1HA5S',
};

const roundResource = rounds as unknown as AnyResource;
const repatriationResource = repatriations as unknown as AnyResource;

// Rounds: the first day of "1000 for 1000" (figures published), and an Istanbul stage without figures.
const roundInput = row('/rounds', '2025-05-23');
const undisclosedRoundInput = row('/rounds', '2025-06-10');
const round = stored(roundResource, roundInput, exampleIds.round, '2025-05-23T17:42:08.311Z');
const undisclosedRound = stored(roundResource, undisclosedRoundInput, exampleIds.undisclosedRound, '2025-06-10T15:03:51.904Z');
// The row's own note gives the split: "270 military + 120 civilians each way".
const roundPatch = {
  returnedToUkraine: { total: 390, military: 270, civilians: 120 },
  returnedToRussia: { total: 390, military: 270, civilians: 120 },
};
const patchedRound = stored(roundResource, { ...roundInput, ...roundPatch }, exampleIds.round, round.createdAt as string, 2, '2025-05-24T09:15:00.000Z');
// Linking it to its agreement record, the PATCH the importer sends for data/agreements-2025.json: day 1 is stage 1.
const roundLink = { agreementId: deals.may16.id, stage: 1 };
const linkedRound = stored(roundResource, { ...roundInput, ...roundLink }, exampleIds.round, round.createdAt as string, 2, '2025-05-26T08:40:00.000Z');

// A disputed round: 2024-12-30, 189 returned to Ukraine by Zelensky's count (the headline), 150 by Russia's defence ministry.
// Created from its row, then given its sources' figures by the claims import (the PATCH it sends); or created with them at once.
const disputedRoundRow = row('/rounds', '2024-12-30');
const roundClaims = { sources: withClaim('/rounds', disputedRoundRow).sources };
const disputedRoundInput = { ...disputedRoundRow, ...roundClaims };
const disputedRoundAt = '2024-12-30T16:05:12.408Z';
const claimedOn = '2025-12-20T10:30:00.000Z';
const createdDisputedRound = stored(roundResource, disputedRoundInput, exampleIds.disputedRound, disputedRoundAt);
const disputedRound = stored(roundResource, disputedRoundInput, exampleIds.disputedRound, disputedRoundAt, 2, claimedOn);

const repatriationInput = row('/repatriations', '2025-06-11');
const repatriation = stored(repatriationResource, repatriationInput, exampleIds.repatriation, '2025-06-11T19:20:44.127Z');
// The row of 13 June: "Moscow received no bodies in this handover".
const repatriationPatch = { bodiesToRussia: 0, location: null };
const { location: _dropped, ...repatriationInputWithoutLocation } = repatriationInput;
const patchedRepatriation = stored(
  repatriationResource,
  { ...repatriationInputWithoutLocation, bodiesToRussia: 0 },
  exampleIds.repatriation,
  repatriation.createdAt as string,
  2,
  '2025-06-12T08:00:00.000Z',
);
// A disputed repatriation: the first Azovstal handover of 2022-06-07, "160 for 160" (the headline), 162 by Hromadske's count.
const disputedRepatriationRow = row('/repatriations', '2022-06-07');
const repatriationClaims = { sources: withClaim('/repatriations', disputedRepatriationRow).sources };
const disputedRepatriationInput = { ...disputedRepatriationRow, ...repatriationClaims };
const disputedRepatriationAt = '2022-06-07T18:30:41.512Z';
const createdDisputedRepatriation = stored(repatriationResource, disputedRepatriationInput, exampleIds.disputedRepatriation, disputedRepatriationAt);
const disputedRepatriation = stored(repatriationResource, disputedRepatriationInput, exampleIds.disputedRepatriation, disputedRepatriationAt, 2, claimedOn);
for (const [what, record] of [['round', disputedRound], ['repatriation', disputedRepatriation]] as const) {
  if (record.disputed !== true) throw new Error(`The disputed ${what} example is not disputed: ${CLAIMS_DATASET} no longer states other figures for it`);
}

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

/**
 * The rows of the public record with the agreement (and stage) that data/agreements-2025.json gives
 * them, as the importer links them, and the sources' figures that data/claims-2022-2025.json adds,
 * with the figures alone beside them as the table keeps them for the statistics (`_statedFigures`).
 */
const linkedRows = requests.map((request) => {
  const date = request.body.date as string;
  const deal = dealList.find((d) => (request.path === '/rounds' ? d.rounds.some((r) => r.date === date) : d.repatriations.includes(date)));
  const stage = request.path === '/rounds' ? deal?.rounds.find((r) => r.date === date)?.stage : undefined;
  const body = withClaim(request.path, { ...request.body, ...(deal ? { agreementId: deal.id } : {}), ...(stage ? { stage } : {}) });
  return { path: request.path, body: { ...body, ...statedFiguresAttribute(body as Parameters<typeof statedFiguresAttribute>[0]) } };
});
for (const deal of dealList) {
  const found = linkedRows.filter((row) => row.body.agreementId === deal.id).length;
  if (found !== deal.rounds.length + deal.repatriations.length) throw new Error(`${DATASET} lacks rows that agreement ${deal.input.title} names`);
}

/** An agreement's progress from the rows that name it, as the API computes it at a read. */
function progressOf(deal: Deal): Progress {
  const tally = new ProgressTally();
  for (const row of linkedRows.filter((r) => r.body.agreementId === deal.id)) {
    if (row.path === '/rounds') tally.addRound(row.body as unknown as CountedRound);
    else tally.addRepatriation(row.body as unknown as CountedRepatriation);
  }
  return tally.result(deal.input.commitments);
}

const agreementResource = agreements as unknown as AnyResource;
const agreementAsRead = (deal: Deal, version = 1, updatedAt = deal.createdAt) =>
  stored(agreementResource, deal.input, deal.id, deal.createdAt, version, updatedAt, { progress: progressOf(deal) });
// A new agreement: nothing names it yet, so nothing is delivered.
const createdAgreement = stored(agreementResource, deals.may16.input, deals.may16.id, deals.may16.createdAt, 1, deals.may16.createdAt, {
  progress: new ProgressTally().result(deals.may16.input.commitments),
});
// The 23 July deal was stalled after its second stage: once `in_progress`, then changed.
const agreementPatch = { status: 'stalled' };
const stalledOn = '2025-12-12T09:00:00.000Z';
const agreementBefore = stored(agreementResource, { ...deals.july23.input, status: 'in_progress' }, deals.july23.id, deals.july23.createdAt);
const agreementAfter = stored(agreementResource, deals.july23.input, deals.july23.id, deals.july23.createdAt, 2, stalledOn);

// Negotiation events (data/agreements-2025.json). The talks of 11 November were first recorded with Türkiye alone as mediator.
const negotiationResource = negotiations as unknown as AnyResource;
const postponed = stored(negotiationResource, events.june7Postponed, exampleIds.negotiationPostponed, '2025-06-07T16:22:05.341Z');
const negotiationPatch = { mediator: events.nov11Talks.mediator };
const patchedNegotiation = stored(negotiationResource, events.nov11Talks, exampleIds.negotiationNov11, '2025-11-11T15:40:12.118Z', 2, '2025-11-15T18:10:00.000Z');
const nov15 = stored(negotiationResource, events.nov15Statement, exampleIds.negotiationNov15, '2025-11-15T18:02:44.605Z');
const dec11 = stored(negotiationResource, events.dec11Statement, exampleIds.negotiationDec11, '2025-12-11T17:26:31.947Z');

/** The statistics of the whole public record with the 2025 agreements and the claims, as a refresh after importing them computes them. */
function datasetStats() {
  const tally = new StatsTally();
  for (const row of linkedRows) {
    if (row.path === '/rounds') tally.addRound(row.body as unknown as CountedRound);
    else tally.addRepatriation(row.body as unknown as CountedRepatriation);
  }
  const counted: CountedAgreement[] = dealList.map((deal) => ({ id: deal.id, ...deal.input }));
  // After the last handover of the record (2025-12-19).
  return tally.result('2025-12-20T00:15:00.000Z', counted, LAST_NEGOTIATION_ON);
}

const CURSOR = 'eyJrIjp7IlBLIjoiUk9VTkQjMDFKVlo4SzNUNVFXMkU5UjdZNFU2WDBQMUEifSwiYyI6ImE0ZjEifQ';

export const examples = {
  roundInput: { completed: roundInput, undisclosed: undisclosedRoundInput, disputed: disputedRoundInput },
  round,
  undisclosedRound,
  createdDisputedRound,
  disputedRound,
  roundPatch,
  patchedRound,
  roundLink,
  linkedRound,
  roundClaims,
  roundPage: { items: [undisclosedRound, round], nextCursor: CURSOR },
  repatriationInput: { istanbul: repatriationInput, disputed: disputedRepatriationInput },
  repatriation,
  createdDisputedRepatriation,
  disputedRepatriation,
  repatriationPatch,
  patchedRepatriation,
  repatriationClaims,
  repatriationPage: { items: [repatriation], nextCursor: null },
  personInput,
  person,
  personPatch,
  patchedPerson,
  personPage: { items: [person], nextCursor: null },
  agreementInput: { may16: deals.may16.input, june2: deals.june2.input },
  createdAgreement,
  agreement: agreementAsRead(deals.june2),
  agreementPatch,
  patchedAgreement: agreementAsRead(deals.july23, 2, stalledOn),
  agreementPage: { items: [agreementAsRead(deals.july23, 2, stalledOn), agreementAsRead(deals.june2), agreementAsRead(deals.may16)], nextCursor: null },
  negotiationInput: { postponed: events.june7Postponed, talks: events.may16Talks },
  negotiation: postponed,
  negotiationPatch,
  patchedNegotiation,
  negotiationPage: { items: [dec11, nov15], nextCursor: CURSOR },
  auditPage: {
    items: [
      { action: 'update', actor: 'c2f8a8e4-5b1d-4c3e-9f7a-1d2e3f4a5b6c', at: patchedRound.updatedAt, before: asStored(roundResource, round), after: asStored(roundResource, patchedRound) },
      { action: 'create', actor: 'c2f8a8e4-5b1d-4c3e-9f7a-1d2e3f4a5b6c', at: round.createdAt, before: null, after: asStored(roundResource, round) },
    ],
    nextCursor: null,
  },
  agreementAuditPage: {
    items: [
      { action: 'update', actor: 'c2f8a8e4-5b1d-4c3e-9f7a-1d2e3f4a5b6c', at: stalledOn, before: agreementBefore, after: agreementAfter },
      { action: 'create', actor: 'c2f8a8e4-5b1d-4c3e-9f7a-1d2e3f4a5b6c', at: deals.july23.createdAt, before: null, after: agreementBefore },
    ],
    nextCursor: null,
  },
  stats: datasetStats(),
  cursor: CURSOR,
};
