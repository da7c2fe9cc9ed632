/** Personal data never leaves through a public answer, an error message or a log line. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFetch, npmStart, npmToken, type StartedApi } from '../support/npm-start';
import { completedRound } from '../support/fixtures';

const NAME = 'Зиновій Неповторний-Журавель';
let api: StartedApi;
let editor: string;
let admin: string;

beforeAll(async () => {
  // DEBUG: every line any handler may write is in the log this test reads.
  api = await npmStart(['--in-memory'], { POWERTOOLS_LOG_LEVEL: 'DEBUG' });
  editor = await npmToken('editor');
  admin = await npmToken('admin');
});
afterAll(async () => {
  if (api) await api.interrupt();
});

const call = async (method: string, path: string, token?: string, body?: unknown) => {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const { status, text } = await checkedFetch(api.baseUrl, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status, text };
};

describe('personal data', () => {
  it('reaches viewers and up only, and no log line', async () => {
    const round = JSON.parse((await call('POST', '/rounds', editor, completedRound())).text);
    const created = await call('POST', '/persons', editor, { fullName: NAME, side: 'ukraine', kind: 'civilian', status: 'exchanged', roundId: round.id });
    expect(created.status).toBe(201);
    const person = JSON.parse(created.text);
    expect(person.fullName).toBe(NAME);

    const answers = [
      await call('GET', `/persons/${person.id}`),
      await call('GET', '/persons'),
      await call('GET', `/rounds/${round.id}/persons`),
      await call('GET', '/rounds'),
      await call('GET', `/rounds/${round.id}`),
      await call('PATCH', `/persons/${person.id}`, editor, { fullName: `${NAME} ${'я'.repeat(200)}` }),
      await call('POST', '/persons', editor, { fullName: NAME, side: 'nowhere', kind: 'civilian', status: 'held' }),
      await call('POST', '/persons', editor, { fullName: NAME, side: 'ukraine', kind: 'civilian', status: 'held', roundId: round.id }),
      await call('DELETE', `/rounds/${round.id}`, admin),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 200, 200, 400, 400, 400, 409]);
    for (const answer of answers) expect(answer.text).not.toContain(NAME.split(' ')[1]);

    // A reconciliation that finds the person, and one refused: the name in neither an anonymous answer nor a log line.
    const list = { title: 'A list', receivedFrom: 'russia', receivedOn: '2025-06-07', listOf: 'ukraine', entries: [{ fullName: NAME }] };
    const reconciled = await call('POST', '/reconciliations', editor, list);
    expect(reconciled.status).toBe(201);
    const report = JSON.parse(reconciled.text);
    const reports = [
      await call('GET', `/reconciliations/${report.id}/entries`),
      await call('GET', `/reconciliations/${report.id}/omitted`),
      await call('POST', '/reconciliations', editor, { ...list, receivedFrom: 'nowhere' }),
    ];
    expect(reports.map((a) => a.status)).toEqual([401, 401, 400]);
    for (const answer of reports) expect(answer.text).not.toContain(NAME.split(' ')[1]);

    const viewer = await npmToken('viewer');
    expect((await call('GET', `/reconciliations/${report.id}/entries`, viewer)).text).toContain(NAME);
    expect((await call('GET', `/persons/${person.id}`, viewer)).text).toContain(NAME);
    expect(api.output()).toContain(`/persons/${person.id}`); // the requests were logged (the server's line)…
    expect(api.output()).toMatch(/"route": "GET \/persons\/\{id\}"/); // …and the handler's, by route…
    expect(api.output()).toMatch(/"message": "reconciliation"/);
    expect(api.output()).not.toContain(NAME.split(' ')[1]); // …without the person in them
  });
});
