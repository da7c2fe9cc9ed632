/**
 * The dashboard beside the API on the local server: `GET`/`HEAD` of `/`, `/index.html`, the built
 * assets and `/config.json` (generated: `{"apiUrl": ""}`, so the page calls the API on its own
 * origin). The files are held in memory, looked up by exact path (no file system path is ever
 * built from a request, so there is nothing to traverse); every other request goes on to the route
 * table, and is 404 there as before.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { BuiltFile } from '../dashboard/build';

export interface StaticFile {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export type DashboardFiles = ReadonlyMap<string, StaticFile>;

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
};

/**
 * The page reads only its own origin (config.json's apiUrl is "" here): scripts, styles and images
 * from it, requests to it, nothing inline, no framing, no forms, no <base>.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Content-hashed names (`main-3FZ….js`) never change content: cached for good; the rest is revalidated. */
const HASHED = /-[A-Z0-9]{8}\.(js|css)$/;

function staticFile(name: string, body: Buffer): StaticFile {
  const extension = name.slice(name.lastIndexOf('.') + 1);
  const contentType = CONTENT_TYPES[extension];
  if (!contentType) throw new Error(`dashboard file ${name}: no content type for .${extension}`);
  return {
    body,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': contentType,
      'content-length': String(body.length),
      'cache-control': HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    },
  };
}

/** The paths the local server answers from the build, with `/config.json` for the same origin. */
export function dashboardFiles(files: readonly BuiltFile[], config: { apiUrl: string } = { apiUrl: '' }): DashboardFiles {
  const served = new Map<string, StaticFile>();
  for (const file of files) {
    if (file.name === 'config.json') continue; // the host's own, below
    if (!/^[\w.-]+$/.test(file.name) || file.name.startsWith('.')) throw new Error(`dashboard file name ${JSON.stringify(file.name)} is not a plain file name`);
    served.set(`/${file.name}`, staticFile(file.name, file.body));
  }
  const index = served.get('/index.html');
  if (!index) throw new Error('the dashboard build has no index.html');
  served.set('/', index);
  served.set('/config.json', staticFile('config.json', Buffer.from(`${JSON.stringify(config)}\n`, 'utf8')));
  return served;
}

/** Paths that are the dashboard's whatever the build holds: answered 503 while it is not built yet. */
export const DASHBOARD_ENTRY_PATHS: ReadonlySet<string> = new Set(['/', '/index.html', '/config.json']);

export interface StaticAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  /** Absent for HEAD and 304. */
  readonly body?: Buffer;
}

/** The answer for a dashboard file, or undefined when the request is not for one (it goes on to the API's routes). */
export function answerStatic(request: IncomingMessage, pathname: string, files: DashboardFiles): StaticAnswer | undefined {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const file = files.get(pathname);
  if (!file) return undefined;
  const etag = file.headers.etag!;
  const conditional = request.headers['if-none-match'];
  if (conditional && conditional.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    const { 'content-length': _length, 'content-type': _type, ...headers } = file.headers;
    return { statusCode: 304, headers };
  }
  return { statusCode: 200, headers: { ...file.headers }, body: method === 'HEAD' ? undefined : file.body };
}

/** What the local server has of the dashboard: being built at start, built, or not buildable. */
export type DashboardState =
  | { readonly state: 'building' }
  | { readonly state: 'ready'; readonly files: DashboardFiles }
  | { readonly state: 'failed'; readonly message: string };

/**
 * The dashboard's answer to a request, or undefined when it is not the dashboard's to answer. While
 * the build is not there, its entry paths answer 503 in the contract's error shape.
 */
export function dashboardAnswer(request: IncomingMessage, dashboard: DashboardState): StaticAnswer | undefined {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (dashboard.state === 'ready') return answerStatic(request, pathname, dashboard.files);
  const method = request.method ?? 'GET';
  if ((method !== 'GET' && method !== 'HEAD') || !DASHBOARD_ENTRY_PATHS.has(pathname)) return undefined;
  const message =
    dashboard.state === 'building'
      ? 'The dashboard is being built; retry in a second'
      : `The dashboard could not be built (${dashboard.message}); the API itself runs. Fix it and restart npm start, or run npm run build:dashboard`;
  const body = Buffer.from(JSON.stringify({ error: { code: 'unavailable', message } }), 'utf8');
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'content-type': 'application/json', 'content-length': String(body.length), 'cache-control': 'no-store' };
  if (dashboard.state === 'building') headers['retry-after'] = '1';
  return { statusCode: 503, headers, body: method === 'HEAD' ? undefined : body };
}
