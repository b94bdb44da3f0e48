import * as resolvers from '../resolvers/connect.js';
import { builder } from './builder.js';

const ConnectState = builder
  .objectRef<{ userEmail: string; options: unknown }>('ConnectState')
  .implement({
    description: 'What the member started the connection with, back from Zoom unchanged.',
    fields: (t) => ({
      userEmail: t.exposeString('userEmail'),
      options: t.expose('options', { type: 'JSON', nullable: true }),
    }),
  });

const ConnectZoomResult = builder
  .objectRef<{ success: boolean; state: { userEmail: string; options: unknown } }>(
    'ConnectZoomResult',
  )
  .implement({
    fields: (t) => ({
      success: t.exposeBoolean('success'),
      state: t.expose('state', { type: ConnectState }),
    }),
  });

builder.queryField('zoomAuthorizeUrl', (t) =>
  t.string({
    description:
      "Zoom's consent page for the signed-in member; `options` come back from connectZoom.",
    authScopes: { authenticated: true },
    args: { options: t.arg({ type: 'JSON' }) },
    resolve: (_root, args, ctx) => resolvers.zoomAuthorizeUrl(ctx, args.options),
  }),
);

builder.mutationFields((t) => ({
  connectZoom: t.field({
    type: ConnectZoomResult,
    description: 'Finishes connecting Zoom with the `code` and `state` Zoom redirected with.',
    authScopes: { authenticated: true },
    args: {
      code: t.arg.string({ required: true }),
      state: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => resolvers.connectZoom(ctx, args.code, args.state),
  }),
  disconnectZoom: t.boolean({
    description: "Revokes the member's Zoom tokens and forgets them; false when not connected.",
    authScopes: { authenticated: true },
    args: { userEmail: t.arg.string() },
    resolve: (_root, args, ctx) => resolvers.disconnectZoom(ctx, args.userEmail),
  }),
}));
