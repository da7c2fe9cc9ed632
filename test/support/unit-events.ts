/**
 * Unit-test helpers: REST proxy events as API Gateway builds them, a Lambda context, the claims a
 * Cognito authorizer puts on the event, and readers for the proxy result. No DynamoDB here: unit
 * tests mock the document client with aws-sdk-client-mock (see ddb-mock.ts).
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

export type TestRole = 'anonymous' | 'nogroup' | 'viewer' | 'editor' | 'admin';

const groupOf: Record<Exclude<TestRole, 'anonymous' | 'nogroup'>, string> = {
  viewer: 'viewers',
  editor: 'editors',
  admin: 'admins',
};

/** Claims as the REST API Cognito authorizer passes them: every value a string. */
export function claimsFor(role: TestRole): Record<string, string> | undefined {
  if (role === 'anonymous') return undefined;
  const claims: Record<string, string> = { sub: `user-${role}`, 'token_use': 'id' };
  if (role !== 'nogroup') claims['cognito:groups'] = groupOf[role];
  return claims;
}

export interface EventOptions {
  method: string;
  /** API Gateway resource, e.g. `/rounds/{id}`. */
  resource: string;
  pathParameters?: Record<string, string>;
  /** Single-valued query parameters; each also appears once in the multi-value map. */
  query?: Record<string, string>;
  /** Multi-valued query parameters; the single-valued map gets the last value, as API Gateway does. */
  multiQuery?: Record<string, string[]>;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-serialised. */
  body?: unknown;
  role?: TestRole;
  /** Claims that override the role's. */
  claims?: Record<string, string>;
  isBase64Encoded?: boolean;
}

/** A fresh event per call: the middleware chain mutates the event it receives. */
export function restEvent(options: EventOptions): APIGatewayProxyEvent {
  const pathParameters = options.pathParameters ?? null;
  const path = Object.entries(pathParameters ?? {}).reduce(
    (p, [name, value]) => p.replace(`{${name}}`, encodeURIComponent(value)),
    options.resource,
  );
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(options.query ?? {})) multi[name] = [value];
  for (const [name, values] of Object.entries(options.multiQuery ?? {})) multi[name] = [...values];
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(multi)) single[name] = values[values.length - 1]!;
  const hasQuery = Object.keys(multi).length > 0;

  const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
  let body: string | null = null;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
    if (!hasType) headers['Content-Type'] = 'application/json';
  }
  const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]]));
  const claims = options.claims ?? claimsFor(options.role ?? 'anonymous');

  return {
    resource: options.resource,
    path,
    httpMethod: options.method,
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? single : null,
    multiValueQueryStringParameters: hasQuery ? multi : null,
    pathParameters,
    stageVariables: null,
    body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'unitapi',
      authorizer: claims ? { claims } : null,
      protocol: 'HTTP/1.1',
      httpMethod: options.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '127.0.0.1',
        user: null,
        userAgent: 'vitest',
        userArn: null,
      },
      path: `/prod${path}`,
      stage: 'prod',
      requestId: 'gateway-request-id',
      requestTimeEpoch: Date.now(),
      resourceId: 'abc123',
      resourcePath: options.resource,
    },
  };
}

export function lambdaContext(awsRequestId = 'req-unit-0001'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'unit-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:unit-fn',
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: '/aws/lambda/unit-fn',
    logStreamName: 'unit',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A header of a proxy result, looked up case-insensitively. */
export function header(result: APIGatewayProxyResult, name: string): string | undefined {
  const found = Object.entries(result.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : String(found[1]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function bodyOf(result: APIGatewayProxyResult): any {
  return JSON.parse(result.body);
}

/** The contract's error shape, checked exactly: `{ error: { code, message, details? } }` and nothing else. */
export function expectErrorShape(result: APIGatewayProxyResult): { code: string; message: string; details?: { path: string; message: string }[] } {
  const body = bodyOf(result);
  if (typeof body !== 'object' || body === null || Object.keys(body).join() !== 'error') {
    throw new Error(`not an error body: ${result.body}`);
  }
  const keys = Object.keys(body.error).sort();
  const allowed = keys.join() === 'code,message' || keys.join() === 'code,details,message';
  if (!allowed || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`error body has the wrong shape: ${result.body}`);
  }
  if (body.error.details !== undefined) {
    for (const detail of body.error.details) {
      if (Object.keys(detail).sort().join() !== 'message,path') throw new Error(`bad detail: ${JSON.stringify(detail)}`);
    }
  }
  return body.error;
}

/** Valid ULIDs (Crockford base32, 26 characters). */
export const ROUND_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWXYZ';
export const OTHER_ID = '01JZ8Y3K4N5P6Q7R8S9T0VWXY0';

export function validRound(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    date: '2025-06-09',
    status: 'completed',
    agreement: 'Istanbul 2025-06-02',
    stage: 1,
    mediator: 'UAE',
    returnedToUkraine: { total: 300, military: 280, civilians: 20 },
    returnedToRussia: { total: 300 },
    categories: ['young_soldiers', 'severely_wounded'],
    sources: [{ url: 'https://www.president.gov.ua/news/1', publisher: 'Office of the President' }],
    ...overrides,
  };
}

/** A round as the table holds it: keys and index attributes around the API record. */
export function storedRoundItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record = {
    ...validRound(),
    id: ROUND_ID,
    version: 3,
    createdAt: '2025-06-09T10:00:00.000Z',
    updatedAt: '2025-06-10T10:00:00.000Z',
    ...overrides,
  } as Record<string, unknown>;
  const dated = `${record.date}#${record.id}`;
  return {
    PK: `ROUND#${record.id}`,
    SK: 'ROUND',
    GSI1PK: 'ROUNDS',
    GSI1SK: dated,
    GSI2PK: `ROUNDS#STATUS#${record.status}`,
    GSI2SK: dated,
    ...record,
  };
}
