/// <reference lib="dom" />
/**
 * Issue 16's SSO flow in Chromium through the harness: a temp ~/.aws/config
 * with an sso-session whose Identity Center, STS and Chime endpoints are the
 * harness's sandbox (the profile's endpoint_url), select that profile, "Sign
 * in with AWS SSO", the sandbox's approve route plays the person in the
 * browser, and the app shows Connected and the demo AppInstance. The token
 * lands in the cache file the AWS CLI reads. At 1024x700, dark.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2ESession } from './support/session';

const SESSION = 'sandbox-sso';

describe('SSO sign-in in the app', () => {
  let s: E2ESession;
  let home: string;
  const savedHome = process.env['HOME'];

  beforeAll(async () => {
    // The SSO token cache lives under HOME (as for the CLI): a temp one, never the machine's.
    home = mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-home-'));
    process.env['HOME'] = home;
    s = await openSession({ spec: 'sso-sign-in', viewport: { width: 1024, height: 700 } });
    await s.page.emulateMedia({ colorScheme: 'dark' });
    const sandbox = s.harness.services.sandboxUrl;
    writeFileSync(
      path.join(s.awsConfigDir, 'config'),
      `[profile sso-dev]
sso_session = ${SESSION}
sso_account_id = 000000000000
sso_role_name = AdministratorAccess
region = us-east-1
endpoint_url = ${sandbox}

[sso-session ${SESSION}]
sso_start_url = https://sandbox.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`,
    );
    // The profiles are read at launch: launch again with the config in place.
    await s.page.reload();
  });
  afterAll(async () => {
    await s?.close();
    process.env['HOME'] = savedHome;
    rmSync(home, { recursive: true, force: true });
  });

  it('signs in with the device code (approved through the sandbox) and with the browser (authorization code), and lists the AppInstances', async () => {
    const { page } = s;
    const connection = page.getByRole('combobox', { name: 'Connection' });
    await expect.poll(() => connection.locator('option').allTextContents()).toContain('sso-dev');
    await connection.selectOption({ label: 'sso-dev' });

    // No session yet: the app offers the sign-in instead of a terminal command.
    const signIn = page.getByRole('button', { name: 'Sign in with AWS SSO' });
    await signIn.waitFor();
    await s.step('profile without a session');

    await signIn.click();
    const dialog = page.getByRole('dialog', { name: 'Sign in with AWS SSO' });
    // An sso-session signs in with the browser by default (as current CLIs); the device code is one click away.
    await dialog.getByRole('status').filter({ hasText: 'Waiting for the browser sign-in' }).waitFor();
    await s.step('browser sign-in by default');
    await dialog.getByRole('button', { name: 'Use a code instead' }).click();
    const code = dialog.getByLabel('Sign-in code');
    await code.waitFor();
    const userCode = (await code.textContent())?.trim() ?? '';
    expect(userCode).toMatch(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/);
    await dialog.getByRole('status').filter({ hasText: 'Waiting for approval' }).waitFor();
    await dialog.getByRole('button', { name: 'Open browser' }).click();
    await s.step('code shown, waiting');

    // The person approves in the browser.
    const approved = await s.control('sso/approve', { UserCode: userCode });
    expect(approved.status).toBe(200);

    await dialog.getByRole('status').filter({ hasText: 'Signed in' }).waitFor({ timeout: 20_000 });
    await s.step('signed in');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The connection works with the role credentials from the portal.
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 20_000 }).toBe('Connected');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'App instance' }).locator('option').allTextContents(), { timeout: 20_000 })
      .toContain('Demo push app');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The badge says who and until when: the portal's role credentials expire (long-term keys would show no time).
    await page.getByLabel(/^Signed in as arn:aws:/).waitFor({ timeout: 20_000 });
    const expiry = page.getByRole('timer', { name: 'Credentials expiry' });
    await expiry.waitFor();
    expect(await expiry.textContent()).toMatch(/^expires \d/);
    await s.step('connected with the demo app instance');

    // The CLI's cache: ~/.aws/sso/cache/<sha1 of the session name>.json, with a refresh token.
    const cacheFile = path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(SESSION).digest('hex')}.json`);
    expect(existsSync(cacheFile)).toBe(true);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    expect(cached).toMatchObject({ startUrl: 'https://sandbox.awsapps.com/start', region: 'us-east-1' });
    expect(cached['refreshToken']).toBeTruthy();
    // Nothing of the token reached the page.
    expect(await page.content()).not.toContain(cached['accessToken']);

    // Profile settings: where the endpoint came from.
    await page.getByRole('button', { name: 'Profile settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Profile settings' });
    await settings.getByRole('row', { name: 'endpoint_url', exact: true }).waitFor();
    expect(await settings.getByRole('row', { name: 'endpoint_url', exact: true }).textContent()).toContain(s.harness.services.sandboxUrl);
    await s.step('profile settings');
    await settings.getByRole('button', { name: 'Close' }).click();

    // Sign out removes the cached token; the app offers the sign-in again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in with AWS SSO' }).waitFor();
    expect(existsSync(cacheFile)).toBe(false);
    await page.getByRole('button', { name: 'Sign in again' }).waitFor();
    await s.step('signed out');

    // Sign in again with the browser: authorization code with PKCE, back to main's loopback listener.
    s.harness.opened.length = 0;
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Waiting for the browser sign-in' }).waitFor();
    await dialog.getByRole('button', { name: 'Open browser' }).click();
    await expect.poll(() => s.harness.opened.length).toBe(1);
    const authorize = new URL(s.harness.opened[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${s.harness.services.sandboxUrl}/authorize`);
    // The person signs in: the sandbox's page sends the browser back to the app.
    const back = await fetch(authorize);
    expect(await back.text()).toContain('Signed in');
    await dialog.getByRole('status').filter({ hasText: 'Signed in' }).waitFor({ timeout: 20_000 });
    await s.step('signed in with the browser');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(existsSync(cacheFile)).toBe(true);
  });
});
