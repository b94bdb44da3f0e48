import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
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

/**
 * What every GraphQL request must get past: body size, graphql-armor's depth, cost, alias,
 * token and directive limits, CSRF prevention (a simple cross-site request must carry a
 * header no form can set), and introspection and field suggestions only where allowed.
 */
export function securityPlugins(config: Config): Plugin[] {
  const { limits } = config;
  const plugins: Plugin[] = [
    useBodyLimit(limits.bodyBytes),
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
 * limits and yoga's CSRF refusal come without one.
 */
export function useErrorCodes(): Plugin {
  const withCode = (result: { errors?: readonly unknown[] }) => {
    if (!result.errors?.length) return result;
    const errors = result.errors.map((error) => {
      const { message, extensions, ...rest } = error as {
        message: string;
        extensions?: Record<string, unknown>;
      };
      if (extensions?.code) return error;
      return { message, ...rest, extensions: { ...extensions, code: codeFor(message) } };
    });
    return { ...result, errors };
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in Object(result)) return;
      if (Array.isArray(result)) setResult(result.map(withCode) as typeof result);
      else setResult(withCode(result as { errors?: readonly unknown[] }) as typeof result);
    },
  };
}
