import { RETRY_AFTER_SECONDS, UnavailableError } from '../domain/errors';

/**
 * The one retry the service makes. What is retried where: a DynamoDB call that failed in transit
 * or was throttled is retried by the SDK (3 attempts, its standard strategy, store/client.ts); a
 * write that lost a race with another writer (the version it read moved, or DynamoDB cancelled the
 * transaction for a conflict) is retried here, read-decide-write from the start, up to 30 times:
 * enough for a burst of writers on one record to go through one after another. Nothing else retries.
 */
export const MAX_WRITE_ATTEMPTS = 30;

/** `attempt` reads, decides and writes conditionally; it answers `retry` when another writer got there first. */
export async function withRetries<T>(attempt: () => Promise<T | 'retry'>): Promise<T> {
  for (let n = 0; n < MAX_WRITE_ATTEMPTS; n++) {
    const result = await attempt();
    if (result !== 'retry') return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** n)));
  }
  throw new UnavailableError(RETRY_AFTER_SECONDS, 'The write kept meeting concurrent writes');
}
