/// <reference lib="dom" />
/**
 * `npm run test:electron`: launches the built app (`npm run build` first) with
 * Playwright's Electron support on a temporary user-data folder and checks,
 * live: the window's webPreferences (contextIsolation, sandbox, no
 * nodeIntegration), the CSP header on an app:// response, that navigation and
 * window.open are refused, first launch on the Local sandbox, and the register
 * flow by the DESIGN contract's accessible names (test/electron/smokeSpec.ts,
 * which test/e2e/smoke.test.ts also runs against the browser harness).
 *
 * Where Electron's binary is not installed it prints one line saying so and
 * exits 0: run it on any machine where `npm ci` installs Electron.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron } from 'playwright-core';
import { firstLaunchOnSandbox, registerAndDeregister } from './smokeSpec';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The binary the `electron` package installed, read from its path.txt without requiring it (requiring it would try to download). */
function electronBinary(): string | undefined {
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`test:electron: ${what}`);
  console.log(`ok  ${what}`);
}

async function main(): Promise<void> {
  const executablePath = electronBinary();
  if (!executablePath) {
    console.log('test:electron skipped: the Electron binary is not installed on this machine (node_modules/electron has no dist/); the same flow runs against the browser harness in test/e2e/smoke.test.ts.');
    return;
  }
  if (!existsSync(path.join(ROOT, 'out/main/index.js'))) throw new Error('No built app in out/: run `npm run build` first.');
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'workbench-electron-'));
  const awsDir = mkdtempSync(path.join(os.tmpdir(), 'workbench-electron-aws-'));
  writeFileSync(path.join(awsDir, 'config'), '');
  writeFileSync(path.join(awsDir, 'credentials'), '');
  const app = await electron.launch({
    executablePath,
    args: [ROOT, `--user-data-dir=${userDataDir}`],
    // An empty AWS config, so first launch has no default profile and lands on the Local sandbox.
    env: { ...process.env, AWS_CONFIG_FILE: path.join(awsDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(awsDir, 'credentials'), AWS_PROFILE: '' },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    // getLastWebPreferences is not in every Electron's typings; the page's own view is checked in any case.
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences?: () => { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean } | null;
      };
      const p = contents.getLastWebPreferences?.();
      return p ? { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration } : undefined;
    });
    if (prefs) check(prefs.contextIsolation === true && prefs.sandbox === true && prefs.nodeIntegration !== true, `webPreferences ${JSON.stringify(prefs)}`);
    const seen = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: typeof (window as unknown as { workbench?: unknown }).workbench,
    }));
    check(seen.require === 'undefined' && seen.process === 'undefined' && seen.api === 'object', `the page sees no Node and only the contract API ${JSON.stringify(seen)}`);

    const csp = await app.evaluate(async ({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      const response = await contents.session.fetch(contents.getURL());
      return { url: contents.getURL(), csp: response.headers.get('content-security-policy') };
    });
    check(csp.url.startsWith('app://') && Boolean(csp.csp) && /default-src/.test(csp.csp ?? ''), `CSP header on ${csp.url}: ${csp.csp}`);

    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    check(page.url() === before, 'navigation away from the app is refused');

    const opened = await page.evaluate(() => window.open('https://docs.aws.amazon.com/') === null);
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    check(opened && windows === 1, 'window.open is refused (no new window)');

    await firstLaunchOnSandbox(page);
    check(true, 'first launch is on the Local sandbox');
    await registerAndDeregister(page);
    check(true, 'register and deregister an endpoint by the contract names');
  } finally {
    await app.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(awsDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
