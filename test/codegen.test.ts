import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codegenConfig } from '../codegen.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const GENERATED = [
  'client/documents.ts',
  'client/generated.ts',
  'web/gql/gql.ts',
  'web/gql/graphql.ts',
  'web/gql/index.ts',
];

/** What `npm run codegen`'s biome hook makes of a file, run on its text for its real path. */
function formatAs(path: string, content: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const biome = spawn(
      join(root, 'node_modules/.bin/biome'),
      ['check', '--write', `--stdin-file-path=${path}`],
      { cwd: root },
    );
    let output = '';
    biome.stdout.on('data', (chunk) => {
      output += chunk;
    });
    biome.on('error', reject);
    biome.on('close', (status) =>
      status === 0 ? resolve(output) : reject(new Error(`biome exited ${status} on ${path}`)),
    );
    biome.stdin.end(content);
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'zoom-gateway-codegen-'));
  await generate(
    {
      ...codegenConfig({ web: `${out}/web/gql/`, client: `${out}/client/` }),
      cwd: root,
      silent: true,
    },
    true,
  );
}, 30_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('generated code (run `npm run codegen` when these fail)', () => {
  it('writes exactly the committed files', async () => {
    expect(await listFiles(out)).toEqual(GENERATED);
  });

  it.each(GENERATED)('%s is what a fresh codegen run writes', async (path) => {
    const fresh = await formatAs(path, await readFile(join(out, path), 'utf8'));
    const committed = await readFile(join(root, path), 'utf8');

    expect(committed).toBe(fresh);
  });
});
