import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Config } from './config.js';

const tooLarge = (limit: number) =>
  new Response(
    JSON.stringify({
      errors: [
        {
          message: `The request body is larger than ${limit} bytes`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    }),
    { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } },
  );

/** Refuses a GraphQL request whose declared body is over the limit, before it is read. */
function useBodyLimit(limit: number): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/graphql') return;
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > limit) endResponse(tooLarge(limit));
    },
  };
}

/** Whether a parsed JSON value holds an integer that JavaScript could not keep exact. */
function hasUnsafeInteger(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (!value || typeof value !== 'object' || depth > 64) return false;
  return Object.values(value).some((item) => hasUnsafeInteger(item, depth + 1));
}

/**
 * Refuses variables with integers past 2^53. By the time they are read they have lost digits,
 * so a meeting id sent as a JSON number would name another meeting.
 */
function useExactNumbers(): Plugin {
  return {
    onParams({ params, setResult }) {
      if (!hasUnsafeInteger(params.variables)) return;
      setResult({
        errors: [
          createGraphQLError(
            'Integers past 2^53 lose digits as JSON numbers; send them as strings',
            {
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ),
        ],
      });
    },
  };
}

/**
 * What every GraphQL request must get past: body size, graphql-armor's depth, cost, alias,
 * token and directive limits, CSRF prevention (a simple cross-site request must carry a
 * header no form can set), and introspection and field suggestions only where allowed.
 */
export function securityPlugins(config: Config): Plugin[] {
  const { limits } = config;
  const plugins: Plugin[] = [
    useBodyLimit(limits.bodyBytes),
    useExactNumbers(),
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization', 'x-api-key'] }),
    EnvelopArmorPlugin({
      maxDepth: { n: limits.depth, ignoreIntrospection: true },
      maxAliases: { n: limits.aliases },
      costLimit: { maxCost: limits.cost, ignoreIntrospection: true },
      maxTokens: { n: limits.tokens },
      maxDirectives: { n: limits.directives },
      blockFieldSuggestion: { enabled: !config.graphiql },
    }) as Plugin,
  ];
  if (!config.introspection) plugins.push(useDisableIntrospection());
  return plugins;
}

/** The code for an error that GraphQL itself or a plugin raised without one. */
function codeFor(message: string): string {
  if (/CSRF/.test(message)) return 'FORBIDDEN';
  if (/^Variable "\$|cannot represent|Expected value of type/.test(message))
    return 'BAD_USER_INPUT';
  return 'GRAPHQL_VALIDATION_FAILED';
}

/**
 * Gives every error a stable `extensions.code`: graphql-js's coercion errors, graphql-armor's
 * limits and yoga's CSRF refusal come without one. The errors are kept as they are (their
 * HTTP status and locations with them); a parse error's echo of the body is dropped.
 */
export function useErrorCodes(): Plugin {
  const label = (result: { errors?: readonly unknown[] }) => {
    for (const error of result.errors ?? []) {
      const { message, extensions } = error as {
        message: string;
        extensions?: Record<string, unknown>;
      };
      if (!extensions || Object.isFrozen(extensions)) continue;
      extensions.code ??= codeFor(message);
      delete extensions.originalError;
    }
  };
  return {
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in Object(result)) return;
      for (const item of Array.isArray(result) ? result : [result]) {
        label(item as { errors?: readonly unknown[] });
      }
    },
  };
}
