import type { TypedDocumentString } from './gql/graphql.js';
import { savedToken } from './session.js';

/** A refusal from the gateway or the network, with the stable code the page switches on. */
export class GatewayError extends Error {
  readonly code: string;
  readonly extensions: Record<string, unknown>;

  constructor(message: string, code: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = 'GatewayError';
    this.code = code;
    this.extensions = extensions;
  }
}

interface GraphQLAnswer<TResult> {
  data?: TResult | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Runs one typed operation against the gateway as the signed-in member. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = savedToken();
  if (token) headers.authorization = `Bearer ${token}`;

  let answer: GraphQLAnswer<TResult>;
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    answer = (await response.json()) as GraphQLAnswer<TResult>;
  } catch {
    throw new GatewayError('The gateway cannot be reached', 'NETWORK');
  }

  const [first] = answer.errors ?? [];
  if (first) {
    const extensions = first.extensions ?? {};
    throw new GatewayError(first.message, String(extensions.code ?? 'UNKNOWN'), extensions);
  }
  if (!answer.data) throw new GatewayError('The gateway sent no data', 'UNKNOWN');
  return answer.data;
}
