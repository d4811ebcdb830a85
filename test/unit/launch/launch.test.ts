/**
 * `npm start` / `npm run dev` where Electron's binary is missing must say so
 * in plain words and exit 1, quickly, without a stack trace. The binary is
 * made "missing" with ELECTRON_OVERRIDE_DIST_PATH pointing at an empty folder,
 * so this holds on machines that do have Electron; downloads go to a closed
 * loopback port, so nothing reaches the network.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const empty = mkdtempSync(path.join(tmpdir(), 'cew-no-electron-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

function launch(mode: string, env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ELECTRON_|electron_)/.test(k)));
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/launch.mjs'), mode], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...clean, ELECTRON_OVERRIDE_DIST_PATH: empty, electron_config_cache: path.join(empty, 'cache'), ...env },
  });
}

function expectClearFailure(result: ReturnType<typeof launch>, reason: RegExp) {
  expect(result.error).toBeUndefined(); // not killed by the timeout
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^Electron's binary is not installed \(/m);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).toContain('npx install-electron');
  expect(result.stderr).toContain('npm run build && npm run harness');
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
}

describe('scripts/launch.mjs without an Electron binary', () => {
  it.each(['start', 'dev'])('%s: download skipped → clear message, exit 1', (mode) => {
    expectClearFailure(launch(mode, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }), /ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
  });

  it('start: download attempted and refused → clear message, exit 1', () => {
    const result = launch('start', { ELECTRON_MIRROR: 'http://127.0.0.1:9/', WORKBENCH_ELECTRON_INSTALL_TIMEOUT_MS: '20000' });
    expectClearFailure(result, /the download (failed|did not finish)/);
  });

  it('rejects an unknown mode with usage', () => {
    const result = launch('deploy', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: node scripts/launch.mjs start|dev');
  });
});
