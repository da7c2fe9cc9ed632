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

/**
 * `cognito:groups` arrives as an array in a decoded token, as `a,b` from a REST API authorizer, and
 * as `[a b]` from some integrations: accept each form.
 */
export function groupsFromClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function roleFromGroups(groups: readonly string[]): Role {
  const held = (Object.entries(roleGroups) as [Exclude<Role, 'public'>, string][])
    .filter(([, group]) => groups.includes(group))
    .map(([role]) => role);
  return held.reduce<Role>((best, role) => (rank[role] > rank[best] ? role : best), 'public');
}

export function callerOf(event: APIGatewayProxyEvent): Caller | undefined {
  const claims = event.requestContext?.authorizer?.claims as Record<string, unknown> | undefined;
  if (!claims || typeof claims.sub !== 'string') return undefined;
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
