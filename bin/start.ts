/**
 * `npm start`: the API on http://localhost:3000 over a real DynamoDB Local that it starts itself.
 *   --in-memory          throwaway data (default: kept under .local/dynamodb)
 *   --seed               on an empty store, load data/exchanges-2022-2025.csv, then
 *                        data/agreements-2025.json, then data/claims-2022-2025.json, through the API
 *   STATS_REFRESH_MINUTES=…  period of the statistics refresh (default 15, as on AWS)
 *   LOCAL_DATA_DIR=…     where local data and the token secret live (default .local)
 *   PORT=…               another port
 *   DYNAMODB_ENDPOINT=…  use that DynamoDB (already running) instead of starting DynamoDB Local;
 *                        the table is created there if it is missing
 *   TABLE_NAME=…         table name (default exchange-registry)
 *
 * The dashboard is served at GET / beside the API: dist/dashboard as `npm run build:dashboard`
 * leaves it, rebuilt first when it is missing or older than dashboard/ (about 0.4 s), while
 * DynamoDB Local starts.
 */
import './local/dev-env';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal, type RunningDynamoDb } from './local/dynamodb-local';
import { ensureTable } from './local/create-table';
import { createLocalServer } from './local/server';
import { startSchedule } from './local/schedule';
import { seedIfEmpty } from './local/seed';
import { dashboardFiles, type DashboardState } from './local/dashboard';
import { ensureDashboard } from './dashboard/build';

const { values: flags } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    seed: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(process.env.PORT ?? 3000);
const tableName = process.env.TABLE_NAME ?? 'exchange-registry';
const dataDir = process.env.LOCAL_DATA_DIR ?? '.local';
process.env.CORS_ORIGINS ??= `http://localhost:${port}`;

function listen(server: Server): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolveListen());
  });
}

async function main(): Promise<void> {
  // Take the port first: a second `npm start` stops here, before it starts anything else.
  let ready = false;
  let dashboard: DashboardState = { state: 'building' };
  const server = createLocalServer({ log: flags.quiet ? undefined : (line) => console.log(line), ready: () => ready, dashboard: () => dashboard });
  try {
    await listen(server);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${port} is already in use (another npm start?). Stop it, or run with PORT=<another port>.`);
      process.exit(1);
    }
    throw error;
  }

  let dynamo: RunningDynamoDb | undefined;
  let stopSchedule: (() => void) | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    stopSchedule?.();
    server.closeAllConnections();
    server.close();
    await dynamo?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // Built (when stale) while DynamoDB Local starts; a page that does not build leaves the API running.
  const dashboardBuilt = ensureDashboard().then(
    (ensured) => {
      dashboard = { state: 'ready', files: dashboardFiles(ensured.files, { apiUrl: '' }) };
      return ensured.built ? `built in ${(ensured.ms / 1000).toFixed(1)} s` : 'up to date';
    },
    (error: Error) => {
      dashboard = { state: 'failed', message: error.message.split('\n')[0]! };
      console.error(`The dashboard could not be built: ${error.message}`);
      return 'not built (see above)';
    },
  );

  try {
    const given = process.env.DYNAMODB_ENDPOINT;
    let endpoint = given;
    if (!endpoint) {
      dynamo = await startDynamoDbLocal(flags['in-memory'] ? {} : { dataDir: `${dataDir}/dynamodb` });
      endpoint = dynamo.endpoint;
    }
    process.env.DYNAMODB_ENDPOINT = endpoint;
    process.env.TABLE_NAME = tableName;
    const table = await ensureTable(endpoint, tableName).catch((error: Error) => {
      if (!given) throw error;
      throw new Error(`could not use the DynamoDB at DYNAMODB_ENDPOINT=${given} (${error.name}: ${error.message}). Is it running? Or unset DYNAMODB_ENDPOINT, and npm start runs DynamoDB Local itself.`);
    });
    const dashboardNote = await dashboardBuilt;
    ready = true;
    const where = dynamo ? (flags['in-memory'] ? 'DynamoDB Local, in memory' : `DynamoDB Local, data in ${dataDir}/dynamodb`) : endpoint;
    console.log(
      [
        `Exchange Registry API on http://localhost:${port}  (table ${tableName} ${table}; ${where}); ready in ${process.uptime().toFixed(1)} s`,
        `  dashboard: http://localhost:${port}/  (${dashboardNote})`,
        `  try:    curl http://localhost:${port}/rounds`,
        `  tokens: TOKEN=$(npm run -s token -- editor)   (viewer | editor | admin)`,
        `          curl -H "Authorization: Bearer $TOKEN" ...`,
        dynamo ? '  Ctrl-C stops the API and DynamoDB Local.' : `  Ctrl-C stops the API (the DynamoDB at ${endpoint} keeps running).`,
      ].join('\n'),
    );
    if (flags.seed) console.log(await seedIfEmpty(`http://127.0.0.1:${port}`));
    const minutes = Number(process.env.STATS_REFRESH_MINUTES ?? 15);
    stopSchedule = startSchedule(minutes * 60_000, (line) => console.error(line));
  } catch (error) {
    console.error(`Could not start: ${(error as Error).message}`);
    await stop(1);
  }
}

void main();
