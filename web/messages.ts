import { GatewayError } from './api.js';

/** The words the page uses for the fields of its meeting form. */
const FIELD_LABELS: Record<string, string> = {
  topic: 'topic',
  startTime: 'start time',
  duration: 'duration',
  timezone: 'time zone',
};

function badInput(error: GatewayError): string {
  const field = String(error.extensions.field ?? '');
  const label = FIELD_LABELS[field] ?? field;
  // The gateway words it "<field> <rule>", so the rule alone reads well after the label.
  const rule = error.message.startsWith(`${field} `)
    ? error.message.slice(field.length + 1)
    : error.message;
  return label ? `Please check the ${label}: it ${rule}.` : `Please check the form: ${rule}.`;
}

/** What to tell a member about an error, in words that say what to do next. */
export function describeError(error: unknown): string {
  if (!(error instanceof GatewayError)) return 'Something went wrong. Please try again.';

  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'Your sign-in has expired. Please sign in again.';
    case 'FORBIDDEN':
      return 'You can only manage your own meetings.';
    case 'INVALID_STATE':
      return 'The Zoom sign-in took too long or was not yours. Press “Connect Zoom” again.';
    case 'ZOOM_NOT_CONNECTED':
      return 'Connect your Zoom account first: press “Connect Zoom”.';
    case 'ZOOM_REAUTH_REQUIRED':
      return 'Zoom has ended the link to your account. Press “Connect Zoom” to link it again.';
    case 'ZOOM_NOT_FOUND':
      return 'That meeting no longer exists in Zoom.';
    case 'ZOOM_RATE_LIMITED': {
      const seconds = Number(error.extensions.retryAfter);
      const wait = seconds > 0 ? `in ${Math.ceil(seconds)} seconds` : 'in a minute';
      return `Zoom is busy right now. Please try again ${wait}.`;
    }
    case 'BAD_USER_INPUT':
      return badInput(error);
    case 'ZOOM_API_ERROR':
      return `Zoom could not do that: ${String(error.extensions.zoomMessage ?? error.message)}.`;
    case 'STORE_UNAVAILABLE':
      return 'Your Zoom link cannot be read right now. Please try again in a minute.';
    case 'NETWORK':
      return 'The server cannot be reached. Check your connection and try again.';
    default:
      return `Something went wrong: ${error.message}.`;
  }
}
