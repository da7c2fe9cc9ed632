/** The API as the page calls it: its base URL from config.json, JSON reads, and lists walked to their end. */
import type { Page } from './types';

/** A failed read, said so that a person can act on it: what was asked, and what came back. */
export class ApiReadError extends Error {
  constructor(
    readonly what: string,
    message: string,
  ) {
    super(message);
  }
}

/** The base URL of the API: `config.json` beside index.html, `{"apiUrl": "…"}`; an empty string is this page's origin. */
export async function loadApiBase(): Promise<string> {
  let response: Response;
  try {
    response = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new ApiReadError('config.json', 'config.json could not be fetched (network error)');
  }
  if (!response.ok) throw new ApiReadError('config.json', `config.json answered ${response.status}`);
  let config: unknown;
  try {
    config = await response.json();
  } catch {
    throw new ApiReadError('config.json', 'config.json is not JSON');
  }
  const apiUrl = (config as { apiUrl?: unknown } | null)?.apiUrl;
  if (typeof apiUrl !== 'string') throw new ApiReadError('config.json', 'config.json has no "apiUrl" string');
  return apiUrl.replace(/\/+$/, '');
}

export class Api {
  constructor(readonly base: string) {}

  /** An absolute or same-origin URL of an API path (`/stats`, `/exports/rounds.csv`). */
  url(path: string): string {
    return `${this.base}${path}`;
  }

  async get<T>(path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url(path), { headers: { accept: 'application/json' }, credentials: 'omit' });
    } catch {
      throw new ApiReadError(path, `GET ${path}: the API did not answer (network error or CORS)`);
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = '';
      try {
        const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
        if (body.error) detail = ` ${body.error.code ?? ''}: ${body.error.message ?? ''}`;
      } catch {
        // Not the contract's error shape (a proxy's page, say): the status alone.
      }
      throw new ApiReadError(path, `GET ${path} answered ${response.status}${detail}`);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiReadError(path, `GET ${path} answered something that is not JSON`);
    }
  }

  /** Every item of a list route, following `nextCursor` (bounded, so a cursor loop cannot hang the page). */
  async all<T>(path: string, maxPages = 200): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < maxPages; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const query = `${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer: Page<T> = await this.get<Page<T>>(`${path}${query}`);
      items.push(...answer.items);
      cursor = answer.nextCursor;
      if (!cursor) return items;
    }
    throw new ApiReadError(path, `GET ${path}: more than ${maxPages} pages`);
  }
}
