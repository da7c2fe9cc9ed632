/**
 * One JSON line per event, the shape CloudWatch Logs Insights queries well. Callers pass only
 * identifiers and outcomes: request bodies and records may hold personal data and are never logged.
 */
import { mapStackFrame } from './stack-trace';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const levels: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = levels[(process.env.LOG_LEVEL?.toLowerCase() as Level) ?? 'info'] ?? levels.info;

function write(level: Level, message: string, fields: Fields): void {
  if (levels[level] < threshold) return;
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, fields: Fields = {}) => write('debug', message, fields),
  info: (message: string, fields: Fields = {}) => write('info', message, fields),
  warn: (message: string, fields: Fields = {}) => write('warn', message, fields),
  error: (message: string, fields: Fields = {}) => write('error', message, fields),
};

/**
 * What an unexpected error may reveal in a log: its type and stack (mapped to the TypeScript
 * sources), not its (data-bearing) message.
 */
export function describeError(error: unknown): Fields {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const cause = error.cause instanceof Error ? { causeType: error.cause.name } : {};
  return { errorType: error.name, ...cause, stack: error.stack?.split('\n').slice(1, 6).map(mapStackFrame).join('\n') };
}
