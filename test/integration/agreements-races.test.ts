/**
 * The agreement rules under concurrency: a stage taken by two writers at once, an agreement
 * deleted while something links to it. Only legal outcomes, and a table whose bookkeeping (copies,
 * stage claims, reference counters) agrees with its records afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';
import { agreement, completedRound, negotiationEvent, repatriation } from '../support/fixtures';
import { dumpTable } from '../support/table-dump';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

type Item = Record<string, any>;
const items = async (): Promise<Item[]> => JSON.parse(await dumpTable(api.tableName));

/** Every record that names an agreement has its copy and (for a staged round) its claim, the agreement exists and counts exactly them. */
async function expectConsistentLinks(): Promise<void> {
  const all = await items();
  const records = all.filter((i) => /^(ROUND|REPATRIATION|NEGOTIATION)$/.test(i.SK));
  const agreements = new Map(all.filter((i) => i.SK === 'AGREEMENT').map((i) => [i.id as string, i]));
  const copies = all.filter((i) => String(i.PK).endsWith('#LINKS') && /^(ROUND|REPATRIATION|NEGOTIATION)#/.test(i.SK));
  const claims = all.filter((i) => String(i.PK).endsWith('#LINKS') && String(i.SK).startsWith('STAGE#'));
  const linked = records.filter((r) => r.agreementId !== undefined);
  for (const record of linked) {
    expect(agreements.has(record.agreementId), `${record.PK} names a missing agreement`).toBe(true);
    expect(copies.filter((c) => c.id === record.id)).toHaveLength(1);
  }
  expect(copies).toHaveLength(linked.length);
  for (const [id, item] of agreements) {
    expect(Number(item._references ?? 0), `references of ${id}`).toBe(linked.filter((r) => r.agreementId === id).length);
  }
  const staged = linked.filter((r) => r.SK === 'ROUND' && r.stage !== undefined);
  expect(claims.map((c) => `${c.PK}|${c.SK}|${c.holder}`).sort()).toEqual(
    staged.map((r) => `AGREEMENT#${r.agreementId}#LINKS|STAGE#${String(r.stage).padStart(4, '0')}|${r.id}`).sort(),
  );
}

const newAgreement = async () => (await api.request('POST', '/agreements', { role: 'editor', body: agreement() })).body;

describe('agreements under concurrency', () => {
  it('10 writers creating the same stage of one agreement: exactly one round holds it, the others are 409', async () => {
    const deal = await newAgreement();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.request('POST', '/rounds', { role: 'editor', body: completedRound({ date: `2025-08-${String(10 + i)}`, agreementId: deal.id, stage: 2 }) }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.error).toMatchObject({ code: 'conflict', details: [{ path: 'stage' }] });
    }
    const listed = (await api.request('GET', `/rounds?agreementId=${deal.id}`)).body.items;
    expect(listed).toHaveLength(1);
    expect((await api.request('GET', `/agreements/${deal.id}`)).body.progress.stages).toEqual([2]);
    await expectConsistentLinks();
  });

  it('10 rounds moved onto the same stage at once: one wins, the others keep their old link', async () => {
    const from = await newAgreement();
    const to = await newAgreement();
    const rounds = await Promise.all(
      Array.from({ length: 10 }, async (_, i) =>
        (await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ date: `2025-09-${String(10 + i)}`, agreementId: from.id, stage: i + 1 }) })).body,
      ),
    );
    const answers = await Promise.all(
      rounds.map((r) => api.request('PATCH', `/rounds/${r.id}`, { role: 'editor', body: { agreementId: to.id, stage: 1 } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect((await api.request('GET', `/rounds?agreementId=${to.id}`)).body.items).toHaveLength(1);
    expect((await api.request('GET', `/rounds?agreementId=${from.id}`)).body.items).toHaveLength(9);
    await expectConsistentLinks();
  });

  it('an agreement deleted while rounds, repatriations and events link to it: either the links or the delete, never a dangling agreementId', async () => {
    const outcomes = { linked: 0, deleted: 0 };
    for (let i = 0; i < 10; i++) {
      const deal = await newAgreement();
      const writes = [
        api.request('POST', '/rounds', { role: 'editor', body: completedRound({ agreementId: deal.id, stage: 1 }) }),
        api.request('POST', '/repatriations', { role: 'editor', body: repatriation({ agreementId: deal.id }) }),
        api.request('POST', '/negotiations', { role: 'editor', body: negotiationEvent({ agreementId: deal.id }) }),
      ];
      const [deletion, ...links] = await Promise.all([api.request('DELETE', `/agreements/${deal.id}`, { role: 'admin' }), ...writes]);
      const now = await api.request('GET', `/agreements/${deal.id}`);
      if (deletion!.status === 204) {
        outcomes.deleted++;
        expect(now.status).toBe(404);
        for (const link of links) expect([link.status, link.body.error?.code]).toEqual([422, 'invalid_reference']);
      } else {
        outcomes.linked++;
        expect(deletion!.status).toBe(409);
        expect(now.status).toBe(200);
        // The agreement was never gone, so every link went through.
        for (const link of links) expect(link.status, link.text).toBe(201);
      }
    }
    expect(outcomes.linked + outcomes.deleted).toBe(10);
    await expectConsistentLinks();
  });

  it('a refused link writes nothing: unknown agreement (422), taken stage (409), referenced agreement delete (409)', async () => {
    const deal = await newAgreement();
    await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ agreementId: deal.id, stage: 1 }) });
    const before = await dumpTable(api.tableName);
    const unknown = await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ agreementId: '01JZ8Y3K4N5P6Q7R8S9T0VWX99', stage: 1 }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toEqual({
      code: 'invalid_reference',
      message: 'agreementId must name an existing agreement',
      details: [{ path: 'agreementId', message: 'No agreement has this id' }],
    });
    const taken = await api.request('POST', '/rounds', { role: 'editor', body: completedRound({ date: '2025-05-24', agreementId: deal.id, stage: 1 }) });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toEqual([{ path: 'stage', message: 'Another round of this agreement is already stage 1' }]);
    const deletion = await api.request('DELETE', `/agreements/${deal.id}`, { role: 'admin' });
    expect(deletion.status).toBe(409);
    expect(deletion.body.error.code).toBe('conflict');
    expect(await dumpTable(api.tableName)).toBe(before);
  });
});
