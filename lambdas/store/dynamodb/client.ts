/**
 * A small DynamoDB client for the API's four operations: a signed JSON POST per attempt, standard
 * retries with jittered backoff, errors named as DynamoDB names them. It replaces the AWS SDK's
 * DynamoDB client in the functions because a cold start is what users of a rarely called API feel
 * most, and the SDK's client alone took about 60 ms of it (docs/benchmarks.md, "Cold init").
 * Marshalling stays the SDK's (@aws-sdk/util-dynamodb).
 */
import { randomUUID } from 'node:crypto';
import { resolveCredentials, resolveEndpoint, resolveRegion, type ClientSettings } from './endpoint';
import { errorFromResponse, isRetryable, isThrottling } from './errors';
import { fromWire, toWire, type Operation, type Operations } from './operations';
import { signRequest } from './signature-v4';
import { httpTransport, type Transport } from './transport';

export interface ClientOptions extends ClientSettings {
  /** Attempts per call, the first included (default 3, as the SDK's standard retry mode). */
  readonly maxAttempts?: number;
  /** Per attempt, from sending to the last byte of the answer (default 3 s: three attempts fit a 10 s function). */
  readonly timeoutMs?: number;
  /** Tests replace the network. */
  readonly transport?: Transport;
}

const BACKOFF_BASE_MS = 50;
const THROTTLING_BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 2_000;
const TARGET_PREFIX = 'DynamoDB_20120810.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** "Full jitter" (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). */
export function backoffMs(attempt: number, throttled: boolean): number {
  const base = throttled ? THROTTLING_BACKOFF_BASE_MS : BACKOFF_BASE_MS;
  return Math.random() * Math.min(BACKOFF_CAP_MS, base * 2 ** (attempt - 1));
}

export class DynamoDbClient {
  private readonly region: string;
  private readonly endpoint: URL;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly transport: Transport;

  constructor(private readonly options: ClientOptions = {}) {
    this.region = resolveRegion(options);
    this.endpoint = resolveEndpoint(options, this.region);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.transport = options.transport ?? httpTransport;
  }

  get(input: Operations['GetItem']['input']) {
    return this.send('GetItem', input);
  }

  put(input: Operations['PutItem']['input']) {
    return this.send('PutItem', input);
  }

  query(input: Operations['Query']['input']) {
    return this.send('Query', input);
  }

  transactWrite(input: Operations['TransactWriteItems']['input']) {
    return this.send('TransactWriteItems', input);
  }

  /** Every operation goes through here: the one method unit tests stub. */
  async send<O extends Operation>(operation: O, input: Operations[O]['input']): Promise<Operations[O]['output']> {
    const wire = toWire[operation](input);
    if (operation === 'TransactWriteItems' && wire.ClientRequestToken === undefined) wire.ClientRequestToken = randomUUID();
    const body = JSON.stringify(wire);
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        const answer = await this.transport(this.endpoint, this.sign(operation, body), body, this.timeoutMs);
        if (answer.status >= 200 && answer.status < 300) return fromWire[operation](JSON.parse(answer.body) as Record<string, unknown>);
        const requestId = answer.headers['x-amzn-requestid'];
        failure = errorFromResponse(answer.status, answer.body, typeof requestId === 'string' ? requestId : undefined, attempt);
      } catch (error) {
        failure = error;
      }
      if (attempt >= this.maxAttempts || !isRetryable(failure)) throw failure;
      await sleep(backoffMs(attempt, isThrottling(failure)));
    }
  }

  private sign(operation: Operation, body: string): Record<string, string> {
    return signRequest(
      {
        method: 'POST',
        path: this.endpoint.pathname || '/',
        headers: {
          host: this.endpoint.host,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `${TARGET_PREFIX}${operation}`,
        },
        body,
      },
      { credentials: resolveCredentials(this.options), region: this.region, service: 'dynamodb', at: new Date() },
    );
  }
}
