/**
 * The local server in-process on a free port, over a fresh table on the run's DynamoDB Local:
 * requests take the whole path a user's request takes (routing, token, middleware, store). Every
 * answer is checked against the OpenAPI document (test/support/contract.ts).
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createLocalServer } from '../../bin/local/server';
import { signToken } from '../../bin/local/jwt';
import { useFreshTable } from './table';
import { expect } from 'vitest';
import { contractProblems, expectToMatchContract } from './contract';

export type TestRole = 'viewer' | 'editor' | 'admin';

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  role?: TestRole;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface LocalApi {
  readonly baseUrl: string;
  readonly tableName: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  /** `POST path` as an editor, which must answer 201: the created record. */
  create<T = any>(path: string, body: unknown): Promise<T>;
  close(): Promise<void>;
}

process.env.LOCAL_JWT_SECRET ??= 'test-secret-for-local-tokens';

export const tokenFor = (role: TestRole) => signToken(role);

/**
 * Checks on the server side too, so answers to other clients (the importer's own fetches) are
 * checked as well: violations are collected and fail `close()`.
 */
function checkEveryAnswer(server: Server, violations: string[]): void {
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    let headers: Record<string, string> = {};
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
    response.writeHead = ((...args: unknown[]) => {
      const given = args.slice(1).find((arg) => arg && typeof arg === 'object');
      if (given) headers = given as Record<string, string>;
      return writeHead(...args);
    }) as typeof response.writeHead;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((...args: unknown[]) => {
      const chunk = args[0];
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      violations.push(...contractProblems(request.method ?? 'GET', request.url ?? '/', response.statusCode, headers, text));
      return end(...args);
    }) as typeof response.end;
  });
}

export async function startLocalApi(): Promise<LocalApi> {
  const { tableName } = await useFreshTable();
  const server = createLocalServer();
  const violations: string[] = [];
  checkEveryAnswer(server, violations);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api: LocalApi = {
    baseUrl,
    tableName,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.role) headers.authorization = `Bearer ${await tokenFor(options.role)}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      // Every answer, errors included, must keep the documented contract.
      expectToMatchContract(method, path, response.status, response.headers, text);
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed as any, text };
    },
    async create(path, body) {
      const answer = await api.request('POST', path, { role: 'editor', body });
      expect(answer.status, answer.text).toBe(201);
      return answer.body;
    },
    close: async () => {
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
      if (violations.length) {
        const shown = violations.slice(0, 20).join('\n- ');
        throw new Error(`${violations.length} answers outside the OpenAPI contract (docs/openapi.json):\n- ${shown}`);
      }
    },
  };
  return api;
}
