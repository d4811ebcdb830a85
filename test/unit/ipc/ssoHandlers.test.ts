/**
 * The SSO channels and "Profile settings" through the dispatcher, as the
 * renderer drives them, against the embedded sandbox's Identity Center: a
 * device-code sign-in answered with the code, the page opened by main only
 * through the link policy, progress events that end in signed-in or
 * cancelled, the CLI's cache written, sign-out; nothing secret in any answer
 * or event.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { createConfOpener, type ConfLike } from '../../../src/main/store/persistence';
import { plainTextEncryptor } from '../../../src/main/store/encryption';
import { isAllowedSignInPage } from '../../../src/main/platform/linkPolicy';
import type { SsoProgress, SsoSessionEvent, SsoSignInStarted, SsoStatus, ProfileSettingsView } from '../../../src/shared/ipc/ssoContract';

type DeviceStarted = Extract<SsoSignInStarted, { method: 'device' }>;
import type { WorkbenchError } from '../../../src/shared/errors';

let dir: string;
let services: MainServices;
const opened: string[] = [];
const events: Array<{ event: string; payload: unknown }> = [];
const dispatch = (channel: string, input?: unknown) => services.dispatcher.dispatch(channel, input, true);
const call = async <T>(channel: string, input?: unknown): Promise<T> => {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
};
const progressOf = (signInId: string) =>
  events.filter((e) => e.event === 'sso:progress').map((e) => e.payload as SsoProgress).filter((p) => p.signInId === signInId);
const until = async (predicate: () => boolean, ms = 15_000) => {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const savedHome = process.env['HOME'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sso-handlers-'));
  // The SDK's fromSSO reads the token cache under HOME, as the CLI does; homeDir below is the same folder.
  process.env['HOME'] = dir;
  await writeFile(path.join(dir, 'credentials'), '[keys]\naws_access_key_id = AKIDX\naws_secret_access_key = s\n');
  services = await createMainServices({
    userDataDir: dir,
    openDocuments: createConfOpener({ cwd: dir, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
    encryptor: plainTextEncryptor,
    notify: () => {},
    openExternal: async (url) => void opened.push(url),
    appVersion: 'test',
    platform: 'linux',
    profileSource: {
      homeDir: dir,
      env: {
        AWS_CONFIG_FILE: path.join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
        HTTPS_PROXY: 'http://proxyuser:proxy-pass-123@proxy.example:3128',
      },
    },
  });
  await writeFile(
    path.join(dir, 'config'),
    `[profile keys]
region = eu-west-1

[profile sso-dev]
sso_session = team
sso_account_id = 000000000000
sso_role_name = AdministratorAccess
region = us-east-1
endpoint_url = ${services.sandboxUrl}

[sso-session team]
sso_start_url = https://team.awsapps.com/start
sso_region = us-east-1
`,
  );
  services.bus.subscribe((event, payload) => events.push({ event, payload }));
});

afterAll(async () => {
  process.env['HOME'] = savedHome;
  await services?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('SSO over IPC', () => {
  it('says a profile without Identity Center has no SSO session to sign in to', async () => {
    expect(await call<SsoStatus>('sso:status', { profile: 'keys' })).toEqual({ profile: 'keys', state: 'none' });
    expect(await call<SsoStatus>('sso:status', { profile: 'sso-dev' })).toMatchObject({ profile: 'sso-dev', state: 'signed-out', sessionName: 'team' });
  });

  it('signs in: the code comes back, main opens the page, the approval ends in signed-in and the CLI cache', async () => {
    // On the profile's connection, main's session keeper says it needs a sign-in, then that it is signed in.
    await call('connection:select', { connection: { kind: 'profile', profile: 'sso-dev' }, region: 'us-east-1' });
    const sessions = () => events.filter((e) => e.event === 'sso:session').map((e) => e.payload as SsoSessionEvent);
    await until(() => sessions().some((e) => e.state === 'needs-sign-in' && e.profile === 'sso-dev'));
    const started = await call<DeviceStarted>('sso:signIn', { profile: 'sso-dev', method: 'device' });
    expect(started.method).toBe('device');
    expect(started.userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(started.verificationUriComplete).toContain(started.userCode);
    await call('sso:openBrowser', { signInId: started.signInId });
    expect(opened).toEqual([started.verificationUriComplete]);

    const approved = await fetch(`${services.sandboxUrl}/_sandbox/sso/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ UserCode: started.userCode }),
    });
    expect(approved.status).toBe(200);
    await until(() => progressOf(started.signInId).some((p) => p.state === 'signed-in'));
    expect(progressOf(started.signInId).some((p) => p.state === 'waiting')).toBe(true);

    await until(() => sessions().some((e) => e.state === 'signed-in' && e.profile === 'sso-dev'));
    // The connection now works with the portal's role credentials.
    expect((await dispatch('chime:ListAppInstances', {})).ok).toBe(true);
    const status = await call<SsoStatus>('sso:status', { profile: 'sso-dev' });
    expect(status).toMatchObject({ state: 'signed-in', startUrl: 'https://team.awsapps.com/start', refreshable: true });
    const cacheFile = path.join(dir, '.aws', 'sso', 'cache', `${createHash('sha1').update('team').digest('hex')}.json`);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    const outward = JSON.stringify({ started, events, status });
    for (const key of ['accessToken', 'refreshToken', 'clientSecret']) {
      expect(cached[key]).toBeTruthy();
      expect(outward).not.toContain(cached[key]);
    }

    // The sign-in has ended: its page can no longer be opened through it.
    const late = await dispatch('sso:openBrowser', { signInId: started.signInId });
    expect(late.ok).toBe(false);

    const signedOut = await call<SsoStatus>('sso:signOut', { profile: 'sso-dev' });
    expect(signedOut.state).toBe('signed-out');
    expect(existsSync(cacheFile)).toBe(false);
    // The connection no longer uses the role credentials of that session.
    const after = await dispatch('chime:ListAppInstances', {});
    expect(!after.ok && after.error.code).toBe('SsoTokenExpired');
  });

  it('signs in with the browser by default for an sso-session: authorization code with PKCE, redirected to main', async () => {
    opened.length = 0;
    const started = await call<SsoSignInStarted>('sso:signIn', { profile: 'sso-dev' });
    expect(started).toEqual({ signInId: started.signInId, profile: 'sso-dev', method: 'browser' });
    await call('sso:openBrowser', { signInId: started.signInId });
    const page = new URL(opened[0] ?? '');
    expect(`${page.origin}${page.pathname}`).toBe(`${services.sandboxUrl}/authorize`);
    expect(page.searchParams.get('code_challenge_method')).toBe('S256');
    const redirect = new URL(page.searchParams.get('redirect_uri') ?? '');
    expect(redirect.hostname).toBe('127.0.0.1');

    // The person signs in: the sandbox's page redirects the browser to main's loopback listener.
    const back = await fetch(page);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Signed in');
    await until(() => progressOf(started.signInId).some((p) => p.state === 'signed-in'));
    expect(await call<SsoStatus>('sso:status', { profile: 'sso-dev' })).toMatchObject({ state: 'signed-in', refreshable: true });
    const cacheFile = path.join(dir, '.aws', 'sso', 'cache', `${createHash('sha1').update('team').digest('hex')}.json`);
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    const outward = JSON.stringify({ started, events, opened });
    for (const key of ['accessToken', 'refreshToken', 'clientSecret']) {
      expect(cached[key]).toBeTruthy();
      expect(outward).not.toContain(cached[key]);
    }
    await call<SsoStatus>('sso:signOut', { profile: 'sso-dev' });
  });

  it('signs a legacy sso_start_url profile in with the device code', async () => {
    await writeFile(
      path.join(dir, 'config'),
      `${readFileSync(path.join(dir, 'config'), 'utf8')}
[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 000000000000
sso_role_name = AdministratorAccess
region = us-east-1
endpoint_url = ${services.sandboxUrl}
`,
    );
    const started = await call<SsoSignInStarted>('sso:signIn', { profile: 'sso-legacy' });
    expect(started.method).toBe('device');
    await call('sso:cancel', { signInId: started.signInId });
  });

  it('cancels a waiting sign-in', async () => {
    const started = await call<SsoSignInStarted>('sso:signIn', { profile: 'sso-dev' });
    expect(await call('sso:cancel', { signInId: started.signInId })).toEqual({ cancelled: true });
    await until(() => progressOf(started.signInId).some((p) => p.state === 'cancelled'));
    expect((await call<SsoStatus>('sso:status', { profile: 'sso-dev' })).state).toBe('signed-out');
  });

  it('refuses a sign-in for a profile that is not an SSO profile, naming it', async () => {
    const result = await dispatch('sso:signIn', { profile: 'keys' });
    expect(result.ok).toBe(false);
    expect((result as { error: WorkbenchError }).error.message).toContain('"keys"');
  });
});

describe('Profile settings over IPC', () => {
  it("lists where each setting came from, the proxy's password redacted", async () => {
    const view = await call<ProfileSettingsView>('profiles:settings', { profile: 'keys' });
    expect(view.region).toBe('eu-west-1');
    const byName = Object.fromEntries(view.lines.map((l) => [l.setting, l]));
    expect(byName['region']?.from).toContain('"keys"');
    expect(byName['proxy']?.value).toContain('proxy.example:3128');
    expect(JSON.stringify(view)).not.toContain('proxy-pass-123');
    const sso = await call<ProfileSettingsView>('profiles:settings', { profile: 'sso-dev', region: 'eu-central-1' });
    expect(sso.region).toBe('eu-central-1');
    expect(sso.lines.find((l) => l.setting === 'endpoint_url')?.value).toBe(services.sandboxUrl);
  });
});

describe('the sign-in link policy', () => {
  it('opens Identity Center pages, and a loopback page only for a profile that signs in at a local sandbox', () => {
    expect(isAllowedSignInPage('https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH', { sandbox: false })).toBe(true);
    expect(isAllowedSignInPage('https://d-1234567890.awsapps.com/start/#/device', { sandbox: false })).toBe(true);
    expect(isAllowedSignInPage('http://127.0.0.1:45660/device', { sandbox: false })).toBe(false);
    expect(isAllowedSignInPage('http://127.0.0.1:45660/device', { sandbox: true })).toBe(true);
    expect(isAllowedSignInPage('https://evil.example/device', { sandbox: true })).toBe(false);
  });
});
