import { Duration } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The context key (`-c statsRefreshMinutes=30`, or cdk.json) for the period of the schedule. */
export const REFRESH_MINUTES_CONTEXT_KEY = 'statsRefreshMinutes';

/** Fresh enough for a registry that changes after each exchange, cheap enough to ignore. */
export const DEFAULT_REFRESH_PERIOD = Duration.minutes(15);

/**
 * The period of the schedule: the stack property, else the context value, else 15 minutes.
 * EventBridge rates are whole minutes (or hours or days), at least one.
 */
export function refreshPeriodOf(scope: IConstruct, period?: Duration): Duration {
  const chosen = period ?? fromContext(scope) ?? DEFAULT_REFRESH_PERIOD;
  const minutes = chosen.toSeconds() / 60;
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new Error(
      `The stats refresh period must be a whole number of minutes, at least 1; got ${chosen.toHumanString()}`,
    );
  }
  return chosen;
}

function fromContext(scope: IConstruct): Duration | undefined {
  const raw: unknown = scope.node.tryGetContext(REFRESH_MINUTES_CONTEXT_KEY);
  if (raw === undefined || raw === null || raw === '') return undefined;
  // `-c` always yields a string; cdk.json may hold a number.
  const minutes = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new Error(
      `Context ${REFRESH_MINUTES_CONTEXT_KEY} must be a whole number of minutes, at least 1; got ${JSON.stringify(raw)}`,
    );
  }
  return Duration.minutes(minutes);
}
