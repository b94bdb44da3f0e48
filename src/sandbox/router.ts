import type { Reply, SandboxRequest } from './http-io.js';

/** Path parameters by name, each decoded once. */
export type RouteParams = Record<string, string>;

/** Answers one matched request. */
export type RouteHandler = (request: SandboxRequest, params: RouteParams) => Reply | Promise<Reply>;

/** A method and a pattern such as `/v2/meetings/:meetingId`. */
export interface Route {
  method: string;
  pattern: string;
  handler: RouteHandler;
}

/** Finds the route for a request and its path parameters. */
export function matchRoute(
  routes: readonly Route[],
  request: SandboxRequest,
): { route: Route; params: RouteParams } | undefined {
  for (const route of routes) {
    if (route.method !== request.method) continue;

    const params = matchPattern(route.pattern, request.segments);
    if (params) return { route, params };
  }
  return undefined;
}

function matchPattern(pattern: string, segments: string[]): RouteParams | undefined {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;

  const params: RouteParams = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
