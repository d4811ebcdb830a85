/**
 * The JS v3 credential chain the app uses for SSO profiles (fromSSO, with the
 * token cache in a temp ~/.aws) against the sandbox's Identity Center: cached
 * token → GetRoleCredentials → STS accepts the keys; a token near expiry is
 * refreshed through CreateToken(refresh_token) and written back.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-provider-sso';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { GRANT } from '../../../src/main/sandbox/sso';

const ACCOUNT = '000000000000';
const START_URL = 'https://sandbox.awsapps.com/start';
let server: RunningSandbox;
let home: string;
const savedHome = process.env['HOME'];

beforeAll(async () => {
  // The real sandbox, verifying signatures: the role credentials must be signed with their issued secret.
  server = await startSandbox({ port: 0, accessKey: 'AKIDSANDBOXCHAIN', secretKey: 'chain-secret' });
  home = mkdtempSync(join(tmpdir(), 'sso-chain-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  process.env['HOME'] = home;
});

afterAll(async () => {
  process.env['HOME'] = savedHome;
  rmSync(home, { recursive: true, force: true });
  await server.close();
});

it('turns a cached sso-session token into role credentials STS accepts, refreshing it when it is about to expire', async () => {
  const oidc = new SSOOIDCClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });
  const client = await oidc.send(new RegisterClientCommand({ clientName: 'workbench', clientType: 'public', grantTypes: [GRANT.deviceCode, GRANT.refreshToken] }));
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
  const approved = await fetch(`${server.url}/_sandbox/sso/approve`, { method: 'POST', body: JSON.stringify({ UserCode: device.userCode }) });
  expect(approved.status).toBe(200);
  const token = await oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.deviceCode, deviceCode: device.deviceCode }));
  oidc.destroy();

  const config = join(home, '.aws', 'config');
  writeFileSync(
    config,
    ['[profile sb]', 'sso_session = sbs', `sso_account_id = ${ACCOUNT}`, 'sso_role_name = ReadOnlyAccess', '', '[sso-session sbs]', `sso_start_url = ${START_URL}`, 'sso_region = us-east-1', ''].join('\n'),
  );
  const cacheFile = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('sbs').digest('hex')}.json`);
  // Two minutes left: JS v3 refreshes below five.
  writeFileSync(
    cacheFile,
    JSON.stringify({
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: token.accessToken,
      expiresAt: new Date(Date.now() + 120_000).toISOString(),
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
      refreshToken: token.refreshToken,
    }),
  );

  const provider = fromSSO({ profile: 'sb', configFilepath: config, filepath: join(home, '.aws', 'credentials'), ignoreCache: true, clientConfig: { endpoint: server.url } });
  const creds = await provider();
  expect(server.account.credentials.isIssuedKey(creds.accessKeyId)).toBe(true);
  const written = JSON.parse(readFileSync(cacheFile, 'utf8')) as { accessToken: string; refreshToken: string };
  expect(written.accessToken).not.toBe(token.accessToken);
  expect(written.refreshToken).not.toBe(token.refreshToken);
  expect(server.account.sso.tokens.has(token.accessToken ?? '')).toBe(false);

  const sts = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  const me = await sts.send(new GetCallerIdentityCommand({}));
  sts.destroy();
  expect(me.Arn).toMatch(/^arn:aws:sts::000000000000:assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}\/sandbox-user$/);
});
