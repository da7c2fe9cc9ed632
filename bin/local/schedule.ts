/**
 * The local EventBridge: every function marked `scheduled` in the route table runs once now and
 * then every period, with the event a schedule rule sends.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { scheduledFunctionNames, type FunctionName } from '../../lambdas/routes';
import { handlerOf, lambdaContext } from './server';
import { inInvocation } from './invocation';

type ScheduledHandler = (event: unknown, context: Context) => Promise<unknown>;

export const scheduledFunctions = scheduledFunctionNames();

export async function runScheduled(fn: FunctionName): Promise<unknown> {
  const handler = (await handlerOf(fn)) as unknown as ScheduledHandler;
  const id = randomUUID();
  return inInvocation(id, () => handler(
    {
      version: '0',
      id,
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'local',
      resources: [`arn:aws:events:local:000000000000:rule/${fn}`],
      detail: {},
    },
    lambdaContext(fn, id),
  ));
}

/** Runs each scheduled function now and every `periodMs`; a failed run is logged and retried next period. */
export function startSchedule(periodMs: number, log: (line: string) => void): () => void {
  const runAll = async () => {
    for (const fn of scheduledFunctions) {
      try {
        await runScheduled(fn);
      } catch (error) {
        log(`scheduled ${fn} failed: ${(error as Error).name}`);
      }
    }
  };
  const first = runAll();
  const timer = setInterval(() => void runAll(), periodMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    void first;
  };
}
