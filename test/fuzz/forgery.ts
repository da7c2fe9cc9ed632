/**
 * Cursors with a right checksum around a hand-made key: the checksum is not keyed, so anyone can
 * make one, and only the key-shape check (http/cursor.ts) stands between it and DynamoDB's Query.
 * Lists this file does not know get no forged cursors (the other cursor kinds still reach them).
 */
import fc from 'fast-check';
import type { Route } from '../../lambdas/routes';
import { encodeCursor, encodePosition } from '../../lambdas/http/cursor';
import { auditQuery, entriesQuery, personsQuery, reconciliationsQuery, type EntityName, type ListQuery } from '../../lambdas/store/keys';
import { rounds } from '../../lambdas/resources/rounds';
import { repatriations } from '../../lambdas/resources/repatriations';
import { persons } from '../../lambdas/resources/persons';
import { agreements } from '../../lambdas/resources/agreements';
import { negotiations } from '../../lambdas/resources/negotiations';

const lists: { path: string; query: (p: Record<string, string>, q: Record<string, string>) => ListQuery | undefined }[] = [
  // The filters as the route parses them, so a forged cursor can also fit a filtered (or date-ranged) list.
  ...[rounds, repatriations, persons, agreements, negotiations].map((r) => ({
    path: r.path,
    query: (_: Record<string, string>, q: Record<string, string>) => {
      const filter = r.listParams.safeParse(q);
      return filter.success ? r.listQuery(filter.data as never) : undefined;
    },
  })),
  { path: '/reconciliations', query: () => reconciliationsQuery() },
  { path: '/rounds/{id}/persons', query: (p) => personsQuery({ roundId: p.id! }) },
  { path: '/reconciliations/{id}/entries', query: (p) => entriesQuery(p.id!) },
  { path: '/audit', query: (_, q) => (q.entity && q.id ? auditQuery(q.entity as EntityName, q.id) : undefined) },
];

const keyOf = (cursor: string | undefined): Record<string, unknown> => {
  try {
    return cursor ? JSON.parse(Buffer.from(cursor.split('.')[0]!, 'base64url').toString()) : {};
  } catch {
    return {};
  }
};

const numberOr = (value: string) => (/^-?\d+(\.\d+)?(e\d+)?$/.test(value) ? Number(value) : value);

/**
 * `values` replace the key's attributes in order (null keeps the real one); `extra` adds one.
 * With `shaped`, every attribute is instead drawn (from that seed) to match the list's key shape:
 * a position nothing was ever at, which DynamoDB must take as well as a real one.
 */
export function forgedCursor(
  route: Route,
  params: Record<string, string>,
  query: Record<string, string>,
  own: string | undefined,
  values: (string | null)[],
  extra: string | null,
  shaped?: number,
): string | undefined {
  const withExtra = (key: Record<string, unknown>) => (extra ? Object.defineProperty(key, extra, { value: 'x', enumerable: true }) : key);
  if (route.path === '/reconciliations/{id}/omitted') {
    const [chunk, offset] = values;
    return encodePosition(withExtra({ chunk: numberOr(chunk ?? '0'), offset: numberOr(offset ?? '0') }) as Record<string, number>, `omitted#${params.id}`);
  }
  const list = lists.find((l) => l.path === route.path)?.query(params, query);
  if (!list) return undefined;
  const key = keyOf(own);
  if (shaped !== undefined) {
    for (const name of list.keyAttributes) {
      const shape = list.keyShape[name];
      key[name] = shape ? fc.sample(fc.stringMatching(shape), { seed: shaped, numRuns: 1 })[0]! : list.partition.value;
    }
    return encodeCursor(withExtra(key) as Record<string, string>, list) ?? undefined;
  }
  list.keyAttributes.forEach((name, i) => {
    const value = values[i];
    if (value !== undefined && value !== null) key[name] = value;
    else key[name] ??= name === list.partition.name ? list.partition.value : '';
  });
  return encodeCursor(withExtra(key) as Record<string, string>, list) ?? undefined;
}
