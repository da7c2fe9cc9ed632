/**
 * The local stand-in for API Gateway: matches the route table, verifies bearer tokens where the
 * Cognito authorizer would, builds the proxy event and calls the same Lambda handlers in-process.
 */
import { createServer, maxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { bodyLimitOf, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, lambdaFunctions, routes, type FunctionName, type LambdaFunctionSpec } from '../../lambdas/routes';
import { ApiError, notFound, payloadTooLarge, unauthorized } from '../../lambdas/http/api-error';
import { errorReply } from '../../lambdas/http/error-response';
import { toResult } from '../../lambdas/http/result';
import { CORS_ALLOWED_HEADERS, corsHeaders } from '../../lambdas/http/cors';
import type { LambdaHandler } from '../../lambdas/http/lambda-handler';
import { authorizerClaims, verifyToken } from './jwt';
import { matchPath } from './route-matcher';
import { proxyEvent } from './proxy-event';
import { dashboardAnswer, type DashboardState } from './dashboard';
import { inInvocation } from './invocation';

/** API Gateway's own limit is 10 MB; reading stops well before that, past the largest route limit; the handlers refuse past their route's. */
const MAX_READ_BYTES = Math.max(...routes.map(bodyLimitOf)) + 1;

/** Entry paths in the route table are relative to the project root, wherever `npm start` runs from. */
const projectRoot = new URL('../../', import.meta.url);

const handlers = new Map<FunctionName, Promise<LambdaHandler>>();
export function handlerOf(fn: FunctionName): Promise<LambdaHandler> {
  let loaded = handlers.get(fn);
  if (!loaded) {
    const url = new URL(lambdaFunctions[fn].entry, projectRoot).href;
    loaded = import(url).then((module: { handler: LambdaHandler }) => module.handler);
    handlers.set(fn, loaded);
  }
  return loaded;
}

function readBody(request: IncomingMessage): Promise<string | 'too_large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_READ_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size > MAX_READ_BYTES ? 'too_large' : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Query parameters that may carry a credential (OAuth's `access_token`, an `id_token`, a bare
 * `token`): a client that puts one in a URL must not find it in the request log.
 */
const CREDENTIAL_PARAMETERS = new Set(['access_token', 'id_token', 'refresh_token', 'token']);

/** The request target as it may be logged: every credential parameter's value is `REDACTED`. */
export function loggableUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const rawName = pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A name that does not decode is logged as sent, and compared as sent.
      }
      return CREDENTIAL_PARAMETERS.has(name.toLowerCase()) ? `${rawName}=REDACTED` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

/**
 * Until DynamoDB answers, every route is 503: said in the contract's shape, but not logged as a
 * failure (with a stack) as a 503 of the store would be — nothing has failed, the API is starting.
 */
function starting(requestId: string, origin: string | undefined): APIGatewayProxyResult {
  const reply = {
    status: 503,
    body: { error: { code: 'unavailable', message: 'The API is starting (its DynamoDB is not ready yet); retry in a second' } },
    headers: { 'retry-after': '1' },
  };
  return toResult(reply, { headers: { origin: origin ?? '' } }, requestId);
}

/** Node's own answers to a request it cannot parse, for the cases the contract's shape does not cover. */
const BARE_ANSWERS: Record<string, string> = {
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * A header block over Node's limit never reaches the request handler; without this listener Node
 * answers a bare 431. The answer is written to the socket by hand (there is no response object),
 * and only when no answer to an earlier request on the connection is still being written.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, answering: WeakMap<Duplex, number>, log?: (line: string) => void): void {
  if (!socket.writable || (answering.get(socket) ?? 0) > 0 || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const requestId = randomUUID();
    const body = JSON.stringify({
      error: { code: 'request_header_fields_too_large', message: `The request's header block is over ${maxHeaderSize} bytes` },
    });
    socket.end(
      [
        'HTTP/1.1 431 Request Header Fields Too Large',
        'content-type: application/json',
        `content-length: ${Buffer.byteLength(body)}`,
        `x-request-id: ${requestId}`,
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
    log?.(`(request headers over ${maxHeaderSize} bytes) 431`);
    return;
  }
  socket.end(`HTTP/1.1 ${BARE_ANSWERS[error.code ?? ''] ?? '400 Bad Request'}\r\nconnection: close\r\n\r\n`);
}

function send(response: ServerResponse, result: APIGatewayProxyResult): void {
  response.writeHead(result.statusCode, result.headers as Record<string, string>);
  response.end(result.body);
}

export function lambdaContext(fn: FunctionName, requestId: string): Context {
  const spec: LambdaFunctionSpec = lambdaFunctions[fn];
  // As on Lambda: the function's own timeout counts down from the invocation, so the handler's early answer comes when it would there.
  const deadline = Date.now() + (spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  return {
    awsRequestId: requestId,
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: String(spec.memoryMb ?? DEFAULT_MEMORY_MB),
    logGroupName: `/local/${fn}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function answer(request: IncomingMessage, requestId: string, ready: () => boolean): Promise<APIGatewayProxyResult> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const origin = request.headers.origin;
  const match = matchPath(method, url.pathname);
  // As API Gateway's refusals before the handler (401, 413): on a route that needs a role, no-store too.
  const fail = (error: ApiError) =>
    toResult(errorReply(error, requestId, `${method} ${url.pathname}`), { headers: { origin: origin ?? '' }, route: match?.route }, requestId);

  if (method === 'OPTIONS' && match) {
    const methods = routes.filter((route) => route.path === match.template).map((route) => route.method);
    return {
      statusCode: 204,
      headers: {
        ...corsHeaders(origin),
        'access-control-allow-methods': [...methods, 'OPTIONS'].join(','),
        'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(','),
      },
      body: '',
    };
  }
  if (!match?.route) return fail(notFound('The route'));
  // The port is taken before DynamoDB Local is up; until then, the honest answer is 503.
  if (!ready()) return starting(requestId, origin);

  const body = await readBody(request);
  if (body === 'too_large') return fail(payloadTooLarge(bodyLimitOf(match.route)));

  let claims: Record<string, string> | undefined;
  if (match.route.role !== 'public') {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const verified = bearer ? await verifyToken(bearer[1]!) : undefined;
    if (!verified) return fail(unauthorized());
    claims = authorizerClaims(verified);
  }
  const event = proxyEvent(request, url, match.template, match.pathParameters, body, claims, requestId);
  const fn = match.route.fn;
  const handler = await handlerOf(fn);
  return inInvocation(requestId, () => handler(event, lambdaContext(fn, requestId)));
}

export interface LocalServerOptions {
  readonly log?: (line: string) => void;
  readonly ready?: () => boolean;
  /** The dashboard to serve at `GET /` and its assets (bin/local/dashboard.ts); without it, those paths are 404 like any unknown path. */
  readonly dashboard?: () => DashboardState;
}

export function createLocalServer(options: LocalServerOptions = {}): Server {
  const ready = options.ready ?? (() => true);
  // Answers still being written on each connection: a parse error then must not write over them.
  const answering = new WeakMap<Duplex, number>();
  const server = createServer((request, response) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const socket = request.socket;
    answering.set(socket, (answering.get(socket) ?? 0) + 1);
    response.once('close', () => answering.set(socket, (answering.get(socket) ?? 1) - 1));
    const target = `${request.method} ${loggableUrl(request.url ?? '/')}`;
    const finish = (result: APIGatewayProxyResult) => {
      send(response, result);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.log?.(`${target} ${result.statusCode} ${ms.toFixed(1)}ms`);
    };
    const page = options.dashboard ? dashboardAnswer(request, options.dashboard()) : undefined;
    if (page) {
      response.writeHead(page.statusCode, { ...page.headers, 'x-request-id': requestId });
      response.end(page.body);
      options.log?.(`${target} ${page.statusCode} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}ms`);
      return;
    }
    answer(request, requestId, ready).then(finish, (error: unknown) => {
      finish(toResult(errorReply(error, requestId, target), { headers: {} }, requestId));
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, answering, options.log));
  return server;
}
