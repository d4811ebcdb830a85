/**
 * What this layer hands to IPC (profile lists, connection info, activity
 * entries, MFA requests, errors) must never carry a secret. Profiles and calls
 * are built from inputs full of recognisable secrets, and the serialized
 * results are searched for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../src/main/aws/activityLog';
import { ConnectionManager } from '../../../src/main/aws/connections';
import { createCredentialsProvider } from '../../../src/main/aws/credentials';
import { WorkbenchFailure } from '../../../src/shared/errors';
import { MfaPromptBroker } from '../../../src/main/aws/mfaPrompt';
import { listProfiles } from '../../../src/main/aws/profiles';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { envFor, makeAwsHome, type AwsHome } from './support/awsHome';

const SECRETS = {
  key: 'AKIASECRETKEY0000001',
  secret: 'SECRET-static-secret-access-key',
  session: 'SECRET-session-token',
  envSecret: 'SECRET-env-secret',
  envSession: 'SECRET-env-session',
  ssoToken: 'SECRET-sso-access-token',
  ssoRefresh: 'SECRET-sso-refresh-token',
  device: 'SECRETDEVICETOKEN'.repeat(4),
};
/** Field names that only ever hold secrets. */
const CREDENTIAL_FIELDS = /accessKeyId|secretAccessKey|sessionToken|aws_secret_access_key|aws_session_token|accessToken|refreshToken|clientSecret/i;

function expectClean(value: unknown): void {
  const json = JSON.stringify(value);
  for (const secret of Object.values(SECRETS)) expect(json).not.toContain(secret);
  expect(json).not.toMatch(CREDENTIAL_FIELDS);
}

let home: AwsHome;
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  home = await makeAwsHome({
    config: [
      '[profile role]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = keys\nmfa_serial = arn:aws:iam::1:mfa/u',
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1',
      '[profile sso]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R',
      '[profile proc]\ncredential_process = fetch --secret SECRET-in-process-args',
    ].join('\n'),
    credentials: `[keys]\naws_access_key_id = ${SECRETS.key}\naws_secret_access_key = ${SECRETS.secret}\naws_session_token = ${SECRETS.session}\n`,
  });
  await home.writeSsoToken('corp', { accessToken: SECRETS.ssoToken, refreshToken: SECRETS.ssoRefresh, expiresAt: '2000-01-01T00:00:00Z' });
});
afterAll(async () => {
  await sandbox.close();
  await home.remove();
});

describe('nothing secret crosses IPC', () => {
  it('profile lists carry no keys, tokens or process arguments', async () => {
    const env = envFor(home, { AWS_ACCESS_KEY_ID: SECRETS.key, AWS_SECRET_ACCESS_KEY: SECRETS.envSecret, AWS_SESSION_TOKEN: SECRETS.envSession });
    const list = await listProfiles({ env, homeDir: home.home });
    expect(list.profiles.length).toBe(5);
    expectClean(list);
    expect(JSON.stringify(list)).not.toContain('SECRET-in-process-args');
  });

  it('credential errors and MFA requests carry no secret', async () => {
    const broker = new MfaPromptBroker();
    const requests: unknown[] = [];
    broker.onRequest((r) => {
      requests.push(r);
      broker.reply(r.requestId, null);
    });
    for (const profile of ['role', 'sso']) {
      const provider = createCredentialsProvider({ env: envFor(home), homeDir: home.home, profile, mfaPrompt: broker.prompt });
      const thrown = await provider().catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(WorkbenchFailure);
      expectClean((thrown as WorkbenchFailure).error);
    }
    expect(requests).toHaveLength(1);
    expectClean(requests);
  });

  it('activity entries, their export and connection events carry no credential or full device token', async () => {
    const log = new ActivityLog();
    const events: unknown[] = [];
    log.onEntry((e) => events.push(e));
    const m = new ConnectionManager({ sandboxEndpoint: () => ({ url: sandbox.url, credentials: SANDBOX_CREDENTIALS }), activityLog: log });
    m.onChanged((info) => events.push(info));
    try {
      await m.select({ kind: 'sandbox' });
      const user = `${sandbox.demoAppInstanceArn}/user/alice`;
      await m.invoke('RegisterAppInstanceUserEndpoint', {
        AppInstanceUserArn: user,
        Type: 'GCM',
        ResourceArn: 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90',
        EndpointAttributes: { DeviceToken: SECRETS.device },
        ClientRequestToken: 'no-secrets-1',
      });
      await m.invoke('ListAppInstanceUserEndpoints', { AppInstanceUserArn: user });
      expect(log.entries().length).toBe(2);
      expectClean(log.entries());
      expectClean(JSON.parse(log.export()));
      expectClean(events);
      expect(JSON.stringify(log.rawInput(1))).toContain(SECRETS.device);
    } finally {
      m.dispose();
    }
  });
});
