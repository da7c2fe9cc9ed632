/** The statistics as `GET /stats` answers them: the stored ones, or an empty registry's zeros before the first refresh. */
import { emptyStats, type Stats } from '../domain/stats';
import { getStats } from '../store/stats';

export async function currentStats(): Promise<Stats> {
  const stored = await getStats();
  // Statistics stored by an older version lack the newer keys until the next refresh (at most one period).
  return stored ? { ...emptyStats(stored.generatedAt), ...stored } : emptyStats(new Date().toISOString());
}
