/**
 * What the local server lets out on its edges: no credential from a query string in its request
 * log, and the contract's error shape even for a request whose headers Node refuses to parse.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedFetch, npmStart, type StartedApi } from '../support/npm-start';

let api: StartedApi;
beforeAll(async () => {
  api = await npmStart(['--in-memory']);
});
afterAll(async () => {
  if (api) await api.interrupt();
});

/** Writes each request in turn on one connection, the next once the previous answer is in; resolves with all that came back. */
function exchange(port: number, requests: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let answered = 0;
    socket.on('connect', () => socket.write(requests[0]!));
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      // Every answer here ends with a JSON error body: `}}` closes one.
      const complete = received.split('}}').length - 1;
      if (complete > answered && complete < requests.length) socket.write(requests[(answered = complete)]!);
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no end of answer; got ${received.slice(0, 300)}`)));
  });
}

const bigHeaders = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nCookie: ${'a=1; '.repeat(8000)}\r\n\r\n`;

describe('the local server', () => {
  it('logs a query string with every credential in it redacted', async () => {
    const paths = [
      '/rounds?access_token=SECRET-ONE',
      '/stats?TOKEN=SECRET-TWO',
      '/rounds?limit=5&Id_Token=SECRET-THREE',
      '/rounds?access%5Ftoken=SECRET-FOUR',
      '/openapi.json?refresh_token=SECRET-FIVE&token=SECRET-SIX',
    ];
    for (const path of paths) expect((await checkedFetch(api.baseUrl, path)).status, path).toBe(400);
    expect((await checkedFetch(api.baseUrl, '/rounds?year=2025')).status).toBe(200);

    await expect.poll(() => api.output()).toContain('GET /rounds?year=2025 200');
    const log = api.output();
    expect(log).not.toContain('SECRET');
    expect(log).toContain('GET /rounds?access_token=REDACTED 400');
    expect(log).toContain('GET /stats?TOKEN=REDACTED 400');
    expect(log).toContain('GET /rounds?limit=5&Id_Token=REDACTED 400');
    expect(log).toContain('GET /rounds?access%5Ftoken=REDACTED 400');
    expect(log).toContain('GET /openapi.json?refresh_token=REDACTED&token=REDACTED 400');
  });

  it('answers a header block over Node’s limit with 431 in the contract’s error shape', async () => {
    const answer = await exchange(api.port, [bigHeaders('/rounds')]);
    const [head, body] = answer.split('\r\n\r\n') as [string, string];
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(head).toMatch(/^content-type: application\/json$/im);
    expect(head).toMatch(/^x-request-id: \S+$/im);
    const parsed = JSON.parse(body);
    expect(Object.keys(parsed)).toEqual(['error']);
    expect(parsed.error.code).toBe('request_header_fields_too_large');
    expect(typeof parsed.error.message).toBe('string');
    await expect.poll(() => api.output()).toMatch(/431/);
  });

  it('answers 431 too after an earlier answer on the same connection', async () => {
    const first = 'GET /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n';
    const answer = await exchange(api.port, [first, bigHeaders('/stats')]);
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toContain('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer).toContain('"code":"request_header_fields_too_large"');
    expect((await checkedFetch(api.baseUrl, '/stats')).status).toBe(200);
  });
});
