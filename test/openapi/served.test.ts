/** `GET /openapi.json` serves the committed document, to anyone, as JSON. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('GET /openapi.json', () => {
  it('answers docs/openapi.json without a token', async () => {
    const answer = await api.request('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toEqual(JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')));
  });

  it('ignores a token, and refuses query parameters like every route', async () => {
    expect((await api.request('GET', '/openapi.json', { role: 'viewer' })).status).toBe(200);
    const refused = await api.request('GET', '/openapi.json?format=yaml');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
  });

  it('is 404 for a method it does not have', async () => {
    const answer = await api.request('POST', '/openapi.json', { body: {} });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });
});
