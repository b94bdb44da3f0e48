import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createGatewayClient,
  type DeleteMeetingMutation,
  gatewayErrors,
  type MeetingFieldsFragment,
  type Sdk,
} from '../client/index.js';
import { consent } from './support/consent.js';
import { API_KEY, type Stack, startStack } from './support/stack.js';

const MEMBER = 'grace@example.com';
const OTHER_MEMBER = 'linus@example.com';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** Connects Zoom for the member through the SDK alone, as a site's page would. */
async function connectWithSdk(sdk: Sdk, zoomEmail: string) {
  const options = { returnTo: '/calendar' };
  const { zoomAuthorizeUrl } = await sdk.zoomAuthorizeUrl({ options });
  const back = await consent(zoomAuthorizeUrl, zoomEmail);

  const { connectZoom } = await sdk.connectZoom({
    code: back.searchParams.get('code') ?? '',
    state: back.searchParams.get('state') ?? '',
  });
  return connectZoom;
}

/** Expects the SDK call to be refused with this error code. */
async function refusedWith(call: Promise<unknown>, code: string) {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(gatewayErrors(error).map((entry) => entry.extensions?.code)).toEqual([code]);
}

describe('the generated SDK over HTTP', () => {
  it('connects a member and manages a meeting with typed answers', async () => {
    const sdk = createGatewayClient(`${stack.url}/graphql`, {
      token: await stack.memberToken(MEMBER),
    });
    await refusedWith(sdk.meetings(), 'ZOOM_NOT_CONNECTED');

    const connected = await connectWithSdk(sdk, 'grace.zoom@example.org');
    expect(connected).toEqual({
      success: true,
      state: { userEmail: MEMBER, options: { returnTo: '/calendar' } },
    });
    const { zoomConnection } = await sdk.zoomConnection();
    expect(zoomConnection).toMatchObject({ connected: true, expired: false });

    const { createMeeting: created } = await sdk.createMeeting({
      input: { topic: 'SDK review', startTime: '2031-05-06T07:00:00Z', duration: 45 },
    });
    expectTypeOf(created).toEqualTypeOf<MeetingFieldsFragment>();
    expectTypeOf(created.id).toEqualTypeOf<string>();
    expect(created.id).toMatch(/^\d{11}$/);
    expect(created).toMatchObject({
      topic: 'SDK review',
      type: 'SCHEDULED',
      startTime: '2031-05-06T07:00:00.000Z',
      duration: 45,
      timezone: 'UTC',
      hostEmail: 'grace.zoom@example.org',
    });

    const { meeting } = await sdk.meeting({ id: created.id });
    expect(meeting).toEqual({ ...created, occurrences: [] });

    const { meetings } = await sdk.meetings({ first: 10 });
    expectTypeOf(meetings.nodes).toEqualTypeOf<MeetingFieldsFragment[]>();
    expect(meetings.totalCount).toBe(1);
    expect(meetings.nodes.map((node) => node.id)).toEqual([created.id]);
    expect(meetings.pageInfo).toEqual({ hasNextPage: false, endCursor: null });

    const { deleteMeeting } = await sdk.deleteMeeting({ id: created.id });
    expectTypeOf(deleteMeeting).toEqualTypeOf<DeleteMeetingMutation['deleteMeeting']>();
    expect(deleteMeeting).toEqual({ success: true, id: created.id, occurrenceId: null });
    await refusedWith(sdk.meeting({ id: created.id }), 'ZOOM_NOT_FOUND');
  });

  it('lets a backend act for a connected member by userEmail', async () => {
    const member = createGatewayClient(`${stack.url}/graphql`, {
      token: await stack.memberToken(OTHER_MEMBER),
    });
    await connectWithSdk(member, 'linus.zoom@example.org');
    const backend = createGatewayClient(`${stack.url}/graphql`, { apiKey: API_KEY });
    const userEmail = OTHER_MEMBER;

    const { createMeeting: created } = await backend.createMeeting({
      input: { topic: 'Board call', duration: 30 },
      userEmail,
    });
    expect(created).toMatchObject({ topic: 'Board call', duration: 30 });

    const { updateMeeting } = await backend.updateMeeting({
      id: created.id,
      input: { topic: 'Board call (moved)' },
      userEmail,
    });
    expect(updateMeeting).toMatchObject({ id: created.id, topic: 'Board call (moved)' });

    const { meeting } = await backend.meeting({ id: created.id, userEmail });
    expect(meeting?.topic).toBe('Board call (moved)');
    const { meetings } = await backend.meetings({ userEmail });
    expect(meetings.nodes.map((node) => node.id)).toEqual([created.id]);

    const { zoomRequest } = await backend.zoomRequest({
      method: 'GET',
      url: `/meetings/${created.id}`,
      userEmail,
    });
    expect(zoomRequest).toMatchObject({ status: 200, ok: true });
    expect((zoomRequest.body as { topic: string }).topic).toBe('Board call (moved)');

    const { deleteMeeting } = await backend.deleteMeeting({ id: created.id, userEmail });
    expect(deleteMeeting.success).toBe(true);
    await refusedWith(backend.meetings({ userEmail: 'nobody@example.com' }), 'ZOOM_NOT_CONNECTED');
  });
});
