import { ClientError, GraphQLClient } from 'graphql-request';
import { getSdk, type Sdk } from './generated.js';

export type * from './documents.js';
export type { Sdk } from './generated.js';

/** How the SDK speaks to the gateway: as a member with their token, or as a backend. */
export type GatewayCredentials = { token: string } | { apiKey: string };

/** One GraphQL error as the gateway sends it; `extensions.code` is the stable part. */
export interface GatewayErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * A typed SDK for the gateway's GraphQL endpoint at `url` (e.g. `https://gw.example/graphql`),
 * one method per operation of client/operations.graphql. A GraphQL error rejects the call.
 */
export function createGatewayClient(url: string, credentials: GatewayCredentials): Sdk {
  const headers: Record<string, string> =
    'token' in credentials
      ? { authorization: `Bearer ${credentials.token}` }
      : { 'x-api-key': credentials.apiKey };
  return getSdk(new GraphQLClient(url, { headers }));
}

/** The gateway's errors carried by a rejected SDK call; empty for a network failure. */
export function gatewayErrors(error: unknown): GatewayErrorEntry[] {
  if (!(error instanceof ClientError)) return [];
  return (error.response.errors ?? []) as GatewayErrorEntry[];
}
