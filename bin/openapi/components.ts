/**
 * The reusable parts of the document that are not record schemas: headers, header parameters,
 * the error answers (one component per status, each naming the codes it can carry), the security
 * scheme and the tags.
 */
import type { JsonSchema } from './schemas';
import type { ErrorCode } from '../../lambdas/http/api-error';
import { roleGroups } from '../../lambdas/routes';

const ref = (kind: 'headers' | 'parameters' | 'responses' | 'schemas', name: string) => ({ $ref: `#/components/${kind}/${name}` });
export const headerRef = (name: string) => ref('headers', name);
export const parameterRef = (name: string) => ref('parameters', name);
export const responseRef = (name: string, description?: string) => ({ ...ref('responses', name), ...(description ? { description } : {}) });
export const schemaRef = (name: string) => ref('schemas', name);

export const securitySchemes = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      `A Cognito ID token of the stack's user pool on AWS; locally, the token that \`npm run -s token -- <viewer|editor|admin>\` prints. ` +
      `Its \`cognito:groups\` claim names the caller's role: \`${roleGroups.viewer}\`, \`${roleGroups.editor}\` or \`${roleGroups.admin}\`. ` +
      'Roles nest: admin ⊃ editor ⊃ viewer ⊃ public. No token (or an invalid one) on a protected route is 401; a token without the role is 403.',
  },
};

export const headers: Record<string, JsonSchema> = {
  XRequestId: {
    description: 'The request id, also in the log line of the request: quote it when reporting a problem.',
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  XRequestIdOnError: {
    description:
      "The request id, as on every answer of the API's handlers; API Gateway's own errors on AWS (unknown route, rejected token, throttling) lack it.",
    required: false,
    schema: { type: 'string', minLength: 1 },
  },
  ETag: {
    description: 'The record\'s version as an entity tag, e.g. `"3"`: send it back in `If-Match` to change the record only if nobody else has.',
    required: true,
    schema: { type: 'string', pattern: '^"[1-9][0-9]*"$' },
  },
  Location: {
    description: 'Path of the created record.',
    required: true,
    schema: { type: 'string', format: 'uri-reference', pattern: '^/[a-z]+/[0-9A-HJKMNP-TV-Z]{26}$' },
  },
  IdempotentReplayed: {
    description: 'Present (`true`) when this answer is the stored answer of an earlier request with the same `Idempotency-Key` and body.',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
};

export const headerParameters: Record<string, JsonSchema> = {
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'Change only if the record is still at this version: the `ETag` of the last read (`"3"`, `W/"3"`, a list of them, or `*`). ' +
      'A stale version is 412 and nothing is written. Without it, the write applies on top of whatever version is current; concurrent writers still never lose an update.',
    schema: { type: 'string', minLength: 1 },
    example: '"1"',
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: the same key and the same JSON body within 24 h answer the first answer again (same status, body and headers, ' +
      'plus `Idempotent-Replayed: true`) and create nothing new; the same key with another body is 409. Keys are scoped to the route and to the caller (the token\'s subject): another caller\'s same key is another key. Only 2xx answers are stored, and deleting the record deletes its stored answer.',
    schema: { type: 'string', minLength: 1, maxLength: 128 },
    example: 'import-round-2025-05-23',
  },
};

interface ErrorExample {
  /** The example's key and summary when an answer has several examples of one code. */
  readonly name?: string;
  readonly summary?: string;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: readonly { path: string; message: string }[];
}

export interface ErrorAnswer {
  readonly status: number;
  readonly description: string;
  readonly codes: readonly ErrorCode[];
  readonly retryAfter?: boolean;
  /** One per code the answer can carry. */
  readonly examples: readonly ErrorExample[];
}

/** One component per error answer; 400 comes in the variants a route can produce. */
export const errorAnswers: Record<string, ErrorAnswer> = {
  Unauthorized: {
    status: 401,
    description: 'No bearer token, or one that is invalid or expired.',
    codes: ['unauthorized'],
    examples: [{ code: 'unauthorized', message: 'A valid bearer token is required for this route' }],
  },
  Forbidden: {
    status: 403,
    description: 'The token does not carry the role this route needs.',
    codes: ['forbidden'],
    examples: [{ code: 'forbidden', message: 'This route needs the editor role' }],
  },
  NotFound: {
    status: 404,
    description: 'No such record (an id that is not a ULID names no record either), or no such route.',
    codes: ['not_found'],
    examples: [{ code: 'not_found', message: 'Round does not exist' }],
  },
  Conflict: {
    status: 409,
    description: 'The request conflicts with the state of the registry.',
    codes: ['conflict'],
    // Messages as the API words them (lambdas/service/idempotent-create.ts, the resources' needsNoReferences, the stage claim of lambdas/store/keys/agreements.ts).
    examples: [
      { name: 'idempotency', summary: 'An Idempotency-Key reused with another body', code: 'conflict', message: 'This Idempotency-Key was used with another body' },
      {
        name: 'named',
        summary: 'Deleting a record that others name',
        code: 'conflict',
        message: 'Rounds, repatriations or negotiation events name this agreement (their agreementId); change them first',
      },
      {
        name: 'stage',
        summary: 'A stage that another round of the agreement holds',
        code: 'conflict',
        message: 'Another round of this agreement is already stage 2',
        details: [{ path: 'stage', message: 'Another round of this agreement is already stage 2' }],
      },
    ],
  },
  PreconditionFailed: {
    status: 412,
    description: '`If-Match` does not name the current version; nothing was written.',
    codes: ['precondition_failed'],
    examples: [{ code: 'precondition_failed', message: 'If-Match does not name the current version; fetch the record again' }],
  },
  UnsupportedMediaType: {
    status: 415,
    description: 'A body whose `Content-Type` is not `application/json`.',
    codes: ['unsupported_media_type'],
    examples: [{ code: 'unsupported_media_type', message: 'The request body must be application/json' }],
  },
  Throttled: {
    status: 429,
    description: 'Too many requests (API Gateway stage throttling on AWS).',
    codes: ['throttled'],
    retryAfter: true,
    examples: [{ code: 'throttled', message: 'Too many requests' }],
  },
  Internal: {
    status: 500,
    description: 'An unexpected error; the message quotes the request id that the log line carries. Never a stack trace.',
    codes: ['internal'],
    examples: [{ code: 'internal', message: 'Unexpected error; quote request id 3f0c2a9e-5b7d-4e1f-8a6b-9c0d1e2f3a4b when reporting it' }],
  },
  Unavailable: {
    status: 503,
    description: 'DynamoDB throttled or unreachable after retries (or the local server still starting): retry after `Retry-After` seconds.',
    codes: ['unavailable'],
    retryAfter: true,
    examples: [{ code: 'unavailable', message: 'The data store is busy or unreachable; retry later' }],
  },
};

/** The 400 component for a route: `validation_failed`, plus `invalid_cursor` on lists and `malformed_json` where a body is read. */
export function badRequest(options: { list: boolean; body: boolean }): [string, ErrorAnswer] {
  // Messages as the API words them (zod's English locale, lambdas/domain/issues.ts).
  const detail = options.body
    ? { path: 'date', message: 'Invalid ISO date' }
    : options.list
      ? { path: 'query.limit', message: 'Too big: expected number to be <=100' }
      : { path: 'query.format', message: 'Unknown field' };
  const examples: ErrorExample[] = [{ code: 'validation_failed', message: 'The request is not valid', details: [detail] }];
  if (options.list) examples.push({ code: 'invalid_cursor', message: 'The cursor was not issued by this API for this query' });
  if (options.body) examples.push({ code: 'malformed_json', message: 'The request body is not valid JSON' });
  const name = `BadRequest${options.list ? 'List' : ''}${options.body ? 'Body' : ''}`;
  const what = [
    'A path, query or body field breaks the rules (`details` names each one); an unknown or repeated query parameter',
    options.list ? '; a cursor this API did not issue for this query (`invalid_cursor`)' : '',
    options.body ? '; a body that is not JSON (`malformed_json`)' : '',
    '.',
  ].join('');
  return [name, { status: 400, description: what, codes: examples.map((example) => example.code), examples }];
}

/** 65536 → "64 KiB", 1048576 → "1 MiB"; a size that is neither stays in bytes. */
export function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * The 413 component for a route's body limit (lambdas/routes.ts `bodyLimitOf`: 64 KiB unless the
 * route says otherwise), one per limit, with the API's own message (lambdas/http/api-error.ts).
 */
export function payloadTooLarge(limit: number): [string, ErrorAnswer] {
  const size = sizeText(limit);
  return [
    `PayloadTooLarge${size.replace(/\s+/g, '')}`,
    {
      status: 413,
      description:
        `The body is over ${limit} bytes (${size}), counted in UTF-8 bytes: this route's limit. Nothing was read or written.`,
      codes: ['payload_too_large'],
      examples: [{ code: 'payload_too_large', message: `The request body is over ${limit} bytes` }],
    },
  ];
}

/** A field of a body that names another record, and what it must name (a resource text's `reference`). */
export interface ReferenceRule {
  readonly field: string;
  /** As the refusal words it: "completed round", "agreement". */
  readonly target: string;
  /** When 422 answers. */
  readonly when: string;
}

/** The 422 component for a field that names another record: one per field, with the API's own words (lambdas/service/record-writes.ts). */
export function invalidReference(rule: ReferenceRule): [string, ErrorAnswer] {
  const name = `InvalidReference${rule.field[0]!.toUpperCase()}${rule.field.slice(1)}`;
  return [
    name,
    {
      status: 422,
      description: rule.when,
      codes: ['invalid_reference'],
      examples: [
        {
          code: 'invalid_reference',
          message: `${rule.field} must name an existing ${rule.target}`,
          details: [{ path: rule.field, message: `No ${rule.target} has this id` }],
        },
      ],
    },
  ];
}

export function errorResponse(answer: ErrorAnswer, errorSchema: JsonSchema): JsonSchema {
  const schema = structuredClone(errorSchema) as { description?: string; properties: { error: { properties: { code: JsonSchema } } } };
  delete schema.description;
  schema.properties.error.properties.code = { type: 'string', enum: [...answer.codes] };
  const examples: Record<string, { summary: string; value: unknown }> = {};
  for (const { name, summary, ...error } of answer.examples) examples[name ?? error.code] = { summary: summary ?? error.code, value: { error } };
  return {
    description: answer.description,
    headers: {
      'X-Request-Id': headerRef('XRequestIdOnError'),
      ...(answer.retryAfter ? { 'Retry-After': headerRef('RetryAfter') } : {}),
    },
    content: {
      'application/json': {
        schema,
        examples,
      },
    },
  };
}

export const tags = [
  { name: 'Rounds', description: 'Exchange rounds: one handover day of a prisoner exchange, with its figures, mediator, categories and sources.' },
  { name: 'Repatriations', description: "Handovers of fallen soldiers' bodies." },
  { name: 'Persons', description: 'Prisoners, detained civilians and missing persons. Personal data: viewers and up only, never in a public answer.' },
  {
    name: 'Agreements',
    description:
      'Deals on exchanges reached in talks, with what each side committed to; each answered with its `progress`, computed at the read from the rounds and repatriations that name it.',
  },
  { name: 'Negotiations', description: 'Negotiation events: talks, technical meetings, handed-over lists, statements and postponements, the timeline of a deal.' },
  {
    name: 'Reconciliations',
    description:
      "A counterpart's list of names (from the other side, the ICRC or a mediator) checked against the registry's persons of one side: who is matched, who may be, who is unknown, " +
      'and which held persons the list leaves out. A report: it changes no person. Personal data: viewers and up only.',
  },
  { name: 'Statistics', description: 'Summary statistics, recomputed by a scheduled refresh (and on demand), read with one GetItem.' },
  {
    name: 'Exports',
    description:
      'The whole public record as CSV files (RFC 4180, UTF-8, a header row), for researchers and spreadsheets: rounds, repatriations, agreements, negotiation events, and the statistics by year. Never personal data.',
  },
  { name: 'Audit', description: 'The audit trail: every create, change and delete, written in the same transaction as the change.' },
  { name: 'Meta', description: 'This document.' },
];
