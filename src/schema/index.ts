import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './members.js';
import './connect.js';
import './meetings.js';
import './zoom-request.js';
import './meeting-events.js';

/** The gateway's executable schema. */
export const schema = builder.toSchema();

/** The schema in SDL, sorted so that the printed file is stable. */
export function printGatewaySchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
