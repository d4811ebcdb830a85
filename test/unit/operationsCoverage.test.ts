/**
 * Every operation of the Chime SDK Identity service model, as the official SDK
 * exposes it (its `*Command` classes), must have an IPC channel and a place in
 * the UI that calls it. The UI registry is checked against the renderer's
 * source so it cannot claim a call that is not there.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { contract } from '../../src/shared/ipc/contract';
import { OPERATION_NAMES } from '../../src/shared/chime/operations';
import { OPERATION_ENTRY_POINTS } from './operationEntryPoints';

const RENDERER = resolve(__dirname, '../../src/renderer/src');

const sdkOperations = Object.keys(sdk)
  .filter((name) => /^[A-Z]\w*Command$/.test(name))
  .map((name) => name.slice(0, -'Command'.length))
  .sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [path] : [];
  });
}

/**
 * A call of the operation: its contract channel, or a walk on the one paging path
 * (a streamed `startPagedLoad` through main, or `listAll` over the operation's channel).
 */
function callsOperation(source: string, op: string): boolean {
  const channel = new RegExp(`['"\`]chime:${op}['"\`]`);
  const paged = new RegExp(`(?:startPagedLoad|listAll)\\(\\s*['"\`]${op}['"\`]`);
  return channel.test(source) || paged.test(source);
}

const rendererSources = sourceFiles(RENDERER).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('Chime SDK Identity operations coverage', () => {
  it('the SDK exposes the 30 operations of the service model, and our table has exactly those', () => {
    expect(sdkOperations).toHaveLength(30);
    expect([...OPERATION_NAMES].sort()).toEqual(sdkOperations);
  });

  it.each(sdkOperations)('%s has an IPC channel', (op) => {
    expect(Object.hasOwn(contract, `chime:${op}`)).toBe(true);
  });

  it.each(sdkOperations)('%s has a UI entry point whose source really calls it', (op) => {
    const entry = (OPERATION_ENTRY_POINTS as Record<string, { ui: string; source: string } | undefined>)[op];
    expect(entry, `${op} has no entry in operationEntryPoints.ts`).toBeDefined();
    const file = join(RENDERER, entry!.source);
    expect(existsSync(file), `${entry!.source} does not exist`).toBe(true);
    expect(callsOperation(readFileSync(file, 'utf8'), op), `${entry!.source} does not call chime:${op}`).toBe(true);
  });

  it('no renderer code calls an operation outside the contract', () => {
    const called = new Set<string>();
    for (const { text } of rendererSources) {
      for (const match of text.matchAll(/['"`]chime:([A-Za-z]+)['"`]/g)) called.add(match[1]!);
    }
    const unknown = [...called].filter((op) => !sdkOperations.includes(op));
    expect(unknown).toEqual([]);
    // Every operation is called somewhere in the renderer (not only where the registry says).
    const uncalled = sdkOperations.filter((op) => !rendererSources.some(({ text }) => callsOperation(text, op)));
    expect(uncalled).toEqual([]);
  });
});
