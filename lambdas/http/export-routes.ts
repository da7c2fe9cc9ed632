/** `GET /exports/<name>.csv` (public): one CSV file per public collection, and the statistics by year. */
import { exportCsv, exportNames, type ExportName } from '../service/exports';
import { route, type RouteHandler } from './route';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** The route table's path of an export (one literal path each: see lambdas/routes.ts). */
export const exportPath = (name: ExportName) => `/exports/${name}.csv`;

/** Saved under its own name by a browser that follows the link (the dashboard's). */
export const contentDisposition = (name: ExportName) => `attachment; filename="${name}.csv"`;

export const exportRoutes = (): Record<string, RouteHandler> =>
  Object.fromEntries(
    exportNames.map((name) => [
      `GET ${exportPath(name)}`,
      route({
        handle: async () => ({
          status: 200,
          rawBody: await exportCsv(name),
          contentType: CSV_CONTENT_TYPE,
          headers: { 'content-disposition': contentDisposition(name) },
        }),
      }),
    ]),
  );
