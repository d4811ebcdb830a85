/** SSO OIDC and the SSO portal through the real sandbox (fake clock) and the real SSOOIDCClient and SSOClient; portal credentials checked through STS. */
import { createHash, randomBytes } from 'node:crypto';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRANT, ssoActionOf, matchesSsoOidc, matchesSsoPortal, SsoState } from '../../../src/main/sandbox/sso';
import { IssuedCredentials } from '../../../src/main/sandbox/sts';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';

const ACCOUNT = '000000000000';
const START = Date.parse('2026-11-30T12:00:00Z');
const START_URL = 'https://sandbox.awsapps.com/start';

let clock = START;
let state: SsoState;
let credentials: IssuedCredentials;
let server: RunningSandbox;
let oidc: SSOOIDCClient;
let portal: SSOClient;

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; error?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected a rejection');
}

async function approve(userCode: string, deny = false): Promise<Response> {
  return fetch(`${server.url}/_sandbox/sso/approve`, { method: 'POST', body: JSON.stringify({ UserCode: userCode, ...(deny && { Deny: true }) }) });
}

async function register(grantTypes?: string[], redirectUris?: string[]) {
  return oidc.send(new RegisterClientCommand({ clientName: 'workbench', clientType: 'public', scopes: ['sso:account:access'], grantTypes, redirectUris }));
}

/** Registers, starts a device authorization, approves it and takes the token. */
async function login(grantTypes?: string[]) {
  const client = await register(grantTypes);
  const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
  expect((await approve(device.userCode ?? '')).status).toBe(200);
  const token = await oidc.send(
    new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.deviceCode, deviceCode: device.deviceCode }),
  );
  return { client, token };
}

beforeAll(async () => {
  server = await startSandbox({ port: 0, now: () => clock });
  oidc = new SSOOIDCClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });
  portal = new SSOClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });
});

afterAll(async () => {
  oidc.destroy();
  portal.destroy();
  await server.close();
});

beforeEach(() => {
  clock = START;
  state = new SsoState();
  credentials = new IssuedCredentials();
  Object.assign(server.account, { sso: state, credentials });
});

describe('SSO OIDC', () => {
  it('registers a public client (epoch-second times, 90-day secret) and refuses other client types', async () => {
    const client = await register();
    expect(client.clientId).toBeTruthy();
    expect(client.clientSecret?.length).toBeGreaterThan(100);
    expect(client.clientIdIssuedAt).toBe(START / 1000);
    expect(client.clientSecretExpiresAt).toBe(START / 1000 + 90 * 24 * 3600);
    const error = await rejection(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })));
    expect(error.name).toBe('InvalidClientMetadataException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.error).toBe('invalid_client_metadata');
  });

  it('runs the device flow: pending, slow down, approval, token, then the code is spent', async () => {
    const client = await register();
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
    expect(device.userCode).toMatch(/^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$/);
    expect(device.expiresIn).toBe(600);
    expect(device.interval).toBe(1);
    expect(device.verificationUriComplete).toBe(`https://device.sso.us-east-1.amazonaws.com/?user_code=${device.userCode}`);
    const poll = () =>
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.deviceCode, deviceCode: device.deviceCode }));

    const pending = await rejection(poll());
    expect(pending.name).toBe('AuthorizationPendingException');
    expect(pending.$metadata.httpStatusCode).toBe(400);
    expect(pending.error).toBe('authorization_pending');
    const tooSoon = await rejection(poll());
    expect(tooSoon.name).toBe('SlowDownException');
    expect(tooSoon.error).toBe('slow_down');
    clock += 1000;
    expect((await rejection(poll())).name).toBe('AuthorizationPendingException');

    // The person types the code without the dash, in lower case.
    const approved = await approve((device.userCode ?? '').replace('-', '').toLowerCase());
    expect(approved.status).toBe(200);
    expect(await approved.json()).toEqual({ UserCode: device.userCode, Status: 'APPROVED', ClientName: 'workbench', StartUrl: START_URL });
    clock += 1000;
    const token = await poll();
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(8 * 3600);
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeUndefined(); // the client did not register for refresh_token

    clock += 1000;
    const spent = await rejection(poll());
    expect(spent.name).toBe('InvalidGrantException');
    expect((await approve(device.userCode ?? '')).status).toBe(404);
  });

  it('answers access_denied when the person denies, and expired_token once the code has expired', async () => {
    const client = await register();
    const start = () => oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: START_URL }));
    const poll = (deviceCode?: string) =>
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.deviceCode, deviceCode }));

    const denied = await start();
    await approve(denied.userCode ?? '', true);
    const e1 = await rejection(poll(denied.deviceCode));
    expect(e1.name).toBe('AccessDeniedException');
    expect(e1.error).toBe('access_denied');

    const late = await start();
    clock += 600_000;
    const e2 = await rejection(poll(late.deviceCode));
    expect(e2.name).toBe('ExpiredTokenException');
    expect(e2.error).toBe('expired_token');
    expect((await approve(late.userCode ?? '')).status).toBe(409);
  });

  it('refuses a wrong client secret (401 InvalidClientException) and unknown grant types', async () => {
    const client = await register();
    const wrong = await rejection(oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: 'nope', startUrl: START_URL })));
    expect(wrong.name).toBe('InvalidClientException');
    expect(wrong.$metadata.httpStatusCode).toBe(401);
    const grant = await rejection(oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'password' })));
    expect(grant.name).toBe('UnsupportedGrantTypeException');
    const missing = await rejection(oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.deviceCode })));
    expect(missing.name).toBe('InvalidRequestException');
    const notRegistered = await rejection(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.authorizationCode, code: 'x' })),
    );
    expect(notRegistered.name).toBe('UnauthorizedClientException');
  });

  it('refreshes with the refresh_token grant, rotating the pair', async () => {
    const { client, token } = await login([GRANT.deviceCode, GRANT.refreshToken]);
    expect(token.refreshToken).toBeTruthy();
    const refreshed = await oidc.send(
      new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.refreshToken, refreshToken: token.refreshToken }),
    );
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(refreshed.refreshToken).not.toBe(token.refreshToken);
    const reused = await rejection(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.refreshToken, refreshToken: token.refreshToken })),
    );
    expect(reused.name).toBe('InvalidGrantException');
    expect((await rejection(portal.send(new ListAccountsCommand({ accessToken: token.accessToken })))).name).toBe('UnauthorizedException');
    expect((await portal.send(new ListAccountsCommand({ accessToken: refreshed.accessToken }))).accountList).toHaveLength(1);
  });

  it('runs the authorization-code flow with PKCE (the browser step auto-approved)', async () => {
    const redirect = 'http://127.0.0.1:54321/oauth/callback';
    const client = await register([GRANT.authorizationCode, GRANT.refreshToken], [redirect]);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = `${server.url}/authorize?response_type=code&client_id=${encodeURIComponent(client.clientId ?? '')}&redirect_uri=${encodeURIComponent(redirect)}&state=xyz&code_challenge=${challenge}&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess`;
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirect);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') ?? '';

    const wrongVerifier = await rejection(
      oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.authorizationCode, code, redirectUri: redirect, codeVerifier: 'x'.repeat(43) })),
    );
    expect(wrongVerifier.name).toBe('InvalidGrantException');
    // A code is single-use even when the first attempt failed: get a fresh one.
    const again = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    const token = await oidc.send(
      new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.authorizationCode, code: again.searchParams.get('code') ?? '', redirectUri: redirect, codeVerifier: verifier }),
    );
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeTruthy();
  });
});

describe('SSO portal', () => {
  it('lists accounts and roles and issues role credentials that STS accepts', async () => {
    const { token } = await login();
    const accessToken = token.accessToken ?? '';
    expect((await portal.send(new ListAccountsCommand({ accessToken }))).accountList).toEqual([{ accountId: ACCOUNT, accountName: 'Sandbox', emailAddress: 'sandbox@example.com' }]);
    const roles = await portal.send(new ListAccountRolesCommand({ accessToken, accountId: ACCOUNT, maxResults: 1 }));
    expect(roles.roleList).toEqual([{ roleName: 'AdministratorAccess', accountId: ACCOUNT }]);
    const rest = await portal.send(new ListAccountRolesCommand({ accessToken, accountId: ACCOUNT, maxResults: 1, nextToken: roles.nextToken }));
    expect(rest.roleList).toEqual([{ roleName: 'ReadOnlyAccess', accountId: ACCOUNT }]);
    expect(rest.nextToken).toBeUndefined();

    const role = await portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: ACCOUNT, roleName: 'ReadOnlyAccess' }));
    const c = role.roleCredentials;
    expect(c?.expiration).toBe(START + 3600_000);
    expect(credentials.isIssuedKey(c?.accessKeyId ?? '')).toBe(true);
    const sts = new STSClient({
      endpoint: server.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: c?.accessKeyId ?? '', secretAccessKey: c?.secretAccessKey ?? '', sessionToken: c?.sessionToken ?? '' },
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(me.Arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}/sandbox-user$`));
  });

  it('answers 403 "No access" for a role not assigned and 404 for an unknown account', async () => {
    const { token } = await login();
    const forbidden = await rejection(portal.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: ACCOUNT, roleName: 'Billing' })));
    expect(forbidden.name).toBe('ForbiddenException');
    expect(forbidden.$metadata.httpStatusCode).toBe(403);
    expect(forbidden.message).toBe('No access');
    const unknown = await rejection(portal.send(new ListAccountRolesCommand({ accessToken: token.accessToken, accountId: '111111111111' })));
    expect(unknown.name).toBe('ResourceNotFoundException');
    const badPage = await rejection(portal.send(new ListAccountsCommand({ accessToken: token.accessToken, maxResults: 101 })));
    expect(badPage.name).toBe('InvalidRequestException');
  });

  it('answers 401 for unknown, expired and logged-out tokens; credentials outlive the logout', async () => {
    expect((await rejection(portal.send(new ListAccountsCommand({ accessToken: 'not-a-token' })))).name).toBe('UnauthorizedException');
    const { token } = await login();
    const accessToken = token.accessToken ?? '';
    const role = await portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: ACCOUNT, roleName: 'AdministratorAccess' }));
    await portal.send(new LogoutCommand({ accessToken }));
    const after = await rejection(portal.send(new ListAccountsCommand({ accessToken })));
    expect(after.name).toBe('UnauthorizedException');
    expect(after.$metadata.httpStatusCode).toBe(401);
    expect(credentials.check(role.roleCredentials?.accessKeyId ?? '', role.roleCredentials?.sessionToken, clock).ok).toBe(true);

    const second = await login();
    clock += 8 * 3600_000;
    expect((await rejection(portal.send(new ListAccountsCommand({ accessToken: second.token.accessToken })))).name).toBe('UnauthorizedException');
  });

  it('keeps clients, tokens and assignments across toJSON/fromJSON', async () => {
    const { client, token } = await login([GRANT.deviceCode, GRANT.refreshToken]);
    state.accounts = [{ accountId: '222222222222', accountName: 'Staging', emailAddress: 'staging@example.com', roles: ['Dev'] }];
    state = SsoState.fromJSON(JSON.parse(JSON.stringify(state)));
    server.account.sso = state;
    expect((await portal.send(new ListAccountsCommand({ accessToken: token.accessToken }))).accountList?.[0]?.accountName).toBe('Staging');
    const refreshed = await oidc.send(
      new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: GRANT.refreshToken, refreshToken: token.refreshToken }),
    );
    expect(refreshed.accessToken).toBeTruthy();
    expect(() => SsoState.fromJSON({ version: 1 })).toThrow();
  });
});

describe('request matching', () => {
  const req = (method: string, path: string, query = '') => ({ method, path, query: new URLSearchParams(query), headers: {}, body: '' });
  it('recognises the OIDC and portal routes and nothing else', () => {
    expect(matchesSsoOidc(req('POST', '/token'))).toBe(true);
    expect(matchesSsoOidc(req('POST', '/token', 'aws_iam=t'))).toBe(false);
    expect(matchesSsoOidc(req('GET', '/token'))).toBe(false);
    expect(matchesSsoOidc(req('POST', '/client/register'))).toBe(true);
    expect(matchesSsoPortal(req('GET', '/federation/credentials'))).toBe(true);
    expect(matchesSsoPortal(req('POST', '/logout'))).toBe(true);
    expect(matchesSsoPortal(req('GET', '/logout'))).toBe(false);
    expect(matchesSsoPortal(req('GET', '/app-instances'))).toBe(false);
    expect(ssoActionOf(req('POST', '/token'))).toBe('sso-oauth:CreateToken');
    expect(ssoActionOf(req('GET', '/federation/credentials'))).toBe('sso:GetRoleCredentials');
  });
});
