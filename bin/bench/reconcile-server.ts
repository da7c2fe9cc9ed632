/**
 * The local server alone in a process of its own, over the bench's table, so that the memory a
 * reconciliation takes is this process's and nothing else's: prints its port, then serves until
 * stopped.
 */
import type { AddressInfo } from 'node:net';
import { createLocalServer } from '../local/server';

const server = createLocalServer();
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
