import * as resolvers from '../resolvers/zoom-request.js';
import { builder } from './builder.js';

const HttpMethod = builder.enumType('HttpMethod', {
  values: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const,
});

const ZoomResponse = builder
  .objectRef<{
    status: number;
    ok: boolean;
    body: unknown;
    retryAfter: number | null;
    trackingId: string | null;
  }>('ZoomResponse')
  .implement({
    description: "Zoom's answer to a zoomRequest, including its 4xx refusals.",
    fields: (t) => ({
      status: t.exposeInt('status'),
      ok: t.exposeBoolean('ok'),
      body: t.expose('body', {
        type: 'JSON',
        nullable: true,
        description: 'Integers past 2^53 (meeting ids) arrive as strings.',
      }),
      retryAfter: t.exposeInt('retryAfter', { nullable: true, description: 'Seconds, on a 429.' }),
      trackingId: t.exposeString('trackingId', { nullable: true }),
    }),
  });

builder.mutationField('zoomRequest', (t) =>
  t.field({
    type: ZoomResponse,
    description:
      'Any call under the Zoom API for the member: a path such as /users/me or a full URL.',
    authScopes: { authenticated: true },
    args: {
      method: t.arg({ type: HttpMethod, required: true }),
      url: t.arg.string({ required: true }),
      body: t.arg({ type: 'JSON' }),
      userEmail: t.arg.string(),
    },
    resolve: (_root, args, ctx) => resolvers.zoomRequest(ctx, args),
  }),
);
