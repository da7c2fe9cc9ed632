/** `GET /stats` (public, one GetItem) and `POST /stats/refresh` (admins: recompute now). */
import { emptyStats } from '../domain/stats';
import { refreshStats } from '../service/refresh-stats';
import { getStats } from '../store/stats';
import { route, type RouteHandler } from './route';

export const statsReadRoutes = (): Record<string, RouteHandler> => ({
  // Before the first refresh there is nothing stored: the honest answer is an empty registry's zeros.
  'GET /stats': route({
    handle: async () => {
      const stored = await getStats();
      // Statistics stored by an older version lack the newer keys until the next refresh (at most one period).
      return { status: 200, body: stored ? { ...emptyStats(stored.generatedAt), ...stored } : emptyStats(new Date().toISOString()) };
    },
  }),
});

export const statsRefreshRoutes = (): Record<string, RouteHandler> => ({
  'POST /stats/refresh': route({
    handle: async () => ({ status: 200, body: (await refreshStats()).stats }),
  }),
});
