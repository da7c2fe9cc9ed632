/**
 * The local server in-process on a free port, over a fresh table on the run's DynamoDB Local:
 * requests take the whole path a user's request takes (routing, token, middleware, store).
 */
import type { AddressInfo } from 'node:net';
import { createLocalServer } from '../../bin/local/server';
import { signToken } from '../../bin/local/jwt';
import { useFreshTable } from './table';

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
  close(): Promise<void>;
}

process.env.LOCAL_JWT_SECRET ??= 'test-secret-for-local-tokens';

export const tokenFor = (role: TestRole) => signToken(role);

export async function startLocalApi(): Promise<LocalApi> {
  const { tableName } = await useFreshTable();
  const server = createLocalServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    tableName,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.role) headers.authorization = `Bearer ${tokenFor(options.role)}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed as any, text };
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
