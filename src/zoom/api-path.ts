import { BadUserInputError } from '../errors.js';

const MAX_URL_LENGTH = 2048;

function refuse(reason: string): never {
  throw new BadUserInputError(`url ${reason}`, 'url');
}

/** Rejects `.` and `..` segments, plain or percent-encoded, before URL parsing removes them. */
function checkSegments(path: string): void {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      refuse('holds a malformed percent-encoding');
    }
    // `%2F` inside a segment could become a separator on the way: check its parts too.
    const parts = decoded.split(/[/\\]/);
    if (parts.some((part) => part === '.' || part === '..')) refuse('must not climb out with ..');
    if ([...decoded].some((char) => char.charCodeAt(0) < 0x20 || char === '\x7f')) {
      refuse('must not contain encoded control characters');
    }
    if (decoded.includes('/') && segment.toLowerCase().includes('%2e')) {
      refuse('must not climb out with ..');
    }
  }
}

/**
 * Turns what a caller passed to `zoomRequest` into a path under the Zoom API base: either a
 * path (`/users/me`) or a full URL on the API origin. Anything else is BAD_USER_INPUT, so no
 * token is ever sent to another host.
 */
export function resolveApiPath(input: string, apiUrl: string): string {
  if (input.length > MAX_URL_LENGTH) refuse(`must be at most ${MAX_URL_LENGTH} characters`);
  // Control characters and spaces would let a caller smuggle headers or a second request line.
  const unsafe = [...input].some(
    (char) => char.charCodeAt(0) <= 0x20 || char === '\x7f' || char === '\\',
  );
  if (unsafe) refuse('must not contain spaces, control characters or \\');
  if (input.includes('#')) refuse('must not contain a fragment');

  const base = new URL(apiUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  // Checked on the text as given: URL parsing would quietly resolve the dot segments.
  checkSegments(input.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split('?')[0] ?? '');

  const isPath = input.startsWith('/') && !input.startsWith('//');
  let url: URL;
  try {
    url = isPath ? new URL(input, base.origin) : new URL(input);
  } catch {
    refuse('must be a path such as /users/me or a URL on the Zoom API');
  }
  if (url.username || url.password) refuse('must not carry credentials');
  if (url.origin !== base.origin) refuse(`must be on ${base.origin}`);

  // Zoom refuses tokens in query strings, and the member's token is the gateway's to send.
  // The raw text is read, since `;` and encodings would hide a parameter from a parser.
  let query = url.search;
  try {
    query = decodeURIComponent(query);
  } catch {
    refuse('holds a malformed percent-encoding');
  }
  if (/access_token|refresh_token/i.test(query)) refuse('must not carry a token in its query');

  let path = url.pathname;
  if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  else if (!isPath) refuse(`must be under ${base.origin}${basePath}`);
  return path + url.search;
}
