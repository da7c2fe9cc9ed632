/**
 * Property-based fuzzing of every route of the route table (lambdas/routes.ts), in-process over
 * DynamoDB Local: see test/fuzz/properties.ts for what must hold, requests.ts for what is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { routes } from '../../lambdas/routes';
import { documentedOperations, openApiDocument, operationOf } from '../support/contract';
import { FUZZ_SEED, runsFor, seedFor } from './config';
import { checkRequest, seen } from './properties';
import { edgePlans, requestPlan } from './requests';
import { startWorld, type World } from './world';

const resolveRef = (node: Record<string, any>) =>
  typeof node.$ref === 'string' ? node.$ref.replace('#/', '').split('/').reduce((at: any, part: string) => at?.[part], openApiDocument) : node;

let world: World;
beforeAll(async () => {
  console.log(`fuzz: FUZZ_SEED=${FUZZ_SEED} (set FUZZ_SEED to replay another run)`);
  world = await startWorld();
});
afterAll(() => {
  const lines = [...seen].map(([route, counts]) => `${route.padEnd(36)} ${[...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  console.log(`fuzz: statuses per route (FUZZ_SEED=${FUZZ_SEED})\n${lines.join('\n')}`);
});

describe('every route of the route table can be fuzzed', () => {
  it('the table and docs/openapi.json name the same operations', () => {
    const table = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documentedOperations().map((o) => `${o.method} ${o.path}`).sort()).toEqual(table);
  });

  // Without a live record, a collection's {id} routes would only ever answer 404: its document examples must create one.
  it('each collection has a record made from its documented examples', () => {
    const empty = routes.filter((r) => r.method === 'POST' && !r.path.includes('{') && routes.some((o) => o.path.startsWith(`${r.path}/{`)) && !world.pools.get(r.path)?.length);
    expect(empty.map((r) => `${r.method} ${r.path}: no request example in docs/openapi.json was created`)).toEqual([]);
  });
});

describe.each(routes.map((route) => ({ route, key: `${route.method} ${route.path}` })))('$key', ({ route, key }) => {
  it('answers a documented 2xx or 4xx in the contract, never 5xx; a refused write changes nothing', async () => {
    const found = operationOf(route.method, route.path.replace(/\{\w+\}/g, 'x'));
    if (!found || found.template !== route.path) throw new Error(`${key} has no operation in docs/openapi.json: run npm run openapi`);
    await world.restore();
    const tokenNames = Object.keys(world.tokens);
    try {
      await fc.assert(fc.asyncProperty(requestPlan(route, found.operation, tokenNames, resolveRef), (plan) => checkRequest(world, route, plan)), {
        seed: seedFor(key),
        numRuns: runsFor(route.method),
        examples: edgePlans(route, found.operation).map((plan) => [plan]),
        // Shrinking replays against a table the failing run changed: FUZZ_SHRINK=0 reports the first failure as it was.
        endOnFailure: process.env.FUZZ_SHRINK === '0',
      });
    } catch (error) {
      // The route's own seed derives from FUZZ_SEED, and its run starts from the seeded table: this replays it alone.
      (error as Error).message = `replay: FUZZ_SEED=${FUZZ_SEED} npx vitest run test/fuzz -t '${key}'\n${(error as Error).message}`;
      throw error;
    }
  });
});
