/**
 * The DynamoDB client: the AWS SDK's document client (lib-dynamodb over client-dynamodb), built
 * here and only here, for the functions and for every tool that talks to the table (local server,
 * table bootstrap, benchmark, test dumps), so all of them marshal items the same way.
 *
 * The functions get one client per process, created on first use outside the handler, from the
 * environment: TABLE_NAME always; DYNAMODB_ENDPOINT only off AWS (DynamoDB Local).
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocumentClient, type TranslateConfig } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Undefined attributes are left out, class instances refused (a Date in an item is a bug). */
export const marshallOptions = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
const translateConfig: TranslateConfig = { marshallOptions: { ...marshallOptions } };

/**
 * Attempts per call, the first included: the SDK's standard retry strategy (jittered exponential
 * backoff, a longer base for throttling, a retry quota) decides what is retried: throttling,
 * 5xx, timeouts, broken connections. Version conflicts are retried by the service, not here.
 */
export const MAX_ATTEMPTS = 3;
/** Per attempt: the connection (TCP + TLS) and the whole request and answer. */
export const CONNECTION_TIMEOUT_MS = 1_000;
export const REQUEST_TIMEOUT_MS = 3_000;

export interface ClientSettings {
  /** DynamoDB Local's URL; absent on AWS, where the region's endpoint is used. */
  readonly endpoint?: string;
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
}

export function createDynamoDbClient(settings: ClientSettings = {}): DynamoDBClient {
  const where = settings.endpoint
    ? {
        endpoint: settings.endpoint,
        region: process.env.AWS_REGION || 'local',
        // DynamoDB Local accepts any credentials; fixed ones keep a developer's real keys out of it.
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : {
        // On AWS Lambda the runtime puts the execution role's temporary credentials in the
        // environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) before the
        // handler loads; the SDK's environment provider reads them, as the first link of its
        // default chain would. Naming it here says where credentials come from, and lets the
        // bundles leave out the chain's other links, which read files, SSO caches, a process or a
        // web identity token that a function never has (lib/function/bundle-options.ts).
        credentials: fromEnv(),
      };
  return new DynamoDBClient({
    maxAttempts: settings.maxAttempts ?? MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: settings.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      // Without it the SDK only logs a warning when requestTimeout passes, and the attempt waits on.
      throwOnRequestTimeout: true,
      // A warm function reuses its connection: no TCP and TLS handshake per request.
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
    }),
    ...where,
  });
}

export function createDocumentClient(settings: ClientSettings = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(settings), translateConfig);
}

let cached: { client: DynamoDBDocumentClient; tableName: string } | undefined;

export function table(): { client: DynamoDBDocumentClient; tableName: string } {
  if (!cached) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    cached = { client: createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined }), tableName };
  }
  return cached;
}

/** Tests and the local server point the module at another table or endpoint. */
export function resetTableClient(): void {
  cached = undefined;
}
