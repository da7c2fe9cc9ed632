import { unavailable } from '../http/api-error';

/** Enough for a burst of writers on one record to go through one after another. */
const MAX_ATTEMPTS = 30;

/**
 * Optimistic concurrency: `attempt` reads, decides and writes conditionally; it returns `retry` when
 * another writer got there first. Bounded, with jittered backoff; a write that keeps losing is a 503.
 */
export async function withRetries<T>(attempt: () => Promise<T | 'retry'>): Promise<T> {
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    const result = await attempt();
    if (result !== 'retry') return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** n)));
  }
  throw unavailable(1);
}
