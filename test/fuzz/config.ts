/**
 * One seed for the run, printed, so any failure replays with FUZZ_SEED=<seed>; each route gets its
 * own seed from it (by name), so a route replays alone (`-t 'PATCH /rounds/{id}'`) and adding a
 * route does not reshuffle the others. FUZZ_RUNS scales the runs for a longer hunt.
 */
import { createHash } from 'node:crypto';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_516);
if (!Number.isSafeInteger(FUZZ_SEED)) throw new Error(`FUZZ_SEED must be an integer, not ${process.env.FUZZ_SEED}`);

export const seedFor = (routeKey: string): number =>
  createHash('sha256').update(`${FUZZ_SEED}\u0000${routeKey}`).digest().readInt32BE(0);

/** Runs per route: writes cost a table dump each, so they get fewer; sized for under a minute on 2 cores. */
const scale = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
export const runsFor = (method: string): number => Math.max(1, Math.round((method === 'GET' ? 30 : 25) * scale));
