import { describe, expect, it } from 'vitest';
import { GatewayError } from '../web/api.js';
import { describeError } from '../web/messages.js';

const refusal = (code: string, extensions: Record<string, unknown> = {}, message = 'x') =>
  new GatewayError(message, code, { code, ...extensions });

describe("the example page's words for gateway errors", () => {
  it.each([
    ['ZOOM_NOT_CONNECTED', {}, 'Connect your Zoom account first: press “Connect Zoom”.'],
    [
      'ZOOM_REAUTH_REQUIRED',
      {},
      'Zoom has ended the link to your account. Press “Connect Zoom” to link it again.',
    ],
    [
      'ZOOM_RATE_LIMITED',
      { retryAfter: 7 },
      'Zoom is busy right now. Please try again in 7 seconds.',
    ],
    ['ZOOM_RATE_LIMITED', {}, 'Zoom is busy right now. Please try again in a minute.'],
    ['ZOOM_NOT_FOUND', {}, 'That meeting no longer exists in Zoom.'],
    ['UNAUTHENTICATED', {}, 'Your sign-in has expired. Please sign in again.'],
    ['NETWORK', {}, 'The server cannot be reached. Check your connection and try again.'],
  ])('says what to do about %s %o', (code, extensions, words) => {
    expect(describeError(refusal(code, extensions))).toBe(words);
  });

  it('names the form field of a BAD_USER_INPUT in the words of the form', () => {
    const error = refusal(
      'BAD_USER_INPUT',
      { field: 'startTime' },
      'startTime must be in the future',
    );

    expect(describeError(error)).toBe('Please check the start time: it must be in the future.');
  });

  it("passes Zoom's own message on for any other Zoom failure", () => {
    const error = refusal('ZOOM_API_ERROR', { zoomMessage: 'User does not exist' });

    expect(describeError(error)).toBe('Zoom could not do that: User does not exist.');
  });

  it('falls back to a plain apology for an error that is not from the gateway', () => {
    expect(describeError(new TypeError('boom'))).toBe('Something went wrong. Please try again.');
  });
});
