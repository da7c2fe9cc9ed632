/**
 * Why an operation cannot be carried out, in the registry's own terms. The service raises these;
 * only the HTTP layer (http/error-response.ts) turns them into the contract's status codes.
 */

/** One bad field: `path` names it as the caller sent it (`body.date`, `query.limit`). */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {}

/** What a caller waits before trying again when the data store was busy, out of reach or too slow. */
export const RETRY_AFTER_SECONDS = 1;

/** The record (or what it hangs under) does not exist. */
export class NotFoundError extends DomainError {
  constructor(readonly what: string) {
    super(`${what} does not exist`);
    this.name = 'NotFoundError';
  }
}

/** The change contradicts the registry's state: a record that others name, a key used with another body. */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    /** The fields that hold the conflicting value, when there are such (a stage already taken). */
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The caller's version (If-Match) is no longer the record's. */
export class StaleVersionError extends DomainError {
  constructor() {
    super('The record has changed since the version given');
    this.name = 'StaleVersionError';
  }
}

/** An error that names the fields it is about. */
abstract class FieldError extends DomainError {
  constructor(
    message: string,
    readonly details: readonly ErrorDetail[],
  ) {
    super(message);
  }
}

/** The input is well formed but breaks a rule of the record (after a PATCH is applied, say). */
export class InvalidInputError extends FieldError {
  override readonly name = 'InvalidInputError';
}

/** A record named by this one does not exist, or is not in the state the rule requires. */
export class InvalidReferenceError extends FieldError {
  override readonly name = 'InvalidReferenceError';
}

/**
 * Not now, maybe in a moment: the data store was busy or out of reach (after its client's own
 * retries), or a write kept losing races with other writers.
 */
export class UnavailableError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'The data store is busy or unreachable',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnavailableError';
  }
}
