import { jsonReply, type Reply, type SandboxRequest, zoomError } from './http-io.js';
import type { Route, RouteParams } from './router.js';
import type { SandboxState } from './sandbox-state.js';
import { isSelf, userView, type ZoomUser } from './zoom-users.js';

/** Answers a `/v2` call made with a live access token of `user`. */
export type ApiHandler = (
  request: SandboxRequest,
  params: RouteParams,
  user: ZoomUser,
) => Reply | Promise<Reply>;

/** A `/v2` route that needs `Authorization: Bearer <access token>`. */
export function apiRoute(
  state: SandboxState,
  method: string,
  pattern: string,
  handler: ApiHandler,
): Route {
  return {
    method,
    pattern,
    handler: (request, params) => {
      const user = bearerUser(state, request);
      return 'status' in user ? user : handler(request, params, user);
    },
  };
}

// Zoom answers 124 for every kind of bad token: missing, unknown, expired or revoked.
function bearerUser(state: SandboxState, request: SandboxRequest): ZoomUser | Reply {
  if (request.query.has('access_token')) {
    const message =
      'Invalid access token, this access token is not supported as query parameter string.';
    return zoomError(401, 124, message);
  }

  const [scheme = '', token = ''] = (request.headers.authorization ?? '').split(' ');
  const userId = scheme.toLowerCase() === 'bearer' ? state.tokens.userOf(token) : undefined;
  const user = userId === undefined ? undefined : state.users.byId(userId);
  return user ?? zoomError(401, 124, 'Invalid access token.');
}

/** The 404 Zoom gives when a user-level token names a user other than its own. */
export function otherUser(user: ZoomUser, userId: string): Reply | undefined {
  return isSelf(user, userId) ? undefined : zoomError(404, 1001, `User does not exist: ${userId}.`);
}

/** `GET /v2/users/{userId}`: `me`, the user's own id or its own email. */
export function userRoutes(state: SandboxState): Route[] {
  return [
    apiRoute(state, 'GET', '/v2/users/:userId', (_request, { userId = '' }, user) => {
      return otherUser(user, userId) ?? jsonReply(200, userView(user));
    }),
  ];
}
