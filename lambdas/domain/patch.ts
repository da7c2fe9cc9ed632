/** Partial updates as the contract defines them: a field in the patch replaces, `null` removes. */
export function applyPatch<T extends object>(current: T, patch: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next;
}

/** Copies a record without the server-set fields, to re-validate it as client input. */
export function withoutServerFields(record: object): Record<string, unknown> {
  const { id: _id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = record as Record<string, unknown>;
  return rest;
}
