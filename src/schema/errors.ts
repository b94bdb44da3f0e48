import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { GatewayError } from '../errors.js';

// graphql ships both CommonJS and ES builds, and yoga may hold the other one, so an
// `instanceof GraphQLError` check can miss; the shape is what counts.
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error;
}

/**
 * Yoga's error mask: a GatewayError keeps its message and gains its `extensions.code`;
 * GraphQL's own validation errors pass as they are; anything else reaches the client only as
 * "Unexpected error." (yoga logs it in full, see `yogaLogger`).
 */
export function createErrorMask() {
  return (error: unknown, message: string): Error => {
    const source = isGraphQLError(error) ? error : undefined;
    let original: unknown = error;
    // Errors from loaders and plugins may arrive wrapped more than once.
    while (isGraphQLError(original) && original.originalError) original = original.originalError;

    if (original instanceof GatewayError) {
      const extensions: Record<string, unknown> = { code: original.code };
      for (const [key, value] of Object.entries(original.details)) {
        if (value !== undefined) extensions[key] = value;
      }
      if (original.retryable) extensions.retryable = true;
      return createGraphQLError(original.message, {
        nodes: source?.nodes,
        path: source?.path,
        extensions,
      });
    }
    if (isGraphQLError(original)) return original;

    return createGraphQLError(message, {
      nodes: source?.nodes,
      path: source?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}
