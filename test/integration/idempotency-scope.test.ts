/** Idempotency keys belong to the caller who sent them, and a record's stored answer goes when the record goes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { person } from '../support/fixtures';
import { dumpTable } from '../support/table-dump';
import { signToken } from '../../bin/local/jwt';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

const asEditor = async (subject: string) => ({ authorization: `Bearer ${await signToken('editor', { subject })}`, 'idempotency-key': 'shared-key-1' });

describe('Idempotency-Key', () => {
  it('another editor with the same key and body gets a record of their own, not the first editor’s answer', async () => {
    const body = person({ fullName: 'Oleksandr Petrenko' });
    const first = await api.request('POST', '/persons', { body, headers: await asEditor('editor-a') });
    expect(first.status).toBe(201);
    const second = await api.request('POST', '/persons', { body, headers: await asEditor('editor-b') });
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
    const again = await api.request('POST', '/persons', { body, headers: await asEditor('editor-a') });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('deleting the record deletes the answer stored with it: no copy of the person is left', async () => {
    const body = person({ fullName: 'Zinaida Kovalchuk' });
    const created = await api.request('POST', '/persons', { body, headers: { ...(await asEditor('editor-c')), 'idempotency-key': 'delete-me' } });
    expect(created.status).toBe(201);
    expect(await dumpTable(api.tableName)).toContain('Zinaida Kovalchuk');
    const deleted = await api.request('DELETE', `/persons/${created.body.id}`, { role: 'admin' });
    expect(deleted.status).toBe(204);
    // The audit trail keeps its own record of the deletion (admins only); nothing else may hold the person.
    const left = JSON.parse(await dumpTable(api.tableName)) as { PK: string }[];
    const holding = left.filter((item) => JSON.stringify(item).includes('Zinaida Kovalchuk')).map((item) => item.PK.split('#')[0]);
    expect(holding).toEqual(['AUDIT', 'AUDIT']);
    const replay = await api.request('POST', '/persons', { body, headers: { ...(await asEditor('editor-c')), 'idempotency-key': 'delete-me' } });
    expect(replay.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.body.id).not.toBe(created.body.id);
  });
});
