import * as resolvers from '../resolvers/members.js';
import type { ConnectionStatus } from '../zoom/token-service.js';
import { builder } from './builder.js';

const ZoomConnection = builder.objectRef<ConnectionStatus>('ZoomConnection').implement({
  description: "A member's link to their Zoom account. Tokens never leave the gateway.",
  fields: (t) => ({
    connected: t.exposeBoolean('connected'),
    scope: t.exposeStringList('scopes', { description: 'The scopes the member granted.' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the current access token expires; the gateway refreshes it itself.',
    }),
    expired: t.exposeBoolean('expired', {
      description: 'Whether the stored access token has expired (it is refreshed on next use).',
    }),
  }),
});

const Viewer = builder.objectRef<{ email: string }>('Viewer').implement({
  description: 'The signed-in member.',
  fields: (t) => ({
    email: t.exposeString('email'),
    zoomConnection: t.field({
      type: ZoomConnection,
      resolve: (viewer, _args, ctx) => resolvers.zoomConnection(ctx, viewer.email),
    }),
  }),
});

const MemberValidation = builder
  .objectRef<{ valid: boolean; reason: string | null }>('MemberValidation')
  .implement({
    fields: (t) => ({
      valid: t.exposeBoolean('valid'),
      reason: t.exposeString('reason', { nullable: true }),
    }),
  });

builder.queryFields((t) => ({
  viewer: t.field({
    type: Viewer,
    nullable: true,
    description: 'The signed-in member; null for backends and anonymous callers.',
    resolve: (_root, _args, ctx) => resolvers.viewer(ctx),
  }),
  validateMember: t.field({
    type: MemberValidation,
    description: 'Whether the caller may act for this email.',
    args: { userEmail: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => resolvers.checkMember(ctx, args.userEmail),
  }),
  zoomConnection: t.field({
    type: ZoomConnection,
    nullable: true,
    authScopes: { authenticated: true },
    args: { userEmail: t.arg.string() },
    resolve: (_root, args, ctx) => resolvers.zoomConnection(ctx, args.userEmail),
  }),
}));
