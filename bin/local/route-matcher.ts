/** Matches request paths against the route table, as API Gateway matches its resources. */
import { routes, type Route } from '../../lambdas/routes';

interface CompiledPath {
  readonly template: string;
  readonly pattern: RegExp;
  readonly params: readonly string[];
}

const compiled: CompiledPath[] = [...new Set(routes.map((route) => route.path))].map((template) => {
  const params: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  // One trailing slash names the same resource, as on a REST API (v1), where `/rounds/` reaches the
  // `/rounds` method and the proxy event's `path` keeps the slash as sent. Evidence: the e2e test
  // of aws-powertools/powertools-lambda-python against a deployed RestApi
  // (tests/e2e/event_handler/test_paths_ending_with_slash.py) and its issue #1552.
  return { template, pattern: new RegExp(`^${source}/?$`), params };
});

export interface PathMatch {
  readonly template: string;
  readonly pathParameters: Record<string, string> | null;
  /** The route for the request's method, if the path has one. */
  readonly route?: Route;
}

export function matchPath(method: string, path: string): PathMatch | undefined {
  // Literal segments win over parameters, as in API Gateway (/rounds/stats before /rounds/{id}).
  const candidates = compiled
    .map((entry) => ({ entry, match: entry.pattern.exec(path) }))
    .filter((candidate) => candidate.match)
    .sort((a, b) => a.entry.params.length - b.entry.params.length);
  const found = candidates[0];
  if (!found) return undefined;
  let pathParameters: Record<string, string> | null = null;
  if (found.entry.params.length) {
    pathParameters = {};
    found.entry.params.forEach((name, i) => {
      try {
        pathParameters![name] = decodeURIComponent(found.match![i + 1]!);
      } catch {
        pathParameters![name] = found.match![i + 1]!;
      }
    });
  }
  return {
    template: found.entry.template,
    pathParameters,
    route: routes.find((route) => route.path === found.entry.template && route.method === method),
  };
}
