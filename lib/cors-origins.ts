import type { IConstruct } from 'constructs';

/** The context key (cdk.json or `-c corsOrigins=...`) holding the browser origins the API admits. */
export const CORS_ORIGINS_CONTEXT_KEY = 'corsOrigins';

const FALLBACK_ORIGINS: readonly string[] = ['http://localhost:3000'];

/**
 * Reads the allow-list of origins from context. cdk.json holds a JSON array, but `-c` on the
 * command line always yields a string, so a JSON array or a comma-separated list are both accepted.
 */
export function corsOriginsFromContext(scope: IConstruct): string[] {
  const raw: unknown = scope.node.tryGetContext(CORS_ORIGINS_CONTEXT_KEY);
  const origins = parseOrigins(raw);
  return origins.length > 0 ? origins : [...FALLBACK_ORIGINS];
}

/**
 * The allow-list with origins of the stack's own added (the dashboard's), each once. A list that
 * admits every origin ('*') stays as it is: API Gateway's preflight cannot mix '*' with origins.
 */
export function withOrigins(origins: readonly string[], added: readonly string[]): string[] {
  if (origins.includes('*')) return [...origins];
  return [...new Set([...origins, ...added])];
}

function parseOrigins(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String).map((origin) => origin.trim()).filter(Boolean);
  if (typeof raw !== 'string') return [];
  const text = raw.trim();
  if (text.startsWith('[')) return parseOrigins(JSON.parse(text) as unknown);
  return text.split(',').map((origin) => origin.trim()).filter(Boolean);
}
