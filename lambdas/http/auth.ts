/**
 * Roles from the claims that the Cognito authorizer (or the local server, in its place) puts on
 * the event. Groups nest: admins ⊃ editors ⊃ viewers ⊃ public.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { roleGroups, type Role } from '../routes';
import { forbidden, unauthorized } from './api-error';

const rank: Record<Role, number> = { public: 0, viewer: 1, editor: 2, admin: 3 };

export interface Caller {
  /** The token's subject, or `anonymous` on a public route. */
  readonly subject: string;
  readonly role: Role;
}

/** Cognito's rule for a group name (CreateGroup, GroupName): no whitespace, no control characters. */
const COGNITO_GROUP_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/**
 * `cognito:groups` exactly as a REST API's COGNITO_USER_POOLS authorizer puts it in
 * `requestContext.authorizer.claims` (and as the local server does, bin/local/jwt.ts): every claim is
 * flattened to a string, and the token's array of group names is joined with commas, so one group
 * reads `editors` and two `editors,admins`. Evidence:
 * - https://repost.aws/questions/QUFJRBaEJRSmmqarNrvCWoQA/aws-cognito-group (a real event: one
 *   group as the plain string `team_manager`, every other claim a string too, `exp` a date string);
 * - https://openillumi.com/en/en-api-gateway-cognito-jwt-claim-conversion-zero-trust (the token's
 *   `["group-a","group-b"]` reaches Lambda as `"group-a,group-b"`);
 * - https://github.com/aws/chalice/issues/783 (the REST claim is split on commas) and
 *   https://github.com/aws/aws-lambda-dotnet/issues/300 (the REST request model carries one string
 *   per claim, no lists).
 * The `[a b]` form belongs to the HTTP API's JWT authorizer (payload 2.0), which this API does not
 * use. So nothing else is read: not an array, not `[a b]`, not a name with spaces, nor an empty
 * one; any of these grants no group at all. A group whose own name held a comma would read as
 * several; only the account's administrators can create groups, and these are lambdas/routes.ts's.
 */
export function groupsFromClaim(claim: unknown): string[] {
  if (typeof claim !== 'string') return [];
  const names = claim.split(',');
  return names.every((name) => COGNITO_GROUP_NAME.test(name)) ? names : [];
}

export function roleFromGroups(groups: readonly string[]): Role {
  const held = (Object.entries(roleGroups) as [Exclude<Role, 'public'>, string][])
    .filter(([, group]) => groups.includes(group))
    .map(([role]) => role);
  return held.reduce<Role>((best, role) => (rank[role] > rank[best] ? role : best), 'public');
}

/**
 * A subject as identity providers make them (Cognito's are UUIDs): printable, at most 128
 * characters. It becomes part of keys (idempotency records, audit actors): a lone surrogate there
 * once made `encodeURIComponent` throw (a 500, found by test/fuzz), a control character would
 * reach the audit trail.
 */
const SUBJECT = /^[\x21-\x7e]{1,128}$/;

export function callerOf(event: APIGatewayProxyEvent): Caller | undefined {
  const claims = event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined;
  if (!claims || typeof claims.sub !== 'string' || !SUBJECT.test(claims.sub)) return undefined;
  return { subject: claims.sub, role: roleFromGroups(groupsFromClaim(claims['cognito:groups'])) };
}

/** 401 without a verified caller, 403 with a role below the route's. Public routes ignore the token. */
export function authorize(event: APIGatewayProxyEvent, required: Role): Caller {
  if (required === 'public') return { subject: 'anonymous', role: 'public' };
  const caller = callerOf(event);
  if (!caller) throw unauthorized();
  if (rank[caller.role] < rank[required]) throw forbidden(required);
  return caller;
}
