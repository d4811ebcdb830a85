/**
 * Secrets (access keys, secret keys, session tokens, SSO tokens) never cross
 * IPC. Two checks:
 *  - statically, the TypeScript types of every channel's output (in its
 *    Result) and every event's payload are walked for property names that
 *    would hold a credential;
 *  - at run time, the real services are built over AWS config files full of
 *    recognisable fake secrets, every non-Chime channel is dispatched, and the
 *    serialized results and events are searched for those secrets.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { createConfOpener, type ConfLike } from '../../../src/main/store/persistence';
import { plainTextEncryptor } from '../../../src/main/store/encryption';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src/shared/ipc/contract';
import { ipcPropertyPaths } from './ipcTypeWalk';

const CREDENTIAL_NAME = /secret|accessKey|sessionToken|password|credential|ssoToken|privateKey/i;

/** Property paths that match the pattern but hold no secret, each with the reason. */
const ALLOWED: Record<string, string> = {
  'profiles:list.value.profiles[].credentialSource':
    "The profile's credential_source setting (Environment, Ec2InstanceMetadata or EcsContainer): where a role's source keys come from, not the keys.",
  'profiles:list.value.credentialsFile': 'The path of the shared credentials file, shown so the user knows which file was read; never its contents.',
  'directPush:send.value.credentialLabel': 'The name of the key file and its Team ID ("AuthKey_ABC123DEFG.p8 · Team ABCDE12345"), never the key.',
};

describe('IPC types carry no credential field', () => {
  let found: Map<string, string[]>;
  beforeAll(() => {
    const { outputs, payloads } = ipcPropertyPaths(path.resolve(import.meta.dirname, '../../..'));
    found = new Map([...outputs, ...[...payloads].map(([k, v]) => [`event ${k}`, v] as const)]);
  }, 120_000);

  it('resolves the output type of every channel and the payload of every event', () => {
    expect(found.size).toBe(CHANNEL_NAMES.length + EVENT_NAMES.length);
    expect(found.get('profiles:list')).toContain('profiles:list.value.profiles[].region');
    expect(found.get('event mfa:request')).toContain('mfa:request.mfaSerial');
  });

  it('has no property named like a credential, except the explained ones', () => {
    const suspicious = [...found.values()].flat().filter((p) => CREDENTIAL_NAME.test(p.split('.').at(-1) ?? ''));
    expect(suspicious.filter((p) => !(p in ALLOWED))).toEqual([]);
    // An allow-list entry nothing matches any more is stale: remove it.
    expect(Object.keys(ALLOWED).filter((p) => !suspicious.includes(p))).toEqual([]);
  });
});

const SECRETS = {
  keyId: 'AKIAFAKESECRET000001',
  secretKey: 'FAKE-SECRET-ACCESS-KEY-do-not-leak',
  sessionToken: 'FAKE-SESSION-TOKEN-do-not-leak',
  envSecret: 'FAKE-ENV-SECRET-do-not-leak',
  ssoAccess: 'FAKE-SSO-ACCESS-TOKEN-do-not-leak',
  processArg: 'FAKE-PROCESS-ARG-do-not-leak',
};

describe('IPC results at run time carry no secret', () => {
  let dir: string;
  let services: MainServices;
  const events: Array<[string, unknown]> = [];
  const results = new Map<string, unknown[]>();

  const dispatch = async (channel: string, payload?: unknown) => {
    const result = await services.dispatcher.dispatch(channel, payload, true);
    results.set(channel, [...(results.get(channel) ?? []), result]);
    return result as { ok: boolean; value?: any; error?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cew-nosecrets-'));
    const config = path.join(dir, 'config');
    const credentials = path.join(dir, 'credentials');
    await writeFile(
      config,
      [
        '[profile role]\nrole_arn = arn:aws:iam::111111111111:role/R\nsource_profile = keys\nmfa_serial = arn:aws:iam::111111111111:mfa/u\nregion = us-east-1',
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1',
        '[profile sso]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = R',
        `[profile proc]\ncredential_process = fetch-creds --token ${SECRETS.processArg}`,
      ].join('\n'),
    );
    await writeFile(
      credentials,
      `[keys]\naws_access_key_id = ${SECRETS.keyId}\naws_secret_access_key = ${SECRETS.secretKey}\naws_session_token = ${SECRETS.sessionToken}\n`,
    );
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_ACCESS_KEY_ID: SECRETS.keyId, AWS_SECRET_ACCESS_KEY: SECRETS.envSecret };
    services = await createMainServices({
      userDataDir: dir,
      openDocuments: createConfOpener({ cwd: dir, create: (o) => new Conf(o as never) as unknown as ConfLike }),
      encryptor: plainTextEncryptor,
      notify: () => undefined,
      openExternal: async () => undefined,
      appVersion: '0.0.0-test',
      platform: process.platform,
      profileSource: { env, homeDir: dir },
      sandboxValidationDelayMs: 50,
    });
    services.bus.subscribe((event, payload) => events.push([event, payload]));
  });

  afterAll(async () => {
    await services?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('dispatches every non-Chime channel and finds no secret in any result or event', async () => {
    await dispatch('app:info');
    expect((await dispatch('profiles:list')).ok).toBe(true);
    await dispatch('connection:get');

    // A profile with static keys, and one needing MFA: whoami asks for a code, which we cancel.
    await dispatch('connection:select', { connection: { kind: 'profile', profile: 'keys' }, region: 'us-east-1' });
    await dispatch('connection:get');
    await dispatch('connection:select', { connection: { kind: 'profile', profile: 'role' }, region: 'us-east-1' });
    const whoami = dispatch('connection:whoami');
    const request = await waitForEvent('mfa:request');
    await dispatch('mfa:reply', { requestId: (request as { requestId: string }).requestId, code: null });
    expect((await whoami).ok).toBe(false);
    await dispatch('mfa:reply', { requestId: 'gone', code: '123456' });

    await dispatch('connection:select', { connection: { kind: 'sandbox' }, region: 'us-east-1' });
    expect((await dispatch('connection:whoami')).ok).toBe(true);
    expect((await dispatch('chime:ListAppInstances', {})).ok).toBe(true); // so the activity log has an entry
    const restored = await dispatch('workspace:restore');
    const workspaceId: string = restored.value?.workspace?.id ?? (await dispatch('workspace:create', { name: 'No secrets' })).value.id;
    const created = await dispatch('workspace:create', { name: 'Second' });
    await dispatch('workspace:list');
    await dispatch('workspace:rename', { id: created.value.id, name: 'Renamed' });
    await dispatch('workspace:duplicate', { id: created.value.id });
    await dispatch('workspace:update', { id: workspaceId, patch: { region: 'us-east-1' } });
    const pinpoint = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const withDevice = await dispatch('device:add', { workspaceId, device: { label: 'Phone', type: 'GCM', deviceToken: 'device-token-1', pinpointAppArn: pinpoint } });
    await dispatch('device:remove', { workspaceId, deviceId: withDevice.value?.devices?.[0]?.id ?? 'none' });
    const exported = await dispatch('workspace:export', { includeDeviceTokens: true });
    await dispatch('workspace:import', { json: exported.value?.json ?? '{}' });
    await dispatch('workspace:switch', { id: workspaceId });
    await dispatch('workspace:delete', { id: created.value.id });
    await dispatch('settings:get');
    await dispatch('settings:set', { theme: 'dark' });
    // Direct push: this build has no file chooser (an error value); a handle main never gave is refused.
    await dispatch('directPush:chooseKeyFile', { kind: 'apnsKey' });
    await dispatch('directPush:settings', { workspaceId });
    // A passphrase for a handle main never gave: refused, and never echoed.
    const unlock = await dispatch('directPush:unlockCertificate', { handle: 'no-such-handle', passphrase: 'secret-passphrase' });
    expect(unlock.ok).toBe(false);
    expect(JSON.stringify(unlock)).not.toContain('secret-passphrase');
    const fcm = { service: 'fcm', token: 'token-1', serviceAccountFile: 'no-such-handle', payload: { data: { a: 'b' } } };
    expect((await dispatch('directPush:send', { workspaceId, push: fcm })).ok).toBe(false);
    await dispatch('directPush:savePayload', { workspaceId, payload: { name: 'Data', service: 'fcm', payload: { data: { a: 'b' } } } });
    await dispatch('directPush:deletePayload', { workspaceId, name: 'Data' });

    const userArn = 'arn:aws:chime:us-east-1:000000000000:app-instance/x/user/alice';
    await dispatch('watch:set', { target: { userArn }, watched: true });
    await dispatch('watch:list');
    await dispatch('watch:health');
    await dispatch('watch:history', { userArn, endpointId: 'e1' });
    await dispatch('watch:follow', { userArn, endpointId: 'e1', known: { endpointId: 'e1', status: 'ACTIVE' } });
    await dispatch('watch:summary');
    await dispatch('watch:retry');
    await dispatch('watch:set', { target: { userArn }, watched: false });
    await dispatch('doctor:run', { runId: 'r1', userArn });

    // The test-push and simulated-device channels, on the sandbox's demo AppInstance.
    const instances = await dispatch('chime:ListAppInstances', {});
    const demo: string = instances.value.AppInstances.find((a: { Name?: string }) => a.Name === 'Demo push app').AppInstanceArn;
    const alice = `${demo}/user/alice`;
    expect((await dispatch('push:choices', { appInstanceArn: demo, userArn: alice, senderArn: `${demo}/user/workbench-push-sender` })).ok).toBe(true);
    const plan = await dispatch('push:plan', { appInstanceArn: demo, userArn: alice });
    expect(plan.ok).toBe(true);
    expect((await dispatch('push:send', { plan: plan.value, title: 'No secrets', body: 'Body', pushType: 'DEFAULT' })).ok).toBe(true);
    const membership = { channelArn: plan.value.channel.arn, memberArn: alice };
    await dispatch('push:getPreference', membership);
    await dispatch('push:setPreference', { ...membership, preference: { mode: 'Default' } });
    expect((await dispatch('devices:create', { platform: 'APNS', name: 'No secrets phone' })).ok).toBe(true);
    await dispatch('devices:list');
    await dispatch('devices:deliveries', {});
    expect((await dispatch('devices:lastDeliveries', { userArn: alice, endpoints: [{ endpointId: 'e1', deviceToken: 'device-token-1' }] })).ok).toBe(true);
    expect((await dispatch('push:cleanupPlan', { appInstanceArn: demo })).ok).toBe(true);
    await dispatch('push:cleanup', { appInstanceArn: demo, confirmed: [] });

    await dispatch('pages:start', { loadId: 'l1', operation: 'ListAppInstances', input: {} });
    await dispatch('pages:cancel', { loadId: 'l1' });
    const activity = await dispatch('activity:list');
    expect(activity.value.length).toBeGreaterThan(0);
    await dispatch('activity:export');
    // The member that did nothing is gone from the contract: asking for it is refused, not ignored.
    expect((await dispatch('activity:export', { revealTokens: true })).ok).toBe(false);
    expect((await dispatch('activity:cli', { id: activity.value[0].id, revealTokens: true })).ok).toBe(true);
    await dispatch('activity:clear');
    await dispatch('shell:openExternal', { url: 'https://docs.aws.amazon.com/' });

    // SSO: a cached (expired) token of the CLI's cache, its status, a sign-in refused for a non-SSO profile, sign-out.
    const cache = path.join(dir, '.aws', 'sso', 'cache');
    await mkdir(cache, { recursive: true });
    await writeFile(
      path.join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: SECRETS.ssoAccess, expiresAt: '2020-01-01T00:00:00Z', clientId: 'c', clientSecret: SECRETS.secretKey, refreshToken: SECRETS.sessionToken }),
    );
    expect((await dispatch('sso:status', { profile: 'sso' })).value).toMatchObject({ state: 'expired', refreshable: true });
    expect((await dispatch('sso:signIn', { profile: 'keys' })).ok).toBe(false);
    const unknownSignIn = '8c7d3f0e-6a3b-4b8e-9f3e-2d1c0b9a8f7e';
    expect((await dispatch('sso:openBrowser', { signInId: unknownSignIn })).ok).toBe(false);
    expect((await dispatch('sso:cancel', { signInId: unknownSignIn })).value).toEqual({ cancelled: false });
    expect((await dispatch('sso:signOut', { profile: 'sso' })).value).toMatchObject({ state: 'signed-out' });
    expect((await dispatch('profiles:settings', { profile: 'keys' })).ok).toBe(true);

    const missing = CHANNEL_NAMES.filter((c) => !c.startsWith('chime:') && !results.has(c));
    expect(missing).toEqual([]);
    const json = JSON.stringify({ results: [...results], events });
    for (const [name, secret] of Object.entries(SECRETS)) expect(json.includes(secret), name).toBe(false);
    expect(events.some(([event]) => event === 'mfa:request')).toBe(true);
  }, 60_000);

  async function waitForEvent(name: string): Promise<unknown> {
    for (let i = 0; i < 200; i++) {
      const hit = events.find(([event]) => event === name);
      if (hit) return hit[1];
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no ${name} event`);
  }
});
