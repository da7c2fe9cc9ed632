/** `GET /stats` (public, one GetItem) and `POST /stats/refresh` (admins: recompute now). */
import { currentStats } from '../service/current-stats';
import { refreshStats } from '../service/refresh-stats';
import { countRefresh } from '../observability/metrics';
import { route, type RouteHandler } from './route';

export const statsReadRoutes = (): Record<string, RouteHandler> => ({
  // Before the first refresh there is nothing stored: the honest answer is an empty registry's zeros.
  'GET /stats': route({
    handle: async () => ({ status: 200, body: await currentStats() }),
  }),
});

/** A refresh with its metrics: the route and the schedule (functions/stats-refresh.ts) count alike. */
export async function countedRefresh() {
  const started = performance.now();
  const refreshed = await refreshStats();
  const ms = performance.now() - started;
  countRefresh(ms, refreshed.read.items);
  return { ...refreshed, ms };
}

export const statsRefreshRoutes = (): Record<string, RouteHandler> => ({
  'POST /stats/refresh': route({
    handle: async () => ({ status: 200, body: (await countedRefresh()).stats }),
  }),
});
