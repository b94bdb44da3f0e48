import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { BadUserInputError } from '../errors.js';

/** Deeper JSON than this is refused: nothing the gateway or Zoom takes nests so far. */
const MAX_JSON_DEPTH = 32;

function unsafeNumber(): never {
  throw new BadUserInputError(
    'Integers past 2^53 lose digits as JSON numbers; send them as strings',
  );
}

/**
 * Checks the depth of a JSON value from variables. Their big integers are refused earlier, by
 * `useExactNumbers`, for every variable and not only JSON ones.
 */
function checkJson(value: unknown, depth = 0): unknown {
  if (depth > MAX_JSON_DEPTH)
    throw new BadUserInputError(`JSON nests deeper than ${MAX_JSON_DEPTH}`);
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) checkJson(item, depth + 1);
  }
  return value;
}

/** A JSON literal from the query text, with its integers kept exact or refused. */
function jsonLiteral(
  node: ValueNode,
  variables: Record<string, unknown> | null | undefined,
  depth = 0,
): unknown {
  if (depth > MAX_JSON_DEPTH)
    throw new BadUserInputError(`JSON nests deeper than ${MAX_JSON_DEPTH}`);
  switch (node.kind) {
    case Kind.INT:
    case Kind.FLOAT: {
      // `9.8765432109876543e16` is a whole number too, and loses digits the same way.
      const value = Number(node.value);
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) unsafeNumber();
      return value;
    }
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [
          field.name.value,
          jsonLiteral(field.value, variables, depth + 1),
        ]),
      );
    case Kind.LIST:
      return node.values.map((item) => jsonLiteral(item, variables, depth + 1));
    case Kind.VARIABLE:
      return checkJson(variables?.[node.name.value] ?? null, depth);
    default:
      return JSONResolver.parseLiteral(node, variables);
  }
}

/** graphql-scalars' JSON, refusing what would arrive changed: big integers, deep nesting. */
export const JSONScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  parseValue: (value) => checkJson(value),
  parseLiteral: (node, variables) => jsonLiteral(node, variables),
});
