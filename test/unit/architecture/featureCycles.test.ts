/**
 * Feature folders of the renderer (`src/renderer/src/features/<feature>/`)
 * must not import each other in a cycle: a cycle makes two features one in
 * all but name (neither can be read, tested or lazily loaded alone) and
 * leaves module initialisation order to chance. Imports are read as text
 * (static `import … from`, `export … from` and dynamic `import()`), so the
 * check needs no bundler.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const FEATURES = resolve(__dirname, '../../../src/renderer/src/features');
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function featureOf(path: string): string | undefined {
  const rel = relative(FEATURES, path);
  return rel.startsWith('..') ? undefined : rel.split(sep)[0];
}

/** feature → the other features it imports, with one importing file per edge for the message. */
export function featureGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(FEATURES)) {
    const from = featureOf(file)!;
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = featureOf(resolve(dirname(file), specifier!));
      if (to && to !== from && !edges.has(to)) edges.set(to, relative(FEATURES, file));
    }
  }
  return graph;
}

/** Every cycle, each once, as the features on it (`a → b → a`). */
export function findCycles(graph: ReadonlyMap<string, ReadonlyMap<string, string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const walk = (path: string[]): void => {
    for (const next of graph.get(path.at(-1)!)?.keys() ?? []) {
      if (next === path[0]) {
        const key = [...path].sort().join(',');
        if (!seen.has(key)) cycles.push([...path, next]);
        seen.add(key);
      } else if (!path.includes(next) && next > path[0]!) {
        walk([...path, next]);
      }
    }
  };
  for (const start of [...graph.keys()].sort()) walk([start]);
  return cycles;
}

describe('renderer feature folders', () => {
  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
      ['d', new Map([['a', 'd/w.ts']])],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('import each other without cycles', () => {
    const graph = featureGraph();
    expect(graph.size).toBeGreaterThan(5);
    const described = findCycles(graph).map((cycle) =>
      cycle
        .slice(0, -1)
        .map((feature, i) => `${feature} → ${cycle[i + 1]} (${graph.get(feature)!.get(cycle[i + 1]!)})`)
        .join(', '),
    );
    expect(described).toEqual([]);
  });
});
