/**
 * One end-to-end session: a harness on a random loopback port with a fresh
 * user-data folder (or a given one, to test restore), a Chromium page on it,
 * and `step()` that names each user-visible step and screenshots it under
 * test-results/<spec>/ for people to look at.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startHarness, type RunningHarness } from '../../harness/startHarness';

export interface E2ESession {
  readonly page: Page;
  readonly harness: RunningHarness;
  readonly userDataDir: string;
  /** The temp folder holding the harness's AWS `config` and `credentials` (empty until a test writes them). */
  readonly awsConfigDir: string;
  step(name: string): Promise<void>;
  /** POSTs to the sandbox's control routes (flip an endpoint state, inject faults). */
  control(route: string, body: unknown): Promise<Response>;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly spec: string;
  readonly userDataDir?: string;
  readonly browser?: Browser;
  /** The embedded sandbox's validation delay; long by default so states change only when a test says so. */
  readonly validationDelayMs?: number;
  readonly viewport?: { width: number; height: number };
  /** The harness's `--dialog-dir`: main's file chooser offers these files on /__harness/dialog. */
  readonly dialogDir?: string;
}

const RESULTS_DIR = path.resolve(import.meta.dirname, '../../../test-results');

export async function openSession(options: SessionOptions): Promise<E2ESession> {
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-'));
  const awsConfigDir = mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-aws-'));
  // An empty AWS config: the test machine's own profiles must not leak into the flows.
  writeFileSync(path.join(awsConfigDir, 'config'), '');
  writeFileSync(path.join(awsConfigDir, 'credentials'), '');
  const harness = await startHarness({ userDataDir, awsConfigDir, validationDelayMs: options.validationDelayMs ?? 600_000,
    ...(options.dialogDir && { dialogDir: options.dialogDir }),
  });
  const browser = options.browser ?? (await launchChromium());
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1360, height: 860 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(harness.url);

  const dir = path.join(RESULTS_DIR, options.spec);
  mkdirSync(dir, { recursive: true });
  let counter = 0;

  return {
    page,
    harness,
    userDataDir,
    awsConfigDir,
    async step(name) {
      counter += 1;
      const file = `${String(counter).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      await page.screenshot({ path: path.join(dir, file) });
      if (errors.length > 0) throw new Error(`Page errors before step "${name}": ${errors.join('; ')}`);
    },
    control(route, body) {
      return fetch(`${harness.services.sandboxUrl}/_sandbox/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    async close() {
      await context.close();
      if (!options.browser) await browser.close();
      await harness.close();
      // The temp folders this session made (a caller's userDataDir is the caller's to remove).
      rmSync(awsConfigDir, { recursive: true, force: true });
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
