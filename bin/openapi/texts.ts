/**
 * The words of the document: per-resource texts and examples, field and query parameter
 * descriptions, role sentences, the overview and the servers. Rules live in the schemas; these
 * only say what they mean.
 */
import { DEFAULT_PAGE_SIZE } from '../../lambdas/domain/query-params';
import { persons } from '../../lambdas/resources/persons';
import { repatriations } from '../../lambdas/resources/repatriations';
import type { ResourceDefinition } from '../../lambdas/resources/resource';
import { rounds } from '../../lambdas/resources/rounds';
import { roleGroups, type Role } from '../../lambdas/routes';
import { examples } from './examples';
import type { Example, ResourceText } from './route-docs';

export type AnyResource = ResourceDefinition<object, object>;

const one = (summary: string, value: unknown): Record<string, Example> => ({ [summary.split(':')[0]!.toLowerCase().replace(/\W+/g, '-')]: { summary, value } });

export const resourceTexts = new Map<AnyResource, ResourceText>([
  [
    rounds as unknown as AnyResource,
    {
      tag: 'Rounds',
      one: 'round',
      many: 'rounds',
      order: 'newest date first',
      rules:
        'Counts only on a `completed` round (a Count on any other status is 400); on a completed round an absent count means undisclosed and is stored as `null`. ' +
        'In a Count, `military` and `civilians` never exceed `total` and, when both are given, sum to it. Categories are unique.',
      namedBy: {
        patch: 'While persons name the round (their `roundId`), it cannot be taken out of `completed`: 409.',
        delete: 'While persons name the round (their `roundId`), it cannot be deleted: 409; change those persons first.',
      },
      examples: {
        input: {
          completed: { summary: '2025-05-23, day 1 of "1000 for 1000", as imported from the public record', value: examples.roundInput.completed },
          undisclosed: { summary: '2025-06-10, an Istanbul stage whose figures were withheld', value: examples.roundInput.undisclosed },
        },
        record: one('Completed: 2025-05-23, day 1 of "1000 for 1000"', examples.round),
        patch: one('Split: the military/civilian split that the row\'s note gives', examples.roundPatch),
        patched: one('Patched: version 2, with the split', examples.patchedRound),
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
      rules: 'An absent figure means undisclosed and is stored as `null`.',
      examples: {
        input: one('Istanbul: 2025-06-11, stage 1 of the Istanbul "6000 for 6000", as imported from the public record', examples.repatriationInput),
        record: one('Istanbul: 2025-06-11', examples.repatriation),
        patch: one('Correction: a figure set, an optional field cleared', examples.repatriationPatch),
        patched: one('Patched: version 2', examples.patchedRepatriation),
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
      examples: {
        input: one('Exchanged: an invented soldier, exchanged in the round of 2025-05-23', examples.personInput),
        record: one('Exchanged: an invented person (the public record names no one)', examples.person),
        patch: one('Promotion: a field changed, an optional field cleared', examples.personPatch),
        patched: one('Patched: version 2', examples.patchedPerson),
        page: one('Page: one person, the last page', examples.personPage),
      },
    },
  ],
]);

/** Descriptions of record fields, by name; every field of every record schema must have one. */
export const fieldText: Record<string, string> = {
  id: 'Server-chosen id (ULID: 26 characters, time-ordered).',
  version: '1 on create, +1 on each change; the `ETag` of single-record answers.',
  createdAt: 'When the record was created (UTC).',
  updatedAt: 'When the record last changed (UTC).',
  date: 'The handover day.',
  status: 'Where the record stands.',
  agreement: 'The deal the round belongs to, e.g. `Istanbul 2025-06-02`.',
  stage: 'Stage number within the agreement.',
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

const roleOrder: Role[] = ['public', 'viewer', 'editor', 'admin'];
export function roleSentence(role: Role): string {
  if (role === 'public') return '**Role:** public — no token needed; an `Authorization` header is ignored.';
  const groups = roleOrder.slice(roleOrder.indexOf(role)).map((r) => `\`${roleGroups[r as Exclude<Role, 'public'>]}\``);
  return `**Role:** ${role} or higher — a bearer token whose \`cognito:groups\` includes ${groups.join(' or ')}; none is 401, a lower role 403.`;
}

export const infoDescription = [
  'Records the prisoner exchanges between Ukraine and Russia: exchange **rounds** (one handover day each), body **repatriations**, ' +
    'the **persons** held, exchanged or missing (personal data: viewers and up only), summary **statistics** and an **audit** trail of every change. ' +
    'The same handlers run on AWS (API Gateway → Lambda → DynamoDB, Cognito) and on one machine (`npm start`).',
  'This document is generated from the route table and the zod schemas that the handlers validate with (`npm run openapi`); ' +
    'the test suite fails when it is stale, and checks every answer that the tests receive against it.',
  '**Roles** nest: admin ⊃ editor ⊃ viewer ⊃ public (see the `bearerAuth` scheme; each operation names its role in `x-required-role`).',
  '**Lists** answer `{ "items": [...], "nextCursor": string | null }`; `limit` is 1 to 100 (default 25). ' +
    'A query parameter that the route does not define, or one given twice, is 400.',
  '**Writes**: every record carries `version`, every single-record answer an `ETag: "<version>"`; `If-Match` with a stale version is 412 and writes nothing. ' +
    '`POST` with `Idempotency-Key` is safe to retry. Each write and its audit entry are one DynamoDB transaction.',
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

