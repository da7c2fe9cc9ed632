/**
 * The words of the document: per-resource texts and examples, field and query parameter
 * descriptions, role sentences, the overview and the servers. Rules live in the schemas; these
 * only say what they mean.
 */
import { DEFAULT_PAGE_SIZE } from '../../lambdas/domain/query-params';
import { MAX_ENTRIES } from '../../lambdas/domain/reconciliation';
import { agreements } from '../../lambdas/resources/agreements';
import { negotiations } from '../../lambdas/resources/negotiations';
import { persons } from '../../lambdas/resources/persons';
import { repatriations } from '../../lambdas/resources/repatriations';
import type { ResourceDefinition } from '../../lambdas/resources/resource';
import { rounds } from '../../lambdas/resources/rounds';
import { bodyLimitOf, DEFAULT_MAX_BODY_BYTES, roleGroups, routes, type Role } from '../../lambdas/routes';
import { sizeText, type ReferenceRule } from './components';
import { examples } from './examples';
import { reconciliationExamples } from './reconciliation-examples';
import { MAX_CANDIDATES } from './response-schemas';
import type { Example, ResourceText } from './route-docs';

export type AnyResource = ResourceDefinition<object, object>;

const one = (summary: string, value: unknown): Record<string, Example> => ({ [summary.split(':')[0]!.toLowerCase().replace(/\W+/g, '-')]: { summary, value } });
const many = (...entries: [summary: string, value: unknown][]): Record<string, Example> => Object.assign({}, ...entries.map(([summary, value]) => one(summary, value)));

/** Rounds, repatriations and negotiation events may name an agreement. */
const namesAnAgreement: ReferenceRule = { field: 'agreementId', target: 'agreement', when: '`agreementId` names no agreement.' };
const agreementRule = '`agreementId`, when given, must name an existing agreement (else 422).';

export const resourceTexts = new Map<AnyResource, ResourceText>([
  [
    rounds as unknown as AnyResource,
    {
      tag: 'Rounds',
      one: 'round',
      many: 'rounds',
      order: 'newest date first (with `agreementId`: oldest date first, the order the deal was carried out in)',
      rules:
        'Counts only on a `completed` round (a Count on any other status is 400); on a completed round an absent count means undisclosed and is stored as `null`. ' +
        'In a Count, `military` and `civilians` never exceed `total` and, when both are given, sum to it. Categories are unique. ' +
        `${agreementRule} Among the rounds that name one agreement, \`stage\` is unique (else 409). ` +
        "A source's `figures` name only `returnedToUkraine` and `returnedToRussia` (other keys are 400). `disputed` is the server's: a body that carries it is 400.",
      namedBy: {
        patch: 'While persons name the round (their `roundId`), it cannot be taken out of `completed`: 409.',
        delete: 'While persons name the round (their `roundId`), it cannot be deleted: 409; change those persons first.',
      },
      reference: namesAnAgreement,
      unique: 'Another round that names the same agreement already has this `stage`: 409 (`details` names `stage`).',
      derived: {
        read:
          "Each round comes with `disputed`, computed at the read from its counts and its sources' `figures`: `true` when, for some figure, two of " +
          '{the headline total, the figures its sources state} differ. The counts stay the headline figures.',
        created: "The answer carries `disputed`, computed from the round's counts and its sources' `figures`.",
      },
      fields: {
        sources:
          "Where the facts were published: each source says whose statement it is (`side`) and may state its own figures (`figures`), which may differ from the round's " +
          'counts (the headline figures, which they never change) and then make the round `disputed`.',
      },
      query: {
        agreementId: 'Only rounds that name this agreement; the page then goes oldest date first, the order the deal was carried out in.',
      },
      examples: {
        input: {
          completed: { summary: '2025-05-23, day 1 of "1000 for 1000", as imported from the public record', value: examples.roundInput.completed },
          undisclosed: { summary: '2025-06-10, an Istanbul stage whose figures were withheld', value: examples.roundInput.undisclosed },
          disputed: {
            summary: "2024-12-30 with its sources' figures: 189 returned to Ukraine by Zelensky's count (the headline), 150 by Russia's defence ministry",
            value: examples.roundInput.disputed,
          },
        },
        created: many(
          ['Completed: 2025-05-23, day 1 of "1000 for 1000", no figure in dispute', examples.round],
          ["Disputed: 2024-12-30, its sources' figures differ (189 or 150 returned to Ukraine)", examples.createdDisputedRound],
        ),
        record: many(
          ['Completed: 2025-05-23, day 1 of "1000 for 1000"', examples.round],
          ["Disputed: 2024-12-30, 189 returned to Ukraine by Zelensky's count, 150 by Russia's defence ministry", examples.disputedRound],
        ),
        patch: many(
          ['Split: the military/civilian split that the row\'s note gives', examples.roundPatch],
          ['Link: the agreement it carries out, and its stage', examples.roundLink],
          ["Claims: the sources' own figures, as the import of data/claims-2022-2025.json sends them (2024-12-30)", examples.roundClaims],
        ),
        patched: many(
          ['Patched: version 2, with the split', examples.patchedRound],
          ['Linked: version 2, naming its agreement and stage', examples.linkedRound],
          ["Claimed: version 2, disputed (189 or 150 returned to Ukraine; the headline stays 189)", examples.disputedRound],
        ),
        page: one('Page: two rounds of 2025, newest first, with more to come', examples.roundPage),
      },
    },
  ],
  [
    repatriations as unknown as AnyResource,
    {
      tag: 'Repatriations',
      one: 'repatriation',
      many: 'repatriations',
      order: 'newest date first',
      rules:
        `An absent figure means undisclosed and is stored as \`null\`. ${agreementRule} ` +
        "A source's `figures` name only `bodiesToUkraine` and `bodiesToRussia` (other keys are 400). `disputed` is the server's: a body that carries it is 400.",
      reference: namesAnAgreement,
      derived: {
        read:
          "Each repatriation comes with `disputed`, computed at the read from its figures and its sources' `figures`: `true` when, for some figure, two of " +
          '{the headline figure, the figures its sources state} differ. Its own figures stay the headline figures.',
        created: "The answer carries `disputed`, computed from the repatriation's figures and its sources' `figures`.",
      },
      fields: {
        sources:
          "Where the facts were published: each source says whose statement it is (`side`) and may state its own figures (`figures`), which may differ from the repatriation's " +
          'figures (the headline figures, which they never change) and then make it `disputed`.',
      },
      query: { agreementId: 'Only repatriations that name this agreement (still newest date first).' },
      examples: {
        input: many(
          ['Istanbul: 2025-06-11, stage 1 of the Istanbul "6000 for 6000", as imported from the public record', examples.repatriationInput.istanbul],
          ['Disputed: 2022-06-07, the first Azovstal handover, "160 for 160" with its sources\' figures (Hromadske: 162 to Ukraine)', examples.repatriationInput.disputed],
        ),
        created: many(
          ['Istanbul: 2025-06-11, no figure in dispute', examples.repatriation],
          ["Disputed: 2022-06-07, its sources' figures differ (160 or 162 bodies to Ukraine)", examples.createdDisputedRepatriation],
        ),
        record: many(['Istanbul: 2025-06-11', examples.repatriation], ['Disputed: 2022-06-07, 160 bodies to Ukraine by the headline, 162 by Hromadske', examples.disputedRepatriation]),
        patch: many(
          ['Correction: a figure set, an optional field cleared', examples.repatriationPatch],
          ["Claims: the sources' own figures, as the import of data/claims-2022-2025.json sends them (2022-06-07)", examples.repatriationClaims],
        ),
        patched: many(['Patched: version 2', examples.patchedRepatriation], ['Claimed: version 2, disputed (160 or 162 bodies to Ukraine; the headline stays 160)', examples.disputedRepatriation]),
        page: one('Page: the last page of a year filter', examples.repatriationPage),
      },
    },
  ],
  [
    persons as unknown as AnyResource,
    {
      tag: 'Persons',
      one: 'person',
      many: 'persons',
      order: 'most recently created first',
      rules:
        '`roundId` is required when `status` is `exchanged` (an existing `completed` round, else 422) and not allowed otherwise; ' +
        '`dateOfBirth` and `capturedOn` are not after today. Categories are unique.',
      reference: { field: 'roundId', target: 'completed round', when: '`roundId` names a round that is missing or not `completed`.' },
      examples: {
        input: one('Exchanged: an invented soldier, exchanged in the round of 2025-05-23', examples.personInput),
        record: one('Exchanged: an invented person (the public record names no one)', examples.person),
        patch: one('Promotion: a field changed, an optional field cleared', examples.personPatch),
        patched: one('Patched: version 2', examples.patchedPerson),
        page: one('Page: one person, the last page', examples.personPage),
      },
    },
  ],
  [
    agreements as unknown as AnyResource,
    {
      tag: 'Agreements',
      one: 'agreement',
      many: 'agreements',
      order: 'newest `reachedOn` first',
      rules:
        'Mediators are unique; so are the categories of a commitment. A commitment without a number (absent or `null`) names none, e.g. "all the severely wounded". ' +
        '`progress` is the server\'s: a body that carries it is 400.',
      namedBy: {
        delete: 'While rounds, repatriations or negotiation events name the agreement (their `agreementId`), it cannot be deleted: 409; change them first.',
      },
      derived: {
        read:
          'Each agreement comes with its `progress`, computed at the read from the completed rounds and the repatriations that name it (one consistent Query of the ' +
          "agreement's partition): a change to one of them shows in the next read, no refresh needed.",
        created: 'The answer carries its `progress`: nothing names a new agreement yet, so nothing is delivered and all that is committed remains.',
      },
      fields: {
        status: 'Where the deal stands.',
        title: 'What was agreed, in a line, e.g. `Istanbul, 16 May 2025: 1000 for 1000`.',
      },
      query: { year: 'Only agreements reached (`reachedOn`) in this year.' },
      examples: {
        input: {
          numbered: { summary: 'Istanbul, 16 May 2025: "1000 for 1000", numbers each way', value: examples.agreementInput.may16 },
          categories: { summary: 'Istanbul, 2 June 2025: prisoners by category (no number), 6,000 bodies each way', value: examples.agreementInput.june2 },
        },
        created: one('Created: nothing names it yet, so nothing is delivered and all of it remains', examples.createdAgreement),
        record: one(
          'Read: the 2 June 2025 deal, its nine stages undisclosed and five repatriations delivered (data/exchanges-2022-2025.csv)',
          examples.agreement,
        ),
        patch: one('Stalled: the 23 July 2025 deal after its second stage', examples.agreementPatch),
        patched: one('Patched: version 2, with its progress (331 of at least 1,200 each way)', examples.patchedAgreement),
        page: one('Page: the three Istanbul agreements of 2025, newest first, each with its progress', examples.agreementPage),
      },
    },
  ],
  [
    negotiations as unknown as AnyResource,
    {
      tag: 'Negotiations',
      one: 'negotiation event',
      many: 'negotiation events',
      order: 'newest date first',
      rules: agreementRule,
      reference: namesAnAgreement,
      fields: {
        date: 'The day of the event.',
        kind: 'What kind of step of the talks it was.',
        title: 'What happened, in a line.',
        venue: 'Where it took place, e.g. `Istanbul`.',
      },
      query: {
        kind: 'Only events of this kind.',
        agreementId: 'Only events that name this agreement (still newest date first).',
      },
      examples: {
        input: {
          postponed: { summary: '2025-06-07: the first stage of the 2 June deal postponed over the lists', value: examples.negotiationInput.postponed },
          talks: { summary: '2025-05-16: the Istanbul talks that reached "1000 for 1000"', value: examples.negotiationInput.talks },
        },
        record: one('Postponed: 2025-06-07, a dispute over the lists', examples.negotiation),
        patch: one('Mediators: the UAE added beside Türkiye', examples.negotiationPatch),
        patched: one('Patched: version 2', examples.patchedNegotiation),
        page: one("Page: the newest two events of the 23 July 2025 deal (`?agreementId=…&limit=2`), with more to come", examples.negotiationPage),
      },
    },
  ],
]);

/** Descriptions of record fields, by name; every field of every record schema must have one (a resource text's `fields` may say it for its own). */
export const fieldText: Record<string, string> = {
  id: 'Server-chosen id (ULID: 26 characters, time-ordered).',
  version: '1 on create, +1 on each change; the `ETag` of single-record answers.',
  createdAt: 'When the record was created (UTC).',
  updatedAt: 'When the record last changed (UTC).',
  date: 'The handover day.',
  status: 'Where the record stands.',
  agreement: 'The deal as the sources name it, free text, e.g. `Istanbul 2025-06-02`; `agreementId` links the agreement record.',
  agreementId: "The agreement the record belongs to: an existing agreement's id (else 422). Its progress counts completed rounds and repatriations.",
  stage: 'Stage number within the agreement; among the rounds that name one agreement (`agreementId`), unique (else 409).',
  mediator: 'Who mediated, e.g. `UAE`.',
  location: 'Where the handover took place.',
  returnedToUkraine: 'People Ukraine received; `null` = not disclosed.',
  returnedToRussia: 'People Russia received; `null` = not disclosed.',
  categories: 'Priority categories of the people handed over (unique).',
  sources: 'Where the facts were published.',
  notes: 'Free text.',
  bodiesToUkraine: 'Bodies Ukraine received; `null` = not disclosed.',
  bodiesToRussia: 'Bodies Russia received; `null` = not disclosed.',
  fullName: 'Full name, in any script (Cyrillic or Latin).',
  dateOfBirth: 'Date of birth; not after today.',
  side: 'Whose citizen or serviceman the person is.',
  kind: 'Military or civilian.',
  capturedOn: 'When the person was captured or went missing; not after today.',
  rank: 'Military rank.',
  unit: 'Military unit.',
  serviceNumber: 'Service number.',
  roundId: 'The `completed` round the person was exchanged in: required when `status` is `exchanged`, not allowed otherwise.',
  reachedOn: 'The day the agreement was reached.',
  venue: 'Where the talks were held, e.g. `Istanbul`.',
  mediators: 'Who mediated, e.g. `Türkiye` (unique).',
  commitments: 'What each side committed to, one entry per kind and scope.',
  progress: 'Computed by the server at every read, never stored: what the records that name the agreement add up to, against its commitments. Not accepted in a body.',
  disputed:
    'Computed by the server at every read, never stored: `true` when, for some figure, two of {the headline total, the figures its sources state} differ ' +
    "(e.g. the record holds 189 and a source says 150), `false` otherwise (also when no source states a figure). Not accepted in a body.",
  outcome: 'What came of it.',
};

const progressFields: Record<string, string> = {
  rounds: 'Completed rounds that name the agreement.',
  stages: 'Their distinct stage numbers, ascending.',
  returnedToUkraine: 'People Ukraine received in them (undisclosed figures add 0).',
  returnedToRussia: 'People Russia received in them (undisclosed figures add 0).',
  roundsUndisclosed: 'Those of them with either side undisclosed: the returned figures are floors, `remaining` an upper bound.',
  repatriations: 'Repatriations that name the agreement.',
  bodiesToUkraine: 'Bodies Ukraine received in them (undisclosed figures add 0).',
  bodiesToRussia: 'Bodies Russia received in them (undisclosed figures add 0).',
  committed: 'The numbered commitments summed per kind and side; `null` where none names a number.',
  remaining: 'max(0, committed − delivered) per kind and side; `null` where `committed` is.',
  firstHandoverOn: 'The first day of its completed rounds and repatriations; `null` before any.',
  lastHandoverOn: 'The last day of its completed rounds and repatriations; `null` before any.',
};

const sourceFields: Record<string, string> = {
  url: 'Where it was published.',
  publisher: "Who published it, e.g. `Babel`; whose figures a report relays may go in brackets, e.g. `Al Jazeera (Russia's defence ministry)`.",
  side:
    "Whose statement it is: `ukraine` (Ukraine's authorities), `russia` (Russia's), `mediator` (a mediating state or body, e.g. the UAE or the ICRC), " +
    '`independent` (anyone else: the press on its own count, researchers).',
  claim: 'What it claims, in words.',
};

/** A source's own figures: one description per figure, as that source states it. */
const statedFigure = (what: string) =>
  `${what}, as this source states it; absent when it gives none. May differ from the record's headline figure, which it never changes.`;

/** What each figure of the statistics says: a sum of the headline figures, a floor where some are undisclosed. */
const totalsFields: Record<string, string> = {
  rounds: 'Completed exchange rounds (handover days); planned, postponed or cancelled ones are not counted.',
  returnedToUkraine:
    "People Ukraine received in them: the sum of the registry's headline figures. A round whose figure was not disclosed adds 0, so while `roundsUndisclosed` is above 0 this is a floor (at least this many), not an estimate.",
  returnedToRussia:
    "People Russia received in them: the sum of the registry's headline figures. A round whose figure was not disclosed adds 0, so while `roundsUndisclosed` is above 0 this is a floor (at least this many), not an estimate.",
  civiliansReturnedToUkraine:
    'Civilians among the people Ukraine received, where a round says how many (its `civilians`, or `total` − `military` where only the military are given). ' +
    'A round that does not (`roundsWithoutSplit`) adds 0: this is a floor, never a count of "zero civilians".',
  civiliansReturnedToRussia:
    'Civilians among the people Russia received, where a round says how many (its `civilians`, or `total` − `military` where only the military are given). ' +
    'A round that does not (`roundsWithoutSplit`) adds 0: this is a floor, never a count of "zero civilians".',
  roundsUndisclosed: "Completed rounds where either side's figure was not disclosed (`null`): they add 0, which makes the people figures floors.",
  repatriations: 'Repatriations of bodies (all of them count).',
  bodiesToUkraine: "Bodies Ukraine received: the sum of the headline figures; a figure that was not disclosed adds 0, so this is a floor.",
  bodiesToRussia: "Bodies Russia received: the sum of the headline figures; a figure that was not disclosed adds 0, so this is a floor.",
  roundsWithoutSplit:
    "Completed rounds where a side's figure was not disclosed or does not say how many were military and how many civilians: they add 0 to the civilians figures, " +
    'which are therefore floors (at least this many), never "zero civilians".',
  disputed:
    "Rounds and repatriations whose figures are `disputed`: for some figure, the registry's headline figure and the figures its sources state (or two sources) differ.",
  ranges:
    "Per figure, from the lowest to the highest version: for each record, the smallest and the largest of its headline figure (when disclosed) and the figures its sources state, summed. " +
    "Without disputes, low = high = the total; a figure that only a source gives (the registry's is undisclosed) counts in the range, not in the total.",
};

const rangeOf = (what: string) => `${what}: the sums of each record's lowest and highest version.`;

/** The fields of a reconciliation's parts. */
const listEntryFields: Record<string, string> = {
  ref: "The list's own reference for the entry (its line number, the counterpart's id), up to 100 characters; answered back as sent.",
  fullName: 'The name as the list writes it, in any script or transliteration, in any word order, with or without a patronymic (`Олейник Сергей Петрович`, `Oliinyk Serhii`).',
  dateOfBirth: 'The date of birth the list gives: one that disagrees with the person\'s rules out `matched`; an equal one agrees.',
  serviceNumber: 'The service number the list gives: an equal one agrees (Cyrillic look-alike letters count as their Latin twins), a different one rules out `matched`.',
  kind: 'Military or civilian, where the list says; a kind that differs from the person\'s lowers the score a little, and rules out nothing.',
};
const reportFields: Record<string, string> = {
  id: 'Server-chosen id (ULID: 26 characters, time-ordered).',
  title: 'What the list is, in a line, e.g. `List handed over by Russia on 7 June 2025`.',
  receivedFrom: 'Who handed the list over: `russia`, `ukraine`, `icrc` (the International Committee of the Red Cross), `mediator` (a mediating state or body) or `other`.',
  receivedOn: 'The day the list was received.',
  listOf: "Whose people the list names: the registry's persons of this `side` are the ones it is matched against, and the ones it may omit.",
  entries: `The entries, in list order (1 to ${MAX_ENTRIES.toLocaleString('en')}); each is matched on its own, and reported at its 0-based place in this list.`,
  createdAt: 'When the report was made (UTC): the matching is as of this moment.',
  version: 'Always 1: a report is never changed. The `ETag` of single-report answers.',
  updatedAt: 'When the report was stored (UTC): the same as `createdAt`.',
  summary: 'The counts of the report.',
};
const agreedText =
  'What agreed between the entry and the person, in this order: `name` (the names are the same, by the rules of `matched`), `dateOfBirth` (equal), `serviceNumber` (equal). ' +
  'May be empty for a candidate; a `matched` entry agrees on `name`, or on `serviceNumber` with a name within two typos.';
const scoreText =
  'How alike the entry and the person are, 0 to 1 (three decimals): mostly the name, then whether the date of birth and the service number agree; one that disagrees lowers it. ' +
  'The repository\'s docs/matching.md explains it. Candidates score 0.55 or more, unless they would have been the match.';

/** Descriptions of the fields of the parts of records and statistics that need more than their component's description. */
export const partText: Record<string, Record<string, string>> = {
  ListEntry: listEntryFields,
  ReconciliationInput: reportFields,
  Reconciliation: reportFields,
  StoredReconciliation: reportFields,
  ReconciliationSummary: {
    entries: 'Entries in the list.',
    matched: 'Entries that are `matched`: one person is clearly the entry.',
    possible: 'Entries that are `possible`: candidates worth a look, no clear match.',
    unknown: 'Entries that are `unknown`: no person of the side comes close.',
    omitted: "The registry's persons of the list's side who were `held` and whom no entry matched: held, by the registry's record, and not on the list.",
    missingFound:
      "Matched persons (each counted once) whose status was `missing`: a missing person on the list, e.g. on a captor's list of the prisoners it holds. The person's record is not changed: that is an editor's decision.",
  },
  Match: {
    personId: "The person's id (`GET /persons/{id}`).",
    score: scoreText,
    agreed: agreedText,
  },
  Candidate: {
    personId: "The person's id (`GET /persons/{id}`).",
    fullName: 'The name as the registry holds it.',
    score: scoreText,
    agreed: agreedText,
  },
  ReconciliationEntry: {
    index: 'The 0-based place of the entry in the list as sent.',
    ...listEntryFields,
    outcome: 'What the registry made of the entry: `matched`, `possible` or `unknown` (see ReconciliationEntry).',
    match: 'The person the entry is, when `matched`; `null` otherwise.',
    candidates: `Persons worth a look, best first (at most ${MAX_CANDIDATES}): for a \`possible\` entry, whom it may be; for a \`matched\` entry, the others that came close (often none); empty when \`unknown\`.`,
  },
  OmittedPerson: {
    personId: "The person's id (`GET /persons/{id}`).",
    fullName: 'The name as the registry holds it.',
    status: 'Always `held`: the status the person had when the list was reconciled.',
  },
  Source: sourceFields,
  RoundSource: {
    ...sourceFields,
    figures: "The figures this source states for the round (people each side received), where it gives any; the round's counts stay the headline figures.",
  },
  RepatriationSource: {
    ...sourceFields,
    figures: "The figures this source states for the repatriation (bodies each side received), where it gives any; the repatriation's own figures stay the headline figures.",
  },
  RoundFigures: {
    returnedToUkraine: statedFigure('People Ukraine received'),
    returnedToRussia: statedFigure('People Russia received'),
  },
  RepatriationFigures: {
    bodiesToUkraine: statedFigure('Bodies Ukraine received'),
    bodiesToRussia: statedFigure('Bodies Russia received'),
  },
  Totals: totalsFields,
  YearTotals: { year: 'The year of the handover dates.', ...totalsFields },
  Range: {
    low: "The sum of each record's smallest version of the figure (its headline figure, or a source's).",
    high: "The sum of each record's largest version of the figure (its headline figure, or a source's).",
  },
  FigureRanges: {
    returnedToUkraine: rangeOf('People Ukraine received'),
    returnedToRussia: rangeOf('People Russia received'),
    bodiesToUkraine: rangeOf('Bodies Ukraine received'),
    bodiesToRussia: rangeOf('Bodies Russia received'),
  },
  Commitment: {
    kind: 'Prisoners or bodies.',
    toUkraine: 'How many Ukraine receives; absent or `null`: the commitment names no number.',
    toRussia: 'How many Russia receives; absent or `null`: the commitment names no number.',
    categories: 'The priority categories it covers (unique).',
    description: 'The commitment in words, as the sources give it.',
  },
  Figures: {
    prisonersToUkraine: 'Prisoners Ukraine receives.',
    prisonersToRussia: 'Prisoners Russia receives.',
    bodiesToUkraine: 'Bodies Ukraine receives.',
    bodiesToRussia: 'Bodies Russia receives.',
  },
  Progress: progressFields,
  AgreementProgress: {
    agreementId: "The agreement's id.",
    title: "The agreement's title.",
    status: "The agreement's status.",
    reachedOn: 'The day the agreement was reached.',
    ...progressFields,
  },
  Latest: {
    roundOn: 'The day of the last completed round.',
    repatriationOn: 'The day of the last repatriation.',
    negotiationOn: 'The day of the last negotiation event.',
    daysSinceRound: "Whole days from the last completed round to `generatedAt`'s date (UTC); `null` while there is none.",
  },
};

export const queryText: Record<string, string> = {
  limit: `Page size, 1 to 100 (default ${DEFAULT_PAGE_SIZE}).`,
  cursor: 'The `nextCursor` of the previous page: opaque, and valid only for the same list and filters.',
  year: 'Only records dated in this year.',
  from: 'Only records dated on or after this day.',
  to: 'Only records dated on or before this day.',
  status: 'Only records with this status.',
  side: 'Only persons of this side.',
  kind: 'Only persons of this kind.',
  category: 'Only persons in this category.',
  roundId: 'Only persons exchanged in this round.',
  entity: 'The kind of record.',
  id: "The record's id.",
};
export const queryDefaults: Record<string, unknown> = { limit: DEFAULT_PAGE_SIZE };

/** The examples of `GET /audit`. */
export const auditExamples: Record<string, Example> = {
  round: { summary: 'A round created, then given its split: as stored, without its computed `disputed`', value: examples.auditPage },
  agreement: { summary: 'An agreement created, then stalled: as stored, without its computed progress', value: examples.agreementAuditPage },
  reconciliation: {
    summary: 'A reconciliation report created, then deleted: as stored, with `updatedAt` and without its entries (invented persons: the public record names no one)',
    value: reconciliationExamples.auditPage,
  },
};

const roleOrder: Role[] = ['public', 'viewer', 'editor', 'admin'];
export function roleSentence(role: Role): string {
  if (role === 'public') return '**Role:** public — no token needed; an `Authorization` header is ignored.';
  const groups = roleOrder.slice(roleOrder.indexOf(role)).map((r) => `\`${roleGroups[r as Exclude<Role, 'public'>]}\``);
  return `**Role:** ${role} or higher — a bearer token whose \`cognito:groups\` includes ${groups.join(' or ')}; none is 401, a lower role 403.`;
}

/** ", 1 MiB on `POST /reconciliations`": the routes whose body limit is not the default. */
function largerBodies(): string {
  const larger = routes.filter((route) => bodyLimitOf(route) !== DEFAULT_MAX_BODY_BYTES);
  return larger.map((route) => `, ${sizeText(bodyLimitOf(route))} on \`${route.method} ${route.path}\``).join('');
}

export const infoDescription = [
  'Records the prisoner exchanges between Ukraine and Russia: exchange **rounds** (one handover day each), body **repatriations**, ' +
    'the **persons** held, exchanged or missing (personal data: viewers and up only), the **agreements** reached in talks (each with its progress against its commitments), ' +
    'the **negotiation** events around them, **reconciliations** of the lists of names that counterparts hand over against the persons (personal data too), ' +
    'summary **statistics**, CSV **exports** of the public record, and an **audit** trail of every change. ' +
    'The same handlers run on AWS (API Gateway → Lambda → DynamoDB, Cognito) and on one machine (`npm start`).',
  'This document is generated from the route table and the zod schemas that the handlers validate with (`npm run openapi`); ' +
    'the test suite fails when it is stale, and checks every answer that the tests receive against it.',
  '**Roles** nest: admin ⊃ editor ⊃ viewer ⊃ public (see the `bearerAuth` scheme; each operation names its role in `x-required-role`).',
  '**Lists** answer `{ "items": [...], "nextCursor": string | null }`; `limit` is 1 to 100 (default 25). ' +
    'A query parameter that the route does not define, or one given twice, is 400.',
  '**Writes**: every record carries `version`, every single-record answer an `ETag: "<version>"`; `If-Match` with a stale version is 412 and writes nothing. ' +
    '`POST` with `Idempotency-Key` is safe to retry. Each write and its audit entry are one DynamoDB transaction. ' +
    `A body may hold up to ${sizeText(DEFAULT_MAX_BODY_BYTES)}${largerBodies()} (413 above).`,
  '**Errors** are always `{ "error": { "code", "message", "details"? } }`, never a stack trace. A path that does not exist, or a method that the path ' +
    "does not have, is 404 `not_found` (on AWS too: API Gateway's own answers are mapped to the same shape). Every answer of the handlers carries `X-Request-Id`.",
].join('\n\n');

export function serverList() {
  return [
    { url: 'http://localhost:3000', description: 'The local server (`npm start`; `PORT` changes the port)' },
    {
      url: 'https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}',
      description: 'AWS: the `ApiUrl` output of the stack',
      variables: {
        restApiId: { default: 'abcdef1234', description: 'The REST API id' },
        region: { default: 'eu-central-1', description: 'The AWS region of the stack' },
        stage: { default: 'v1', description: 'The stage name' },
      },
    },
  ];
}

