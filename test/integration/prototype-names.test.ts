/** The local server with query parameters and headers named like Object's own properties: 400 or 200, never 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalApi, type LocalApi } from '../support/local-api';

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('prototype names on the local server', () => {
  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'])('?%s=1 is 400, the parameter named', async (name) => {
    const answer = await api.request('GET', `/rounds?${name}=1`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ path: `query.${name}`, message: 'Unknown field' }]);
  });

  it('a repeated ?constructor is 400 too', async () => {
    const answer = await api.request('GET', '/rounds?constructor=1&constructor=2');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('a header named %s is just a header', async (name) => {
    const answer = await api.request('GET', '/rounds', { headers: { [name]: 'x' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: [], nextCursor: null });
  });
});
