/** The referential rules under concurrency, and refused writes that leave no trace. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { completedRound } from '../support/fixtures';
import { dumpTable } from '../support/table-dump';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const exchangedPerson = (roundId: string, overrides: Record<string, unknown> = {}) => ({
  fullName: 'Тарас Шевчук',
  side: 'ukraine',
  kind: 'military',
  status: 'exchanged',
  roundId,
  ...overrides,
});

describe('persons and rounds racing', () => {
  it('a person exchanged into a round being deleted at the same moment: never a dangling roundId', async () => {
    const outcomes = { personWon: 0, deleteWon: 0 };
    for (let i = 0; i < 25; i++) {
      const round = (await api.request('POST', '/rounds', { role: 'editor', body: completedRound() })).body;
      const [person, deletion] = await Promise.all([
        api.request('POST', '/persons', { role: 'editor', body: exchangedPerson(round.id) }),
        api.request('DELETE', `/rounds/${round.id}`, { role: 'admin' }),
      ]);
      const roundNow = await api.request('GET', `/rounds/${round.id}`);
      if (person.status === 201) {
        expect(deletion.status).toBe(409);
        expect(roundNow.status).toBe(200);
        outcomes.personWon++;
        const listed = await api.request('GET', `/rounds/${round.id}/persons`, { role: 'viewer' });
        expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([person.body.id]);
      } else {
        expect(person.status).toBe(422);
        expect(person.body.error.code).toBe('invalid_reference');
        expect(deletion.status).toBe(204);
        expect(roundNow.status).toBe(404);
        outcomes.deleteWon++;
      }
    }
    expect(outcomes.personWon + outcomes.deleteWon).toBe(25);
  });

  it('a round taken out of completed while a person is exchanged into it: one of them is refused', async () => {
    for (let i = 0; i < 10; i++) {
      const round = (await api.request('POST', '/rounds', { role: 'editor', body: completedRound() })).body;
      const [person, change] = await Promise.all([
        api.request('POST', '/persons', { role: 'editor', body: exchangedPerson(round.id) }),
        api.request('PATCH', `/rounds/${round.id}`, {
          role: 'editor',
          body: { status: 'cancelled', returnedToUkraine: null, returnedToRussia: null },
        }),
      ]);
      const roundNow = (await api.request('GET', `/rounds/${round.id}`)).body;
      if (person.status === 201) {
        expect(change.status).toBe(409);
        expect(roundNow.status).toBe('completed');
      } else {
        expect(person.status).toBe(422);
        expect(change.status).toBe(200);
        expect(roundNow.status).toBe('cancelled');
      }
    }
  });

  it('20 concurrent POSTs with one Idempotency-Key create exactly one person', async () => {
    const round = (await api.request('POST', '/rounds', { role: 'editor', body: completedRound() })).body;
    const body = exchangedPerson(round.id, { fullName: 'Once Only', categories: ['women'] });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api.request('POST', '/persons', { role: 'editor', body, headers: { 'idempotency-key': 'person-once' } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const listed = await api.request('GET', `/persons?roundId=${round.id}`, { role: 'viewer' });
    expect(listed.body.items).toHaveLength(1);
    // One reference counted, not twenty: after deleting the person the round can go.
    expect((await api.request('DELETE', `/persons/${answers[0]!.body.id}`, { role: 'admin' })).status).toBe(204);
    expect((await api.request('DELETE', `/rounds/${round.id}`, { role: 'admin' })).status).toBe(204);
  });

  it('a refused write leaves the table byte-for-byte unchanged', async () => {
    const round = (await api.request('POST', '/rounds', { role: 'editor', body: completedRound() })).body;
    const planned = (await api.request('POST', '/rounds', { role: 'editor', body: { date: '2025-12-24', status: 'planned' } })).body;
    const person = (await api.request('POST', '/persons', { role: 'editor', body: exchangedPerson(round.id, { categories: ['medics'] }) })).body;
    const before = await dumpTable(api.tableName);

    const refusals = [
      api.request('POST', '/persons', { role: 'editor', body: exchangedPerson(planned.id) }), // 422
      api.request('PATCH', `/persons/${person.id}`, { role: 'editor', body: { roundId: planned.id, categories: ['women'] } }), // 422
      api.request('PATCH', `/persons/${person.id}`, { role: 'editor', body: { notes: 'x' }, headers: { 'if-match': '"9"' } }), // 412
      api.request('DELETE', `/rounds/${round.id}`, { role: 'admin' }), // 409
      api.request('PATCH', `/rounds/${round.id}`, { role: 'editor', body: { status: 'planned', returnedToUkraine: null, returnedToRussia: null } }), // 409
      api.request('POST', '/rounds', { role: 'editor', body: { date: '2025-01-01', status: 'completed', colour: 'red' } }), // 400
      api.request('POST', '/persons', { role: 'viewer', body: exchangedPerson(round.id) }), // 403
    ];
    const statuses = [];
    for (const refusal of refusals) statuses.push((await refusal).status);
    expect(statuses).toEqual([422, 422, 412, 409, 409, 400, 403]);
    expect(await dumpTable(api.tableName)).toBe(before);
  });
});
