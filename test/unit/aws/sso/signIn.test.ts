/**
 * SSO sign-in from main against the sandbox's Identity Center (OIDC device
 * flow and portal) and STS, on one loopback port named by the profiles'
 * endpoint_url. The sandbox's approve control plays the person in the
 * browser. A shared fake clock drives both the sandbox and the poller.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createSsoCredentialsProvider,
  isAllowedVerificationUri,
  keepSsoSessionFresh,
  refreshSsoToken,
  signInWithBrowser,
  signInWithDeviceCode,
  signOut,
  ssoSessionStatus,
  type SignInOptions,
  type SsoKeeperState,
  type SsoSignInEvent,
} from '../../../../src/main/aws/sso';
import { WorkbenchFailure } from '../../../../src/shared/errors';
import { resolveClientConfig } from '../../../../src/main/aws/config';
import { IamState } from '../../../../src/main/sandbox/iam';
import {
  approveDeviceCode,
  handleSsoOidc,
  handleSsoPortal,
  matchesSsoOidc,
  matchesSsoPortal,
  SsoState,
} from '../../../../src/main/sandbox/sso';
import { handleSts, IssuedCredentials, matchesSts } from '../../../../src/main/sandbox/sts';
import { startServiceServer, type ServiceServer } from '../support/serviceServer';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';

const ACCOUNT = '000000000000';
const START_URL = 'https://sandbox.awsapps.com/start';
const LEGACY_URL = 'https://legacy-sandbox.awsapps.com/start';
let clock = Date.now();
const state = new SsoState();
const issued = new IssuedCredentials();
let server: ServiceServer;
let home: AwsHome;
const savedHome = process.env['HOME'];

beforeAll(async () => {
  const base = { now: () => clock, region: 'us-east-1', accountId: ACCOUNT };
  server = await startServiceServer([
    { matches: matchesSsoOidc, handle: (r) => handleSsoOidc(r, { ...base, state }) },
    { matches: matchesSsoPortal, handle: (r) => handleSsoPortal(r, { ...base, state, credentials: issued }) },
    { matches: matchesSts, handle: (r) => handleSts(r, { ...base, iam: new IamState(), credentials: issued }) },
  ]);
});
afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  clock = Date.now();
  home = await makeAwsHome({
    config: `
[profile sb]
sso_session = sbs
sso_account_id = ${ACCOUNT}
sso_role_name = ReadOnlyAccess
endpoint_url = ${server.url}

[sso-session sbs]
sso_start_url = ${START_URL}
sso_region = us-east-1

[profile old]
sso_start_url = ${LEGACY_URL}
sso_region = us-east-1
sso_account_id = ${ACCOUNT}
sso_role_name = AdministratorAccess
endpoint_url = ${server.url}

[profile keys]
aws_access_key_id = AKIDX
aws_secret_access_key = y
`,
  });
  process.env['HOME'] = home.home;
});
afterEach(async () => {
  process.env['HOME'] = savedHome;
  await home.remove();
});

/** The person: approves (or denies) the code once `approveAfter` polls have waited. */
function options(
  profile: string,
  person: { approveAfter?: number; deny?: boolean; lag?: (ms: number, call: number) => number } = {},
) {
  const events: SsoSignInEvent[] = [];
  const sleeps: number[] = [];
  let userCode = '';
  const opts: SignInOptions = {
    profile,
    env: envFor(home),
    homeDir: home.home,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += person.lag ? person.lag(ms, sleeps.length) : ms;
    },
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'verification') userCode = event.userCode;
      if (event.type === 'waiting' && person.approveAfter !== undefined && event.polls === person.approveAfter) {
        expect(
          approveDeviceCode(state, { UserCode: userCode, ...(person.deny ? { Deny: true } : {}) }, clock).status,
        ).toBe(200);
      }
    },
  };
  return { opts, events, sleeps };
}

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof WorkbenchFailure) return thrown.error;
    throw thrown;
  }
  throw new Error('expected a failure');
}

const cacheFileOf = (key: string) =>
  join(home.home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);

describe('device-code sign-in for an sso-session profile', () => {
  it('polls until approved, writes the CLI cache, and fromSSO turns it into credentials the sandbox STS accepts', async () => {
    const opened: string[] = [];
    const { opts, events, sleeps } = options('sb', { approveAfter: 3 });
    const info = await signInWithDeviceCode({ ...opts, openBrowser: (url) => void opened.push(url) });

    const verification = events.find((e) => e.type === 'verification');
    expect(verification && isAllowedVerificationUri(verification.verificationUriComplete)).toBe(true);
    expect(opened).toEqual([verification?.type === 'verification' ? verification.verificationUriComplete : '']);
    expect(events.filter((e) => e.type === 'waiting')).toHaveLength(3); // two pending answers, then the token
    expect(sleeps).toEqual([1000, 1000, 1000]); // the sandbox's interval
    expect(events.at(-1)?.type).toBe('signed-in');

    const file = cacheFileOf('sbs');
    expect(info).toMatchObject({
      cacheFile: file,
      profile: 'sb',
      kind: 'sso-session',
      sessionName: 'sbs',
      expired: false,
      refreshable: true,
      startUrl: START_URL,
    });
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(cached)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ]);
    expect(cached['expiresAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(cached['expiresAt'] ?? '') - clock).toBeGreaterThan(7.9 * 3600_000);
    expect(state.tokens.has(cached['accessToken'] ?? '')).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Nothing secret in what the IPC layer would forward.
    const outward = JSON.stringify({ events, info });
    for (const key of ['accessToken', 'clientSecret', 'refreshToken']) expect(outward).not.toContain(cached[key]);
    for (const device of state.devices.values()) expect(outward).not.toContain(device.deviceCode);

    const sso = await createSsoCredentialsProvider({ profile: 'sb', env: envFor(home), homeDir: home.home });
    const creds = await sso.provider();
    sso.destroy();
    expect(issued.isIssuedKey(creds.accessKeyId)).toBe(true);
    const stsConfig = await resolveClientConfig('sb', 'sts', { env: envFor(home), homeDir: home.home });
    const sts = new STSClient({ ...stsConfig.config, credentials: creds });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    stsConfig.destroy();
    expect(me.Arn).toMatch(
      /^arn:aws:sts::000000000000:assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}\/sandbox-user$/,
    );
  });

  it('slows down by 5 seconds when told to (RFC 8628), and reuses the cached client registration next time', async () => {
    // The second wait runs short of the interval, so the sandbox answers slow_down to the second poll.
    const { opts, events, sleeps } = options('sb', { approveAfter: 3, lag: (ms, call) => (call === 2 ? ms / 2 : ms) });
    await signInWithDeviceCode(opts);
    expect(events).toContainEqual({ type: 'slow-down', intervalSeconds: 6 });
    expect(sleeps).toEqual([1000, 1000, 6000]);
    expect(events.find((e) => e.type === 'registered')).toEqual({ type: 'registered', reused: false });
    const again = options('sb', { approveAfter: 1 });
    await signInWithDeviceCode(again.opts);
    expect(again.events.find((e) => e.type === 'registered')).toEqual({ type: 'registered', reused: true });
  });

  it('fails clearly when denied, when the code expires, and when cancelled; no cache is written', async () => {
    const denied = await failureOf(signInWithDeviceCode(options('sb', { approveAfter: 1, deny: true }).opts));
    expect(denied).toMatchObject({
      code: 'CredentialsUnavailable',
      message: `The sign-in for profile "sb" was denied in the browser (${START_URL}).`,
    });

    const expired = await failureOf(signInWithDeviceCode(options('sb', { lag: (ms) => ms + 119_000 }).opts));
    expect(expired).toMatchObject({
      code: 'SsoTokenExpired',
      message: 'The sign-in code for profile "sb" expired before it was approved. Sign in again.',
    });

    const controller = new AbortController();
    const cancel = options('sb');
    const run = signInWithDeviceCode({
      ...cancel.opts,
      signal: controller.signal,
      onEvent: (e) => e.type === 'waiting' && e.polls === 2 && controller.abort(),
    });
    expect(await failureOf(run)).toMatchObject({
      code: 'Cancelled',
      message: 'Sign-in for profile "sb" was cancelled.',
    });
    expect((await ssoSessionStatus({ profile: 'sb', env: envFor(home), homeDir: home.home })).expired).toBe(true);
  });
});

describe('refresh and sign-out', () => {
  it('refreshes with the (rotated) refresh token and writes it back; a dead refresh token asks to sign in again and keeps the cache', async () => {
    await signInWithDeviceCode(options('sb', { approveAfter: 1 }).opts);
    const file = cacheFileOf('sbs');
    const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const base = { profile: 'sb', env: envFor(home), homeDir: home.home, now: () => clock };

    const early = await refreshSsoToken(base); // 8 h left: nothing to do
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(before);
    expect(early.expired).toBe(false);

    clock += 7 * 3600_000 + 50 * 60_000; // 10 minutes left: within botocore's 15
    await refreshSsoToken(base);
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(after['accessToken']).not.toBe(before['accessToken']);
    expect(after['refreshToken']).not.toBe(before['refreshToken']);
    expect(after['clientSecret']).toBe(before['clientSecret']);
    expect(Date.parse(after['expiresAt'] ?? '') - clock).toBeGreaterThan(7.9 * 3600_000);
    expect(state.tokens.has(before['accessToken'] ?? '')).toBe(false);

    writeFileSync(file, JSON.stringify({ ...after, refreshToken: 'aor-revoked' }));
    const dead = await failureOf(refreshSsoToken({ ...base, force: true }));
    expect(dead).toMatchObject({
      code: 'SsoTokenExpired',
      message: 'The SSO session of profile "sb" could not be refreshed (InvalidGrantException). Sign in again.',
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))['accessToken']).toBe(after['accessToken']);
  });

  it('signs out at the portal and removes the cache file', async () => {
    await signInWithDeviceCode(options('sb', { approveAfter: 1 }).opts);
    const token = (JSON.parse(readFileSync(cacheFileOf('sbs'), 'utf8')) as Record<string, string>)['accessToken'] ?? '';
    expect(state.tokens.has(token)).toBe(true);
    const out = await signOut({ profile: 'sb', env: envFor(home), homeDir: home.home, now: () => clock });
    expect(out).toMatchObject({ removed: true, loggedOutRemotely: true, expired: true });
    expect(state.tokens.has(token)).toBe(false);
  });
});

describe('legacy sso_start_url profiles and misconfiguration', () => {
  it("caches under sha1(start URL) with the CLI's four keys and cannot refresh", async () => {
    await signInWithDeviceCode(options('old', { approveAfter: 1 }).opts);
    const cached = JSON.parse(readFileSync(cacheFileOf(LEGACY_URL), 'utf8')) as Record<string, string>;
    expect(Object.keys(cached)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt']);
    const sso = await createSsoCredentialsProvider({ profile: 'old', env: envFor(home), homeDir: home.home });
    expect(issued.isIssuedKey((await sso.provider()).accessKeyId)).toBe(true);
    sso.destroy();
    expect(
      await failureOf(refreshSsoToken({ profile: 'old', env: envFor(home), homeDir: home.home, force: true })),
    ).toMatchObject({
      code: 'SsoTokenExpired',
      message:
        'The SSO session of profile "old" cannot be refreshed (legacy sso_start_url profiles get no refresh token). Sign in again.',
    });
  });

  it('a profile without SSO, and an unreachable Identity Center, are named', async () => {
    expect(await failureOf(signInWithDeviceCode(options('keys').opts))).toMatchObject({
      code: 'InvalidInput',
      message:
        'Profile "keys" does not use IAM Identity Center (no sso_session or sso_start_url in it or its source_profile chain).',
    });
    const offline = await failureOf(
      signInWithDeviceCode({
        ...options('sb').opts,
        env: envFor(home, { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9' }),
      }),
    );
    expect(offline.message).toBe(
      'Cannot reach http://127.0.0.1:9 (endpoint_url from environment variable AWS_ENDPOINT_URL_SSO_OIDC) for profile "sb" (ECONNREFUSED).',
    );
  });

  it('allows only Identity Center pages, and loopback pages for sandbox profiles', () => {
    expect(isAllowedVerificationUri('https://device.sso.eu-west-1.amazonaws.com/?user_code=BCDF-GHJK')).toBe(true);
    expect(isAllowedVerificationUri('https://d-1234567890.awsapps.com/start/#/device')).toBe(true);
    expect(isAllowedVerificationUri('https://device.sso.eu-west-1.amazonaws.com.evil.example/')).toBe(false);
    expect(isAllowedVerificationUri('http://device.sso.eu-west-1.amazonaws.com/')).toBe(false);
    expect(isAllowedVerificationUri('http://127.0.0.1:4567/_sandbox/sso/device')).toBe(false);
    expect(isAllowedVerificationUri('https://oidc.us-east-1.amazonaws.com/authorize?client_id=x')).toBe(true);
    expect(isAllowedVerificationUri('https://oidc.us-east-1.amazonaws.com/token')).toBe(false);
    expect(isAllowedVerificationUri('http://127.0.0.1:4567/_sandbox/sso/device', { allowLoopback: true })).toBe(true);
  });
});

describe('authorization code with PKCE (the CLI default for sso-session profiles)', () => {
  it('sends the browser to /authorize, takes the code on the loopback callback, and caches a refreshable token', async () => {
    const events: SsoSignInEvent[] = [];
    const forged: number[] = [];
    const info = await signInWithBrowser({
      profile: 'sb',
      env: envFor(home),
      homeDir: home.home,
      now: () => clock,
      onEvent: (e) => events.push(e),
      // The browser: a forged callback first (wrong state), then the real round trip.
      openBrowser: async (url) => {
        const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
        forged.push((await fetch(`${redirect}?code=stolen&state=guess`)).status);
        const page = await fetch(url, { redirect: 'follow' });
        expect(await page.text()).toContain('Signed in.');
      },
    });
    expect(forged).toEqual([400]);
    const authorize = events.find((e) => e.type === 'authorize');
    expect(authorize?.type === 'authorize' && new URL(authorize.url).searchParams.get('code_challenge_method')).toBe(
      'S256',
    );
    expect(info).toMatchObject({ expired: false, refreshable: true, sessionName: 'sbs' });
    const cached = JSON.parse(readFileSync(cacheFileOf('sbs'), 'utf8')) as Record<string, string>;
    expect(state.tokens.has(cached['accessToken'] ?? '')).toBe(true);
    expect(JSON.stringify(events)).not.toContain(cached['accessToken']);
    await refreshSsoToken({ profile: 'sb', env: envFor(home), homeDir: home.home, now: () => clock, force: true });
    expect(JSON.parse(readFileSync(cacheFileOf('sbs'), 'utf8'))['accessToken']).not.toBe(cached['accessToken']);
  });

  it('is cancelled by the signal while waiting for the browser', async () => {
    const controller = new AbortController();
    const run = signInWithBrowser({
      profile: 'sb',
      env: envFor(home),
      homeDir: home.home,
      signal: controller.signal,
      openBrowser: () => controller.abort(),
    });
    expect(await failureOf(run)).toMatchObject({
      code: 'Cancelled',
      message: 'Sign-in for profile "sb" was cancelled.',
    });
  });
});

describe('keeping the session fresh', () => {
  it('refreshes inside the window, reschedules, and asks for a new sign-in when the refresh token is dead', async () => {
    await signInWithDeviceCode(options('sb', { approveAfter: 1 }).opts);
    const states: SsoKeeperState[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const keeper = keepSsoSessionFresh({
      profile: 'sb',
      env: envFor(home),
      homeDir: home.home,
      now: () => clock,
      onState: (s) => states.push(s),
      setTimer: (run, ms) => {
        timers.push({ run, ms });
        return () => undefined;
      },
    });
    await keeper.check();
    expect(states).toEqual([expect.objectContaining({ state: 'signed-in', profile: 'sb' })]);
    // Eight hours minus fifteen minutes, give or take the second rounding of expiresAt.
    expect(Math.abs((timers[0]?.ms ?? 0) - (8 * 3600_000 - 15 * 60_000))).toBeLessThan(1000);

    const before = JSON.parse(readFileSync(cacheFileOf('sbs'), 'utf8')) as Record<string, string>;
    clock += timers[0]?.ms ?? 0;
    await keeper.check();
    expect(states.at(-1)).toMatchObject({ state: 'refreshed', profile: 'sb' });
    expect(JSON.parse(readFileSync(cacheFileOf('sbs'), 'utf8'))['accessToken']).not.toBe(before['accessToken']);
    expect(timers).toHaveLength(2);

    const current = JSON.parse(readFileSync(cacheFileOf('sbs'), 'utf8')) as Record<string, string>;
    writeFileSync(cacheFileOf('sbs'), JSON.stringify({ ...current, refreshToken: 'aor-revoked' }));
    clock += timers[1]?.ms ?? 0;
    await keeper.check();
    expect(states.at(-1)).toEqual({
      state: 'needs-sign-in',
      profile: 'sb',
      message: 'The SSO session of profile "sb" could not be refreshed (InvalidGrantException). Sign in again.',
    });
    expect(JSON.stringify(states)).not.toContain(current['accessToken']);
    keeper.stop();
  });
});

it('registers anew when the cached registration was made for the browser flow', async () => {
  await signInWithBrowser({
    profile: 'sb',
    env: envFor(home),
    homeDir: home.home,
    now: () => clock,
    openBrowser: async (url) => void (await fetch(url)),
  });
  const device = options('sb', { approveAfter: 1 });
  const info = await signInWithDeviceCode(device.opts);
  expect(device.events.find((e) => e.type === 'registered')).toEqual({ type: 'registered', reused: false });
  expect(info.expired).toBe(false);
});
