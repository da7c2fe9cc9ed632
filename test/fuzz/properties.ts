/**
 * What must hold for every answer, whatever was sent: a status the OpenAPI document lists for the
 * operation (or the contract's 404 for no route), never a 5xx, the documented body (errors in the
 * contract's `{ error: { code, message, details? } }`), and no change to the table from a refused write.
 */
import type { Route } from '../../lambdas/routes';
import { contractProblems } from '../support/contract';
import type { Answer, Sent } from './in-process';
import { resolve, type RequestPlan } from './requests';
import type { World } from './world';

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** What a Lambda may answer API Gateway (6 MB, its whole JSON result): past it, the caller gets a 502. */
const MAX_ANSWER_BYTES = 6 * 1024 * 1024;

/** Statuses seen per route, printed at the end: proof that the generators get past the first checks. */
export const seen = new Map<string, Map<number, number>>();

const describeSent = (sent: Sent) =>
  `${sent.method} ${sent.target.slice(0, 300)}\nheaders: ${JSON.stringify(sent.headers.map(([n, v]) => [n, v.slice(0, 120)]))}\nbody: ${JSON.stringify(sent.body?.slice(0, 400))}`;

function errorShapeProblem(text: string): string | undefined {
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return 'body is not JSON';
  }
  const error = body?.error;
  if (!error || typeof error !== 'object' || Object.keys(body).length !== 1) return 'body is not { error }';
  if (typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '') return 'error lacks code or message';
  if (Object.keys(error).some((k) => !['code', 'message', 'details'].includes(k))) return `error has other keys: ${Object.keys(error)}`;
  if (error.details !== undefined && !(Array.isArray(error.details) && error.details.every((d: any) => typeof d?.path === 'string' && typeof d?.message === 'string'))) {
    return 'details is not a list of { path, message }';
  }
  return undefined;
}

/** Items added, removed or changed between two dumps, by key: what a failure report needs. */
function dumpDiff(before: string, after: string): string {
  const byKey = (dump: string) => new Map((JSON.parse(dump) as Record<string, unknown>[]).map((i) => [`${i.PK} ${i.SK}`, JSON.stringify(i)]));
  const [b, a] = [byKey(before), byKey(after)];
  const lines = [
    ...[...a.keys()].filter((k) => !b.has(k)).map((k) => `+ ${k}`),
    ...[...b.keys()].filter((k) => !a.has(k)).map((k) => `- ${k}`),
    ...[...a.keys()].filter((k) => b.has(k) && b.get(k) !== a.get(k)).map((k) => `~ ${k}`),
  ];
  return lines.slice(0, 20).join('\n');
}

/** Keeps the world's ids in step with the writes that succeeded. */
function track(world: World, sent: Sent, answer: Answer): void {
  const path = new URL(sent.target, 'http://localhost').pathname.replace(/\/$/, '');
  const [, collection, id, rest] = path.split('/');
  if (answer.status === 201 && answer.headers.location) {
    const [, c, created] = answer.headers.location.split('/');
    world.pools.get(`/${c}`)?.push(created!);
  }
  if (sent.method === 'DELETE' && answer.status === 204 && id && rest === undefined) {
    const pool = world.pools.get(`/${collection}`);
    const at = pool?.indexOf(decodeURIComponent(id)) ?? -1;
    if (pool && at >= 0) pool.splice(at, 1);
  }
}

export async function checkRequest(world: World, route: Route, plan: RequestPlan): Promise<void> {
  const sent = await resolve(world, route, plan);
  const before = world.baseline;
  const answer = await world.send(sent);
  const counts = seen.get(`${route.method} ${route.path}`) ?? new Map<number, number>();
  counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  seen.set(`${route.method} ${route.path}`, counts);

  const where = `${describeSent(sent)}\n→ ${answer.status} ${answer.text.slice(0, 600)}`;
  // The server read the target as WHATWG URL does (dot segments resolved): the contract is checked on what it routed.
  const url = new URL(sent.target, 'http://localhost');
  if (answer.status >= 500) throw new Error(`5xx answer:\n${where}`);
  const bytes = Buffer.byteLength(JSON.stringify({ statusCode: answer.status, headers: answer.headers, body: answer.text }));
  if (bytes > MAX_ANSWER_BYTES) throw new Error(`an answer of ${bytes} bytes, past Lambda's 6 MB (API Gateway would answer 502):\n${where}`);
  const problems = contractProblems(sent.method, `${url.pathname}${url.search}`, answer.status, answer.headers, answer.text);
  if (problems.length) throw new Error(`answer outside docs/openapi.json:\n- ${problems.join('\n- ')}\n${where}`);
  if (answer.status >= 400) {
    const problem = errorShapeProblem(answer.text);
    if (problem) throw new Error(`4xx not in the contract's error shape (${problem}):\n${where}`);
  }
  if (!WRITES.has(sent.method)) return;
  await world.rebaseline();
  if (answer.status >= 400 && world.baseline !== before) {
    throw new Error(`a refused write changed the table:\n${dumpDiff(before, world.baseline)}\n${where}`);
  }
  track(world, sent, answer);
}
