import { unavailable } from '../http/api-error';

const MAX_ATTEMPTS = 8;

/**
 * Optimistic concurrency: `attempt` reads, decides and writes conditionally; it returns `retry` when
 * another writer got there first. Bounded, with jittered backoff; a write that keeps losing is a 503.
 */
export async function withRetries<T>(attempt: () => Promise<T | 'retry'>): Promise<T> {
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    const result = await attempt();
    if (result !== 'retry') return result;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(n, 5)));
  }
  throw unavailable(1);
}
