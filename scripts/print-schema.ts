// `npm run schema` rewrites schema.graphql from the Pothos schema (then run `npm run codegen`);
// with --stdout it prints the schema instead, for the freshness test.
import { writeFile } from 'node:fs/promises';
import { printGatewaySchema } from '../src/schema/index.js';

const printed = printGatewaySchema();

if (process.argv.includes('--stdout')) {
  process.stdout.write(printed);
} else {
  const target = new URL('../schema.graphql', import.meta.url);
  await writeFile(target, printed);
  console.log(`wrote ${target.pathname}`);
}
