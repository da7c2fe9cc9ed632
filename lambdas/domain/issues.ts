/** Turns zod issues into the contract's `details`: one entry per bad field, named by its path. */
import type * as z from 'zod/mini';
import type { ErrorDetail } from './errors';

type Issue = z.core.$ZodIssue;

/**
 * The most details one answer lists. A body within its limit can still hold 100,000+ bad fields
 * (a 1 MiB reconciliation of 2,000 entries with unknown keys): listed one by one, they overflowed
 * the stack of the `push(...details)` that gathers them (a 500), and their answer would pass the
 * 6 MB a Lambda may answer (API Gateway's 502). Past this many, one last detail counts the rest.
 */
export const MAX_DETAILS = 100;

function detailsOf(issue: Issue, prefix: string): ErrorDetail[] {
  const at = (segments: readonly PropertyKey[]) =>
    [prefix, ...segments.map(String)].filter((part) => part !== '').join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'Unknown field' }));
  }
  return [{ path: at(issue.path) || prefix || '(root)', message: issue.message }];
}

export function issuesToDetails(issues: readonly Issue[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  let total = 0;
  for (const issue of issues) {
    for (const detail of detailsOf(issue, prefix)) {
      if (++total <= MAX_DETAILS) details.push(detail);
    }
  }
  if (total > MAX_DETAILS) details.push({ path: prefix || '(root)', message: `${total - MAX_DETAILS} more problems, not listed` });
  return details;
}
