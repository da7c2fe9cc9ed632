/**
 * DynamoDB's error answers as Errors named like the SDK's exceptions (`ConditionalCheckFailedException`,
 * `TransactionCanceledException`, …), so callers and the HTTP error mapping test `name` alone, and
 * which of them are worth another attempt.
 */

export interface CancellationReason {
  readonly Code?: string;
  readonly Message?: string;
}

export interface ErrorMetadata {
  readonly httpStatusCode?: number;
  readonly requestId?: string;
  /** Attempts made, this one included. */
  readonly attempts?: number;
}

export class DynamoDbError extends Error {
  override readonly name: string;
  /** `client`: the request was refused as sent; `server`: DynamoDB (or the way to it) failed. */
  readonly $fault: 'client' | 'server';
  readonly $metadata: ErrorMetadata;
  /** Set on TransactionCanceledException: one reason per item of the transaction, in order. */
  readonly CancellationReasons?: readonly CancellationReason[];

  constructor(init: {
    name: string;
    message: string;
    fault?: 'client' | 'server';
    metadata?: ErrorMetadata;
    cancellationReasons?: readonly CancellationReason[];
  }) {
    super(init.message);
    this.name = init.name;
    this.$fault = init.fault ?? 'client';
    this.$metadata = init.metadata ?? {};
    if (init.cancellationReasons) this.CancellationReasons = init.cancellationReasons;
  }
}

/** The request timed out before DynamoDB answered (the attempt is abandoned, the socket destroyed). */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
}

const throttling = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  // The same ClientRequestToken while the first attempt's transaction still runs: our own retry after a
  // timeout can meet it, and the SDK retries it as throttling too.
  'TransactionInProgressException',
]);

const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A connection that failed or broke (a Node error code), on the error itself or on its cause. */
export function isNetworkError(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return networkCodes.has(code as string) || networkCodes.has(cause?.code as string);
}

export function isThrottling(error: unknown): boolean {
  return error instanceof DynamoDbError && throttling.has(error.name);
}

/**
 * Another attempt may succeed: throttling, a 5xx answer, a timeout or a broken connection. Every
 * operation of this client is safe to repeat: reads; puts whose conditions refuse a second copy;
 * transactions, which carry a ClientRequestToken that DynamoDB honours for ten minutes.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof DynamoDbError) return throttling.has(error.name) || error.$fault === 'server';
  return error instanceof TimeoutError || isNetworkError(error);
}

/**
 * `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` → `ConditionalCheckFailedException`.
 * The JSON protocol lets a type carry more after `:` (or `,`); the SDK drops it, and so do we.
 */
function errorName(type: unknown, status: number): string {
  const name = typeof type === 'string' ? type.split(/[,:]/)[0]!.split('#').pop()! : '';
  if (name) return name;
  return status >= 500 ? 'InternalServerError' : `HttpError${status}`;
}

/** The error a non-2xx answer stands for; a body that is not DynamoDB's JSON still gives a named error. */
export function errorFromResponse(status: number, body: string, requestId: string | undefined, attempts: number): DynamoDbError {
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown; CancellationReasons?: unknown } = {};
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object') parsed = value;
  } catch {
    // A proxy's or load balancer's page: the status says enough.
  }
  const message = parsed.message ?? parsed.Message;
  return new DynamoDbError({
    name: errorName(parsed.__type, status),
    message: typeof message === 'string' ? message : `DynamoDB answered HTTP ${status}`,
    fault: status >= 500 ? 'server' : 'client',
    metadata: { httpStatusCode: status, requestId, attempts },
    ...(Array.isArray(parsed.CancellationReasons) ? { cancellationReasons: parsed.CancellationReasons as CancellationReason[] } : {}),
  });
}
