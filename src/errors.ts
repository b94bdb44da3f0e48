/**
 * The gateway's errors. Each carries one of the stable codes a client can switch on; the
 * GraphQL layer turns them into `extensions.code`. They live outside `src/schema` so that
 * `src/zoom` and `src/store` can throw them without knowing GraphQL.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'INVALID_STATE'
  | 'ZOOM_NOT_CONNECTED'
  | 'ZOOM_REAUTH_REQUIRED'
  | 'ZOOM_NOT_FOUND'
  | 'ZOOM_RATE_LIMITED'
  | 'ZOOM_API_ERROR'
  | 'STORE_UNAVAILABLE'
  | 'RATE_LIMITED';

/** Extra facts a client may use, such as Zoom's own error code or a retry time. */
export type ErrorDetails = Record<string, string | number | boolean | null | undefined>;

/** Base of every error whose message is safe to show to the caller. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** True when the same call may succeed later without any change. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, retryable = false) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
    this.retryable = retryable;
  }
}

export class UnauthenticatedError extends GatewayError {
  constructor(message = 'Member is not logged in') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends GatewayError {
  constructor(message = 'Email addresses do not match') {
    super('FORBIDDEN', message);
  }
}

export class BadUserInputError extends GatewayError {
  constructor(message: string, field?: string) {
    super('BAD_USER_INPUT', message, field ? { field } : {});
  }
}

export class InvalidStateError extends GatewayError {
  constructor(message = 'The Zoom sign-in link is invalid or has expired; start again') {
    super('INVALID_STATE', message);
  }
}

export class ZoomNotConnectedError extends GatewayError {
  constructor() {
    super('ZOOM_NOT_CONNECTED', 'This member has not connected a Zoom account');
  }
}

export class ZoomReauthRequiredError extends GatewayError {
  constructor() {
    super('ZOOM_REAUTH_REQUIRED', 'The Zoom connection was revoked or has expired; connect again');
  }
}

export class ZoomNotFoundError extends GatewayError {
  constructor(message = 'Zoom has no such meeting for this member', details: ErrorDetails = {}) {
    super('ZOOM_NOT_FOUND', message, details);
  }
}

export class ZoomRateLimitedError extends GatewayError {
  constructor(retryAfter: number | undefined, details: ErrorDetails = {}) {
    super(
      'ZOOM_RATE_LIMITED',
      'Zoom is rate limiting these requests; try again later',
      {
        ...details,
        retryAfter,
      },
      true,
    );
  }
}

export class ZoomApiError extends GatewayError {
  constructor(message: string, details: ErrorDetails = {}, retryable = false) {
    super('ZOOM_API_ERROR', message, details, retryable);
  }
}

export class StoreUnavailableError extends GatewayError {
  constructor() {
    super('STORE_UNAVAILABLE', 'The token store is unavailable; try again shortly', {}, true);
  }
}
