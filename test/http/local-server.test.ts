/** The API as a user runs it: `npm start`, tokens from `npm run token`, plain HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFetch, groupAlive, npmStart, npmToken, waitForExit, type StartedApi } from '../support/npm-start';
import { completedRound } from '../support/fixtures';

let api: StartedApi;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  api = await npmStart(['--in-memory']);
  for (const role of ['viewer', 'editor', 'admin']) tokens[role] = await npmToken(role);
});
afterAll(async () => {
  if (api) await api.interrupt();
});

const call = async (method: string, path: string, init: { token?: string; body?: string; headers?: Record<string, string> } = {}) => {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const { status, headers: answered, text } = await checkedFetch(api.baseUrl, path, { method, headers, body: init.body });
  return { status, headers: answered, text, json: text ? JSON.parse(text) : undefined };
};
const json = { 'content-type': 'application/json' };

describe('npm start', () => {
  it('prints the URL and how to get a token', () => {
    expect(api.output()).toContain(`http://localhost:${api.port}`);
    expect(api.output()).toContain('npm run -s token -- editor');
  });

  it('serves the rounds routes by role', async () => {
    expect((await call('GET', '/rounds')).status).toBe(200);
    const body = JSON.stringify(completedRound());
    expect((await call('POST', '/rounds', { body, headers: json })).json.error.code).toBe('unauthorized');
    expect((await call('POST', '/rounds', { body, headers: json, token: 'not.a.token' })).status).toBe(401);
    expect((await call('POST', '/rounds', { body, headers: json, token: tokens.viewer })).json.error.code).toBe('forbidden');
    const created = await call('POST', '/rounds', { body, headers: json, token: tokens.editor });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect((await call('GET', `/rounds/${id}`, { token: 'ignored on public routes' })).status).toBe(200);
    const patched = await call('PATCH', `/rounds/${id}`, { body: '{"stage":2}', headers: { ...json, 'if-match': '"1"' }, token: tokens.editor });
    expect(patched.json.version).toBe(2);
    expect((await call('DELETE', `/rounds/${id}`, { token: tokens.editor })).status).toBe(403);
    expect((await call('DELETE', `/rounds/${id}`, { token: tokens.admin })).status).toBe(204);
  });

  it('answers the contract’s errors, never a stack trace', async () => {
    const cases: [string, string, { token?: string; body?: string; headers?: Record<string, string> }, number, string][] = [
      ['GET', '/nowhere', {}, 404, 'not_found'],
      ['PUT', '/rounds', {}, 404, 'not_found'],
      ['GET', '/rounds/01ARZ3NDEKTSV4RRFFQ69G5FAV', {}, 404, 'not_found'],
      ['GET', '/rounds/not-an-id', {}, 404, 'not_found'],
      ['POST', '/rounds', { token: tokens.editor, body: '{"date":', headers: json }, 400, 'malformed_json'],
      ['POST', '/rounds', { token: tokens.editor, body: 'date=2025-01-01', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
      ['POST', '/rounds', { token: tokens.editor, body: JSON.stringify({ notes: 'x'.repeat(70_000) }), headers: json }, 413, 'payload_too_large'],
      ['POST', '/rounds', { token: tokens.editor, headers: json }, 400, 'validation_failed'],
      ['GET', '/rounds?cursor=abc', {}, 400, 'invalid_cursor'],
    ];
    for (const [method, path, init, status, code] of cases) {
      const answer = await call(method, path, init);
      expect(answer.status, `${method} ${path}`).toBe(status);
      expect(Object.keys(answer.json)).toEqual(['error']);
      expect(answer.json.error.code).toBe(code);
      expect(typeof answer.json.error.message).toBe('string');
      expect(answer.text).not.toMatch(/\bat .*\.ts:\d+/);
      expect(answer.headers.get('content-type')).toBe('application/json');
    }
  });

  it('takes a trailing slash as API Gateway’s REST APIs do: /rounds/ is /rounds, roles and all', async () => {
    const created = await call('POST', '/rounds/', { body: JSON.stringify(completedRound()), headers: json, token: tokens.editor });
    expect(created.status).toBe(201);
    const id = created.json.id;
    for (const path of ['/rounds/', '/stats/', '/openapi.json/', `/rounds/${id}/`, '/repatriations/?year=2025']) {
      expect((await call('GET', path)).status, path).toBe(200);
    }
    expect((await call('GET', `/rounds/${id}/persons/`, { token: tokens.viewer })).status).toBe(200);
    expect((await call('GET', `/rounds/${id}/persons/`)).status).toBe(401);
    expect((await call('DELETE', `/rounds/${id}/`, { token: tokens.editor })).status).toBe(403);
    expect((await call('DELETE', `/rounds/${id}/`, { token: tokens.admin })).status).toBe(204);
    expect((await call('GET', '/nowhere/')).status).toBe(404);
  });

  it('answers CORS preflights for the allowed origin only', async () => {
    const allowed = await call('OPTIONS', '/rounds', { headers: { origin: `http://localhost:${api.port}`, 'access-control-request-method': 'POST' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(`http://localhost:${api.port}`);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const other = await call('OPTIONS', '/rounds', { headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a second npm start on the same port says so and exits without starting anything', async () => {
    const second = await npmStart(['--in-memory'], {}, api.port);
    const code = await waitForExit(second);
    expect(code).not.toBe(0);
    expect(second.output()).toContain('already in use');
    expect(groupAlive(second.child.pid!)).toBe(false);
    expect((await call('GET', '/rounds')).status).toBe(200);
  });
});
