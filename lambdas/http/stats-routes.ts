/** `GET /stats` (public, one GetItem) and `POST /stats/refresh` (admins: recompute now). */
import { currentStats } from '../service/current-stats';
import { countedRefresh } from '../service/refresh-stats';
import { route, type RouteHandler } from './route';

export const statsReadRoutes = (): Record<string, RouteHandler> => ({
  // Before the first refresh there is nothing stored: the honest answer is an empty registry's zeros.
  'GET /stats': route({
    handle: async () => ({ status: 200, body: await currentStats() }),
  }),
});

export const statsRefreshRoutes = (): Record<string, RouteHandler> => ({
  'POST /stats/refresh': route({
    handle: async () => ({ status: 200, body: (await countedRefresh()).stats }),
  }),
});
