/**
 * The SSO portal API (REST-JSON, unsigned; the OIDC access token travels in
 * `x-amz-sso_bearer_token`): GetRoleCredentials, ListAccounts,
 * ListAccountRoles, Logout. A missing, unknown, expired or logged-out token
 * answers 401 UnauthorizedException "Session token not found or invalid".
 *
 * The sandbox's one user is assigned the accounts of `state.accounts`
 * (default: this account, "Sandbox", roles AdministratorAccess and
 * ReadOnlyAccess). A role or account not assigned answers 403
 * ForbiddenException "No access" from GetRoleCredentials, as the real portal
 * does (not in the model), and 404 ResourceNotFoundException from
 * ListAccountRoles (simulated choice).
 *
 * Role credentials come from the shared IssuedCredentials store (so the core's
 * SigV4 check accepts them), last one hour (the default permission-set session)
 * and answer GetCallerIdentity as
 * `arn:aws:sts::ACCOUNT:assumed-role/AWSReservedSSO_<role>_<16 hex>/sandbox-user`.
 */
import { createHash } from 'node:crypto';
import { header, type ServiceContext, type ServiceRequest, type ServiceResponse } from '../protocols/http';
import { pageByKey } from '../protocols/markers';
import { jsonErrorResponse, jsonResponse, RestJsonError } from '../protocols/jsonAnswers';
import type { IssuedCredentials } from '../sts/credentials';
import { defaultAccounts, SANDBOX_SSO_USER, type AccountRecord, type SsoState, type TokenRecord } from './state';

export interface PortalContext extends ServiceContext {
  readonly state: SsoState;
  readonly credentials: IssuedCredentials;
}

export const ROLE_CREDENTIALS_LIFETIME_MS = 3600_000;

const portalError = (type: string, status: number, message: string) => new RestJsonError(type, status, { message });
const unauthorized = () => portalError('UnauthorizedException', 401, 'Session token not found or invalid');
const invalidRequest = (message: string) => portalError('InvalidRequestException', 400, message);

const GET_PATHS = new Set(['/federation/credentials', '/assignment/accounts', '/assignment/roles']);

export function matchesSsoPortal(request: Pick<ServiceRequest, 'method' | 'path'>): boolean {
  return (request.method === 'GET' && GET_PATHS.has(request.path)) || (request.method === 'POST' && request.path === '/logout');
}

function session(ctx: PortalContext, request: ServiceRequest): TokenRecord {
  const token = header(request, 'x-amz-sso_bearer_token');
  const record = token ? ctx.state.tokens.get(token) : undefined;
  if (!record || ctx.now() >= record.expiresAt) throw unauthorized();
  return record;
}

function accounts(ctx: PortalContext): AccountRecord[] {
  return ctx.state.accounts ?? defaultAccounts(ctx.accountId);
}

function pageParams(query: URLSearchParams): { max: number; next?: string } {
  const raw = query.get('max_result');
  let max = 20;
  if (raw !== null) {
    max = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(max >= 1 && max <= 100)) throw invalidRequest('max_result must be between 1 and 100');
  }
  const next = query.get('next_token') ?? undefined;
  return { max, ...(next !== undefined && { next }) };
}

function required(query: URLSearchParams, name: string): string {
  const v = query.get(name);
  if (!v) throw invalidRequest(`Missing required parameter: ${name}`);
  return v;
}

function route(request: ServiceRequest, ctx: PortalContext): ServiceResponse {
  const token = session(ctx, request);
  const q = request.query;
  const badToken = () => invalidRequest('Invalid next_token');
  switch (`${request.method} ${request.path}`) {
    case 'GET /assignment/accounts': {
      const { max, next } = pageParams(q);
      const page = pageByKey(accounts(ctx), (a) => a.accountId, 'accounts', next, max, badToken);
      return jsonResponse(200, {
        accountList: page.items.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress })),
        ...(page.next && { nextToken: page.next }),
      }, ctx.requestId);
    }
    case 'GET /assignment/roles': {
      const accountId = required(q, 'account_id');
      const account = accounts(ctx).find((a) => a.accountId === accountId);
      if (!account) throw portalError('ResourceNotFoundException', 404, `The account ${accountId} is not assigned to this user`);
      const { max, next } = pageParams(q);
      const page = pageByKey(account.roles, (r) => r, `roles:${accountId}`, next, max, badToken);
      return jsonResponse(200, { roleList: page.items.map((roleName) => ({ roleName, accountId })), ...(page.next && { nextToken: page.next }) }, ctx.requestId);
    }
    case 'GET /federation/credentials': {
      const roleName = required(q, 'role_name');
      const accountId = required(q, 'account_id');
      const account = accounts(ctx).find((a) => a.accountId === accountId);
      if (!account || !account.roles.includes(roleName)) throw portalError('ForbiddenException', 403, 'No access');
      const now = ctx.now();
      const suffix = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
      const roleId = `AROA${createHash('sha256').update(`role:${accountId}/${roleName}`).digest('hex').slice(0, 17).toUpperCase()}`;
      const credential = ctx.credentials.issue(
        {
          expiration: now + ROLE_CREDENTIALS_LIFETIME_MS,
          source: 'SSO',
          arn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_${suffix}/${SANDBOX_SSO_USER}`,
          userId: `${roleId}:${SANDBOX_SSO_USER}`,
          account: accountId,
          roleArn: `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${roleName}_${suffix}`,
          mfa: false,
        },
        now,
      );
      return jsonResponse(200, {
        roleCredentials: {
          accessKeyId: credential.accessKeyId,
          secretAccessKey: credential.secretAccessKey,
          sessionToken: credential.sessionToken,
          expiration: credential.expiration,
        },
      }, ctx.requestId);
    }
    case 'POST /logout':
      // Ends the portal session; role credentials already issued stay valid until they expire, as in AWS.
      ctx.state.tokens.delete(token.accessToken);
      return jsonResponse(200, undefined, ctx.requestId);
    default:
      throw invalidRequest(`No SSO portal operation at ${request.method} ${request.path}`);
  }
}

export function handleSsoPortal(request: ServiceRequest, ctx: PortalContext, log: (line: string) => void = () => undefined): ServiceResponse {
  try {
    return route(request, ctx);
  } catch (error) {
    if (error instanceof RestJsonError) return jsonErrorResponse(error, ctx.requestId);
    log(`sandbox: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return jsonErrorResponse(portalError('InternalServerException', 500, 'The sandbox failed to handle the request'), ctx.requestId);
  }
}
