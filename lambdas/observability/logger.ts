/**
 * The one logger of every function: Powertools Logger, JSON lines with the Lambda context
 * (function_request_id, cold_start, function_name, xray_trace_id) and the request's
 * correlation_id and route. Callers pass only identifiers and outcomes: request bodies and records
 * may hold personal data and are never logged (test/http/personal-data.test.ts reads the log).
 * Locally (`npm start` sets POWERTOOLS_DEV) Powertools prints the same lines indented.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { mapStackFrame } from '../stack-trace';
import { SERVICE_NAME } from './metric-names';

// The level comes from POWERTOOLS_LOG_LEVEL (or AWS_LAMBDA_LOG_LEVEL / LOG_LEVEL), INFO otherwise.
export const logger = new Logger({ serviceName: SERVICE_NAME });

type Fields = Record<string, unknown>;

/**
 * What an unexpected error may reveal in a log: its type and stack (mapped to the TypeScript
 * sources), not its (data-bearing) message. Powertools' own error formatting would log the message.
 */
export function describeError(error: unknown): Fields {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const cause = error.cause instanceof Error ? { causeType: error.cause.name } : {};
  return { errorType: error.name, ...cause, stack: error.stack?.split('\n').slice(1, 6).map(mapStackFrame).join('\n') };
}
