/**
 * Issue 10: test runs left about 40 temp folders behind. Every run gets a
 * private TMPDIR (workers inherit it), and at the end any folder a test
 * left in it fails the run by name; then the private folder is removed.
 * Tool caches that live in TMPDIR by design (tsx, jiti, Node's compile cache,
 * Chromium's crash reports) are not ours and are ignored.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TOOL_CACHES = [/^tsx-\d+$/, /^jiti$/, /^node-compile-cache$/, /^\.org\.chromium\./, /^playwright/, /^vite-/, /^\.com\.google\./];

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cew-test-run-'));
  process.env.TMPDIR = dir;
  return () => {
    const left = readdirSync(dir).filter((name) => !TOOL_CACHES.some((re) => re.test(name)));
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`Tests left ${left.length} temp folder(s) behind: ${left.slice(0, 20).join(', ')}`);
  };
}
