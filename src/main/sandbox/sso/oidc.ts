/**
 * SSO OIDC (REST-JSON, anonymous): RegisterClient, StartDeviceAuthorization,
 * CreateToken with the device-code, refresh-token and authorization-code
 * (PKCE S256) grants. Errors carry `x-amzn-ErrorType` (the exception shape)
 * and the model's body `{"error","error_description"}`; the `error` values
 * are the OAuth 2.0 ones (RFC 6749 / RFC 8628), which AWS does not document
 * (simulated choice).
 *
 * The device flow: StartDeviceAuthorization answers a userCode; the person
 * approves it with `approveDeviceCode` (the `/_sandbox/sso/approve` control
 * route). Until then CreateToken answers AuthorizationPendingException, or
 * SlowDownException when polled sooner than `interval` seconds after the
 * previous poll; after `expiresIn` (600 s) ExpiredTokenException; a denied
 * code AccessDeniedException; a used or unknown one InvalidGrantException.
 *
 * The authorization-code flow (what `aws sso login` uses for sso-session
 * profiles): `GET /authorize?response_type=code&client_id&redirect_uri&state
 * &code_challenge&code_challenge_method=S256&scopes` plays the person who signs
 * in and consents at once, answering 302 to `redirect_uri?code=…&state=…`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServiceContext, ServiceRequest, ServiceResponse } from '../protocols/http';
import { parseJsonObject } from '../core/body';
import { badRequest, conflict, notFound } from '../core/errors';
import { jsonErrorResponse, jsonResponse, RestJsonError } from '../protocols/jsonAnswers';
import { opaque, userCode, type ClientRecord, type SsoState, type TokenRecord } from './state';

export interface OidcContext extends ServiceContext {
  readonly state: SsoState;
  /**
   * Where a person would approve device codes (verificationUri). Default:
   * Identity Center's own `https://device.sso.{region}.amazonaws.com/`; the core
   * may point it at a sandbox page.
   */
  readonly verificationUri?: string;
}

export const OIDC_TIMINGS = {
  clientSecretLifetimeMs: 90 * 24 * 3600_000,
  deviceCodeLifetimeSeconds: 600,
  pollIntervalSeconds: 1,
  accessTokenLifetimeSeconds: 8 * 3600,
  authorizationCodeLifetimeMs: 5 * 60_000,
} as const;

export const GRANT = {
  deviceCode: 'urn:ietf:params:oauth:grant-type:device_code',
  refreshToken: 'refresh_token',
  authorizationCode: 'authorization_code',
} as const;

const KNOWN_GRANTS = new Set<string>(Object.values(GRANT));

const oidcError = (type: string, status: number, error: string, description: string, extra: Record<string, unknown> = {}) =>
  new RestJsonError(type, status, { error, error_description: description, ...extra });
const invalidRequest = (description: string) => oidcError('InvalidRequestException', 400, 'invalid_request', description);
const invalidClient = (description: string) => oidcError('InvalidClientException', 401, 'invalid_client', description);
const invalidGrant = (description: string) => oidcError('InvalidGrantException', 400, 'invalid_grant', description);

const PATHS = new Set(['/client/register', '/device_authorization', '/token']);

/** POST /client/register, /device_authorization, /token (not `/token?aws_iam=t`, CreateTokenWithIAM); GET /authorize. */
export function matchesSsoOidc(request: Pick<ServiceRequest, 'method' | 'path' | 'query'>): boolean {
  if (request.method === 'GET' && request.path === '/authorize') return true;
  return request.method === 'POST' && PATHS.has(request.path) && !request.query.has('aws_iam');
}

function str(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (required) throw invalidRequest(`Missing required parameter: ${name}`);
    return undefined;
  }
  if (typeof v !== 'string') throw invalidRequest(`Invalid parameter: ${name} must be a string`);
  return v;
}

function strList(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw invalidRequest(`Invalid parameter: ${name} must be a list of strings`);
  return v as string[];
}

function authenticate(ctx: OidcContext, body: Record<string, unknown>): ClientRecord {
  const clientId = str(body, 'clientId', true) as string;
  const secret = str(body, 'clientSecret', true) as string;
  const client = ctx.state.clients.get(clientId);
  const same = client !== undefined && secret.length === client.clientSecret.length && timingSafeEqual(Buffer.from(secret), Buffer.from(client.clientSecret));
  if (!client || !same) throw invalidClient('Invalid client credentials');
  if (ctx.now() >= client.secretExpiresAt) throw invalidClient('The client secret has expired: register the client again');
  return client;
}

function grants(client: ClientRecord): string[] {
  return client.grantTypes.length > 0 ? client.grantTypes : [GRANT.deviceCode, GRANT.refreshToken];
}

function issueToken(ctx: OidcContext, client: ClientRecord, startUrl: string, scopes: string[]) {
  const now = ctx.now();
  const token: TokenRecord = {
    accessToken: opaque('aoa', 96),
    clientId: client.clientId,
    startUrl,
    scopes,
    expiresAt: now + OIDC_TIMINGS.accessTokenLifetimeSeconds * 1000,
    // Identity Center issues refresh tokens only to clients registered for that grant.
    ...(client.grantTypes.includes(GRANT.refreshToken) && { refreshToken: opaque('aor', 96) }),
  };
  ctx.state.tokens.set(token.accessToken, token);
  return {
    accessToken: token.accessToken,
    tokenType: 'Bearer',
    expiresIn: OIDC_TIMINGS.accessTokenLifetimeSeconds,
    ...(token.refreshToken && { refreshToken: token.refreshToken }),
  };
}

function registerClient(ctx: OidcContext, body: Record<string, unknown>) {
  const name = str(body, 'clientName', true) as string;
  const type = str(body, 'clientType', true) as string;
  if (type !== 'public') throw oidcError('InvalidClientMetadataException', 400, 'invalid_client_metadata', `Invalid client type: ${type} (only "public")`);
  const grantTypes = strList(body, 'grantTypes');
  const unknown = grantTypes.find((g) => !KNOWN_GRANTS.has(g));
  if (unknown) throw oidcError('UnsupportedGrantTypeException', 400, 'unsupported_grant_type', `Unsupported grant type: ${unknown}`);
  const redirectUris = strList(body, 'redirectUris');
  for (const uri of redirectUris) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(uri)) throw oidcError('InvalidRedirectUriException', 400, 'invalid_redirect_uri', `Invalid redirect URI: ${uri}`);
  }
  const now = ctx.now();
  const client: ClientRecord = {
    clientId: opaque('', 24),
    clientSecret: opaque('sandbox-client-secret.', 180),
    name,
    grantTypes,
    scopes: strList(body, 'scopes'),
    redirectUris,
    issuedAt: now,
    secretExpiresAt: now + OIDC_TIMINGS.clientSecretLifetimeMs,
  };
  ctx.state.clients.set(client.clientId, client);
  const base = `https://oidc.${ctx.region}.amazonaws.com`;
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(client.issuedAt / 1000),
    clientSecretExpiresAt: Math.floor(client.secretExpiresAt / 1000),
    ...(grantTypes.includes(GRANT.authorizationCode) && { authorizationEndpoint: `${base}/authorize`, tokenEndpoint: `${base}/token` }),
  };
}

function startDeviceAuthorization(ctx: OidcContext, body: Record<string, unknown>) {
  const client = authenticate(ctx, body);
  const startUrl = str(body, 'startUrl', true) as string;
  if (!grants(client).includes(GRANT.deviceCode)) throw oidcError('UnauthorizedClientException', 400, 'unauthorized_client', 'The client is not registered for the device code grant');
  const now = ctx.now();
  const code = userCode();
  const record = {
    deviceCode: opaque('', 48),
    userCode: code,
    clientId: client.clientId,
    startUrl,
    expiresAt: now + OIDC_TIMINGS.deviceCodeLifetimeSeconds * 1000,
    intervalSeconds: OIDC_TIMINGS.pollIntervalSeconds,
    status: 'PENDING' as const,
  };
  ctx.state.prune(now);
  ctx.state.devices.set(record.deviceCode, record);
  const verificationUri = ctx.verificationUri ?? `https://device.sso.${ctx.region}.amazonaws.com/`;
  return {
    deviceCode: record.deviceCode,
    userCode: code,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${code}`,
    expiresIn: OIDC_TIMINGS.deviceCodeLifetimeSeconds,
    interval: OIDC_TIMINGS.pollIntervalSeconds,
  };
}

function createToken(ctx: OidcContext, body: Record<string, unknown>) {
  const client = authenticate(ctx, body);
  const grantType = str(body, 'grantType', true) as string;
  if (!KNOWN_GRANTS.has(grantType)) throw oidcError('UnsupportedGrantTypeException', 400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
  if (!grants(client).includes(grantType)) throw oidcError('UnauthorizedClientException', 400, 'unauthorized_client', `The client is not registered for the ${grantType} grant`);
  const now = ctx.now();

  if (grantType === GRANT.deviceCode) {
    const deviceCode = str(body, 'deviceCode', true) as string;
    const device = ctx.state.devices.get(deviceCode);
    if (!device || device.clientId !== client.clientId || device.status === 'USED') throw invalidGrant('Invalid device code provided');
    if (now >= device.expiresAt) throw oidcError('ExpiredTokenException', 400, 'expired_token', 'Device code has expired');
    if (device.status === 'DENIED') throw oidcError('AccessDeniedException', 400, 'access_denied', 'The user denied the authorization request');
    if (device.status === 'PENDING') {
      const last = device.lastPolledAt;
      device.lastPolledAt = now;
      if (last !== undefined && now - last < device.intervalSeconds * 1000) {
        throw oidcError('SlowDownException', 400, 'slow_down', `Poll no more often than every ${device.intervalSeconds} s`);
      }
      throw oidcError('AuthorizationPendingException', 400, 'authorization_pending', 'Authorization is still pending');
    }
    device.status = 'USED';
    return issueToken(ctx, client, device.startUrl, ctx.state.clients.get(client.clientId)?.scopes ?? []);
  }

  if (grantType === GRANT.refreshToken) {
    const refreshToken = str(body, 'refreshToken', true) as string;
    const previous = ctx.state.tokenByRefresh(refreshToken);
    if (!previous || previous.clientId !== client.clientId) throw invalidGrant('Invalid refresh token provided');
    // Rotation: the old pair dies, a new pair is issued.
    ctx.state.tokens.delete(previous.accessToken);
    return issueToken(ctx, client, previous.startUrl, previous.scopes);
  }

  const code = str(body, 'code', true) as string;
  const redirectUri = str(body, 'redirectUri', true) as string;
  const verifier = str(body, 'codeVerifier', true) as string;
  const record = ctx.state.codes.get(code);
  ctx.state.codes.delete(code);
  if (!record || record.clientId !== client.clientId || now >= record.expiresAt) throw invalidGrant('Invalid authorization code provided');
  if (record.redirectUri !== redirectUri) throw invalidGrant('The redirect URI does not match the authorization request');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  if (challenge !== record.codeChallenge) throw invalidGrant('Code verifier does not match the code challenge');
  return issueToken(ctx, client, `authorization_code:${client.name}`, record.scopes);
}

function authorize(ctx: OidcContext, query: URLSearchParams): ServiceResponse {
  const redirectUri = query.get('redirect_uri') ?? '';
  const client = ctx.state.clients.get(query.get('client_id') ?? '');
  // Errors before the redirect URI is trusted cannot be redirected (RFC 6749 §4.1.2.1).
  if (!client) return jsonErrorResponse(invalidClient('Unknown client_id'), ctx.requestId);
  if (!client.redirectUris.includes(redirectUri)) {
    return jsonErrorResponse(oidcError('InvalidRedirectUriException', 400, 'invalid_redirect_uri', 'redirect_uri is not registered for this client'), ctx.requestId);
  }
  const target = new URL(redirectUri);
  const state = query.get('state');
  if (state !== null) target.searchParams.set('state', state);
  const challenge = query.get('code_challenge');
  if (query.get('response_type') !== 'code' || !challenge || query.get('code_challenge_method') !== 'S256') {
    target.searchParams.set('error', 'invalid_request');
    target.searchParams.set('error_description', 'response_type=code with code_challenge_method=S256 and a code_challenge are required');
  } else {
    const code = opaque('', 32);
    ctx.state.codes.set(code, {
      code,
      clientId: client.clientId,
      redirectUri,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      scopes: (query.get('scopes') ?? '').split(/[\s,]+/).filter(Boolean),
      expiresAt: ctx.now() + OIDC_TIMINGS.authorizationCodeLifetimeMs,
    });
    target.searchParams.set('code', code);
  }
  return { status: 302, headers: { location: target.toString() }, body: '' };
}

export function handleSsoOidc(request: ServiceRequest, ctx: OidcContext, log: (line: string) => void = () => undefined): ServiceResponse {
  try {
    if (request.method === 'GET' && request.path === '/authorize') return authorize(ctx, request.query);
    const body = parseJsonObject(request.body, invalidRequest);
    switch (request.path) {
      case '/client/register':
        return jsonResponse(200, registerClient(ctx, body), ctx.requestId);
      case '/device_authorization':
        return jsonResponse(200, startDeviceAuthorization(ctx, body), ctx.requestId);
      case '/token':
        return jsonResponse(200, createToken(ctx, body), ctx.requestId);
      default:
        throw invalidRequest(`No SSO OIDC operation at ${request.path}`);
    }
  } catch (error) {
    if (error instanceof RestJsonError) return jsonErrorResponse(error, ctx.requestId);
    log(`sandbox: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return jsonErrorResponse(oidcError('InternalServerException', 500, 'server_error', 'The sandbox failed to handle the request'), ctx.requestId);
  }
}

/**
 * The person at the browser: approves (or, with `Deny: true`, denies) the
 * pending device authorization with this user code. For the control route
 * `POST /_sandbox/sso/approve` `{"UserCode":"ABCD-EFGH","Deny"?:true}`.
 */
export function approveDeviceCode(state: SsoState, body: unknown, now: number): { status: 200; body: Record<string, unknown> } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (typeof b['UserCode'] !== 'string' || (b['Deny'] !== undefined && typeof b['Deny'] !== 'boolean')) {
    throw badRequest('Expected {"UserCode":"ABCD-EFGH","Deny"?:boolean}');
  }
  const device = state.deviceByUserCode(b['UserCode']);
  if (!device || device.status === 'USED') throw notFound(`No pending device authorization has the user code ${b['UserCode']}`);
  if (now >= device.expiresAt) throw conflict(`The user code ${device.userCode} has expired`);
  device.status = b['Deny'] === true ? 'DENIED' : 'APPROVED';
  return {
    status: 200,
    body: { UserCode: device.userCode, Status: device.status, ClientName: state.clients.get(device.clientId)?.name ?? '', StartUrl: device.startUrl },
  };
}
