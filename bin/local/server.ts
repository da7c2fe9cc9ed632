/**
 * The local stand-in for API Gateway: matches the route table, verifies bearer tokens where the
 * Cognito authorizer would, builds the proxy event and calls the same Lambda handlers in-process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaFunctions, routes, type FunctionName } from '../../lambdas/routes';
import { ApiError, notFound, payloadTooLarge, unauthorized, unavailable } from '../../lambdas/http/api-error';
import { errorReply } from '../../lambdas/http/error-response';
import { toResult } from '../../lambdas/http/result';
import { CORS_ALLOWED_HEADERS, corsHeaders } from '../../lambdas/http/cors';
import type { LambdaHandler } from '../../lambdas/http/lambda-handler';
import { MAX_BODY_BYTES } from '../../lambdas/http/middleware';
import { authorizerClaims, verifyToken } from './jwt';
import { matchPath } from './route-matcher';
import { proxyEvent } from './proxy-event';

/** API Gateway's own limit is 10 MB; reading stops well before that, the handlers refuse past MAX_BODY_BYTES. */
const MAX_READ_BYTES = 1024 * 1024;

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

function send(response: ServerResponse, result: APIGatewayProxyResult): void {
  response.writeHead(result.statusCode, result.headers as Record<string, string>);
  response.end(result.body);
}

export function lambdaContext(fn: string, requestId: string): Context {
  return {
    awsRequestId: requestId,
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: '256',
    logGroupName: `/local/${fn}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function answer(request: IncomingMessage, requestId: string, ready: () => boolean): Promise<APIGatewayProxyResult> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const origin = request.headers.origin;
  const fail = (error: ApiError) => toResult(errorReply(error, requestId, `${method} ${url.pathname}`), { headers: { origin: origin ?? '' } }, requestId);
  const match = matchPath(method, url.pathname);

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
  if (!ready()) return fail(unavailable(1));

  const body = await readBody(request);
  if (body === 'too_large') return fail(payloadTooLarge(MAX_BODY_BYTES));

  let claims: Record<string, string> | undefined;
  if (match.route.role !== 'public') {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const verified = bearer ? await verifyToken(bearer[1]!) : undefined;
    if (!verified) return fail(unauthorized());
    claims = authorizerClaims(verified);
  }
  const event = proxyEvent(request, url, match.template, match.pathParameters, body, claims, requestId);
  const handler = await handlerOf(match.route.fn);
  return handler(event, lambdaContext(match.route.fn, requestId));
}

export function createLocalServer(options: { log?: (line: string) => void; ready?: () => boolean } = {}): Server {
  const ready = options.ready ?? (() => true);
  return createServer((request, response) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const finish = (result: APIGatewayProxyResult) => {
      send(response, result);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.log?.(`${request.method} ${request.url} ${result.statusCode} ${ms.toFixed(1)}ms`);
    };
    answer(request, requestId, ready).then(finish, (error: unknown) => {
      finish(toResult(errorReply(error, requestId, `${request.method} ${request.url}`), { headers: {} }, requestId));
    });
  });
}
