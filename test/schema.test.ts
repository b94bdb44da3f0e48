import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('schema.graphql', () => {
  it('is what `npm run schema` prints from the schema the gateway serves', async () => {
    // Printed by the script in plain Node: under vitest, `graphql` would load twice (ESM and
    // CommonJS) and the Pothos types would not pass its instanceof checks.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/print-schema.ts', '--stdout'],
      { cwd: root },
    );
    const committed = await readFile(`${root}schema.graphql`, 'utf8');

    expect(committed).toBe(stdout);
  });
});
