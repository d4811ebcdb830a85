/** Issue 10: every `npm run X` the sources, scripts and docs tell people to type exists in package.json. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const scripts = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx|mjs|cjs|md)$/.test(name) ? [full] : [];
  });
}

describe('npm scripts named in the project', () => {
  it('all exist', () => {
    const named = new Map<string, string>();
    for (const file of [path.join(ROOT, 'README.md'), ...['scripts', 'src', 'test', 'bench', 'docs'].flatMap((d) => files(path.join(ROOT, d)))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/npm run ([a-z][a-z0-9:-]*)/g)) named.set(match[1]!, path.relative(ROOT, file));
    }
    expect(named.size).toBeGreaterThan(5);
    const missing = [...named].filter(([name]) => !scripts.includes(name)).map(([name, file]) => `${name} (in ${file})`);
    expect(missing).toEqual([]);
  });
});
