/**
 * Reconciliations against DynamoDB Local: the report and its pages agree with each other, the
 * omitted persons are exactly the held persons of the side that nothing matched, a missing person
 * found on the list is counted, and no person changes. Roles, sizes, idempotency and delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { person, reconciliationList } from '../support/fixtures';
import { walkPages } from '../support/pages';
import { dumpTable } from '../support/table-dump';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const create = async (body: unknown) => {
  const answer = await api.request('POST', '/persons', { role: 'editor', body });
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
};

const personItems = async () => JSON.stringify(JSON.parse(await dumpTable(api.tableName)).filter((i: { PK: string }) => i.PK.startsWith('PERSON#')));

describe('reconciliations', () => {
  it('matches across scripts, reports possible and unknown entries, omits the unmatched held persons, counts a missing person found', async () => {
    const maryanenko = await create(person({ fullName: "Олександр Мар'яненко", dateOfBirth: '1994-03-17', status: 'held' }));
    const oliinyk = await create(person({ fullName: 'Сергій Олійник', dateOfBirth: '1990-01-01', status: 'missing', serviceNumber: undefined }));
    const petrenko = await create(person({ fullName: 'Іван Петренко', dateOfBirth: '1985-07-07', status: 'held', serviceNumber: undefined }));
    const shevchuk = await create(person({ fullName: 'Тарас Шевчук', dateOfBirth: '1999-09-09', status: 'held', serviceNumber: undefined }));
    await create(person({ fullName: 'Иван Петренко', side: 'russia', status: 'held', serviceNumber: undefined }));
    const before = await personItems();

    const body = reconciliationList({
      entries: [
        { ref: '1', fullName: 'Aleksandr Maryanenko', dateOfBirth: '1994-03-17' },
        { ref: '2', fullName: 'Олейник Сергей', dateOfBirth: '1990-01-01', kind: 'military' },
        { ref: '3', fullName: 'Petrenko Ivan', dateOfBirth: '1971-02-02' },
        { ref: '4', fullName: 'John Smith' },
      ],
    });
    const created = await api.request('POST', '/reconciliations', { role: 'editor', body, headers: { 'idempotency-key': 'list-0607' } });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('location')).toBe(`/reconciliations/${created.body.id}`);
    expect(Object.keys(created.body)).toEqual(['id', 'title', 'receivedFrom', 'receivedOn', 'listOf', 'createdAt', 'version', 'summary']);
    const id = created.body.id;

    const entries = await walkPages(api, `/reconciliations/${id}/entries`, 2, 'viewer');
    expect(entries.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(entries.map((e) => [e.ref, e.outcome])).toEqual([['1', 'matched'], ['2', 'matched'], ['3', 'possible'], ['4', 'unknown']]);
    expect(entries[0].match).toMatchObject({ personId: maryanenko.id, agreed: expect.arrayContaining(['name', 'dateOfBirth']) });
    expect(entries[1].match.personId).toBe(oliinyk.id);
    expect(entries[1].kind).toBe('military');
    expect(entries[2].match).toBeNull();
    expect(entries[2].candidates.map((c: { personId: string }) => c.personId)).toContain(petrenko.id);
    expect(entries[3]).toMatchObject({ match: null, candidates: [] });

    const summary = created.body.summary;
    const count = (outcome: string) => entries.filter((e) => e.outcome === outcome).length;
    expect(summary).toEqual({ entries: 4, matched: count('matched'), possible: count('possible'), unknown: count('unknown'), omitted: 2, missingFound: 1 });
    for (const outcome of ['matched', 'possible', 'unknown']) {
      const only = await walkPages(api, `/reconciliations/${id}/entries?outcome=${outcome}`, 1, 'viewer');
      expect(only.map((e) => e.index)).toEqual(entries.filter((e) => e.outcome === outcome).map((e) => e.index));
    }
    const omitted = await walkPages(api, `/reconciliations/${id}/omitted`, 1, 'viewer');
    expect(omitted.map((o) => o.personId).sort()).toEqual([petrenko.id, shevchuk.id].sort());
    expect(omitted[0]).toEqual({ personId: omitted[0].personId, fullName: expect.any(String), status: 'held' });

    // A report: no person changed.
    expect(await personItems()).toBe(before);

    const again = await api.request('POST', '/reconciliations', { role: 'editor', body, headers: { 'idempotency-key': 'list-0607' } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(created.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await walkPages(api, '/reconciliations', 10, 'viewer')).map((r) => r.id)).toEqual([id]);
    expect((await api.request('GET', `/reconciliations/${id}`, { role: 'viewer' })).body).toEqual(created.body);

    const audit = await api.request('GET', `/audit?entity=reconciliations&id=${id}`, { role: 'admin' });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);

    expect((await api.request('DELETE', `/reconciliations/${id}`, { role: 'editor' })).status).toBe(403);
    expect((await api.request('DELETE', `/reconciliations/${id}`, { role: 'admin' })).status).toBe(204);
    expect((await api.request('GET', `/reconciliations/${id}`, { role: 'viewer' })).status).toBe(404);
    expect((await api.request('GET', `/reconciliations/${id}/entries`, { role: 'viewer' })).status).toBe(404);
    const left = JSON.parse(await dumpTable(api.tableName)).filter((i: { PK: string }) => i.PK.startsWith(`RECONCILIATION#${id}`));
    expect(left).toEqual([]);
  });

  it('is personal data: 401 without a token, 403 for a viewer writing; sizes: 2,000 entries yes, 2,001 no', async () => {
    const list = (n: number) => ({
      title: 'A long list',
      receivedFrom: 'icrc',
      receivedOn: '2025-11-15',
      listOf: 'russia',
      entries: Array.from({ length: n }, (_, i) => ({ ref: String(i), fullName: `Николай Сидоренко-${i}`, dateOfBirth: '1980-01-01' })),
    });
    expect((await api.request('GET', '/reconciliations')).status).toBe(401);
    expect((await api.request('POST', '/reconciliations', { role: 'viewer', body: list(1) })).status).toBe(403);
    const tooMany = await api.request('POST', '/reconciliations', { role: 'editor', body: list(2001) });
    expect([tooMany.status, tooMany.body.error.details[0].path]).toEqual([400, 'entries']);
    const full = await api.request('POST', '/reconciliations', { role: 'editor', body: list(2000) });
    expect(full.status, full.text).toBe(201);
    expect(full.body.summary.entries).toBe(2000);
    const page = await api.request('GET', `/reconciliations/${full.body.id}/entries?limit=100&outcome=unknown`, { role: 'viewer' });
    expect(page.body.items).toHaveLength(100);
    const huge = await api.request('POST', '/reconciliations', { role: 'editor', rawBody: JSON.stringify({ ...list(1), title: 'x'.repeat(1100 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
  });
});
