/** Turns zod issues into the contract's `details`: one entry per bad field, named by its path. */
import type * as z from 'zod/mini';
import type { ErrorDetail } from './errors';

type Issue = z.core.$ZodIssue;

export function issuesToDetails(issues: readonly Issue[], prefix = ''): ErrorDetail[] {
  return issues.flatMap((issue): ErrorDetail[] => {
    const at = (segments: readonly PropertyKey[]) =>
      [prefix, ...segments.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'Unknown field' }));
    }
    return [{ path: at(issue.path) || prefix || '(root)', message: issue.message }];
  });
}
