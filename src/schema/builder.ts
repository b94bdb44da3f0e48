import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { DateTimeResolver } from 'graphql-scalars';
import type { GatewayContext } from '../context.js';
import { UnauthenticatedError } from '../errors.js';
import { JSONScalar } from './scalars.js';

/** The one Pothos builder; every file of `src/schema` adds its types and fields to it. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    DateTime: { Input: Date; Output: Date | string };
  };
  AuthScopes: { authenticated: boolean };
}>({
  plugins: [ScopeAuthPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({ authenticated: ctx.identity.kind !== 'anonymous' }),
    unauthorizedError: (_parent, ctx) =>
      new UnauthenticatedError(
        ctx.identity.kind === 'anonymous' ? ctx.identity.problem : undefined,
      ),
  },
});

builder.addScalarType('JSON', JSONScalar);
builder.addScalarType('DateTime', DateTimeResolver);

builder.queryType({});
builder.mutationType({});
