/**
 * STS operations. The caller is the access key of the request's SigV4
 * credential scope: a key this sandbox issued answers as its session (assumed
 * role, or the user behind GetSessionToken); any other key is the account's
 * root (`arn:aws:iam::ACCOUNT:root`), since the sandbox accepts any
 * long-term key.
 *
 * MFA (simulated): SerialNumber must look like an MFA device
 * (`arn:aws:iam::ACCOUNT:mfa/NAME` or a hardware serial) and TokenCode must be
 * the sandbox's code, `ctx.mfaCode` (default SANDBOX_MFA_CODE, "123456").
 * Anything else answers AccessDenied "MultiFactorAuthentication failed with
 * invalid MFA one time pass code.", as STS does. A role whose trust policy has
 * `"Bool":{"aws:MultiFactorAuthPresent":"true"}` can only be assumed with it.
 *
 * AssumeRoleWithWebIdentity (simulated): the token must be a JWT with `iss`,
 * `sub` and `aud` and an `exp` in the future; its signature is NOT verified
 * (the sandbox keeps no OIDC provider keys). The role's trust policy must
 * allow sts:AssumeRoleWithWebIdentity to the Federated principal
 * `arn:aws:iam::ACCOUNT:oidc-provider/<iss without https://>` (or the bare
 * host for accounts.google.com, cognito-identity.amazonaws.com,
 * graph.facebook.com, www.amazon.com); conditions can test `<provider>:sub`
 * and `<provider>:aud`.
 */
import { credentialScope, header, type ServiceContext, type ServiceRequest } from '../protocols/http';
import { QueryError, validationError, type QueryOperation } from '../protocols/query';
import { parsePolicy, trustAllows } from '../iam/policy';
import type { IamState, RoleRecord } from '../iam/state';
import type { IssuedCredential, IssuedCredentials } from './credentials';
import { INPUTS, type StsOperationName } from './shapes';

/** The one-time code the sandbox's simulated MFA devices accept. */
export const SANDBOX_MFA_CODE = '123456';

export interface StsContext extends ServiceContext {
  readonly iam: IamState;
  readonly credentials: IssuedCredentials;
  /** The TokenCode MFA checks accept (default SANDBOX_MFA_CODE). */
  readonly mfaCode?: string;
}

type Input = Record<string, unknown>;

const accessDenied = (message: string) => new QueryError('AccessDenied', message, 403);

interface Caller {
  readonly arn: string;
  readonly userId: string;
  readonly account: string;
  readonly issued?: IssuedCredential;
}

/** Who signed the request; throws the STS error when the credentials are unusable. */
export function callerOf(request: ServiceRequest, ctx: StsContext): Caller {
  const scope = credentialScope(request);
  if (!scope) throw new QueryError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  if (ctx.credentials.isIssuedKey(scope.accessKeyId)) {
    const check = ctx.credentials.check(scope.accessKeyId, header(request, 'x-amz-security-token'), ctx.now());
    if (!check.ok) throw new QueryError(check.code, check.message, 403);
    const c = check.credential;
    return { arn: c.arn, userId: c.userId, account: c.account, issued: c };
  }
  return { arn: `arn:aws:iam::${ctx.accountId}:root`, userId: ctx.accountId, account: ctx.accountId };
}

function checkMfa(input: Input, ctx: StsContext, operation: string): boolean {
  const serial = input['SerialNumber'] as string | undefined;
  const code = input['TokenCode'] as string | undefined;
  if (serial === undefined && code === undefined) return false;
  if (serial === undefined || code === undefined) {
    throw accessDenied(`MultiFactorAuthentication failed: ${operation} needs both SerialNumber and TokenCode.`);
  }
  const device = /^arn:aws:iam::\d{12}:mfa\/[\w+=,.@/-]+$/.test(serial) || /^[A-Z0-9]{9,}$/.test(serial);
  if (!device || code !== (ctx.mfaCode ?? SANDBOX_MFA_CODE)) {
    throw accessDenied('MultiFactorAuthentication failed with invalid MFA one time pass code.');
  }
  return true;
}

function credentialsOut(c: IssuedCredential) {
  return { AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: new Date(c.expiration) };
}

function roleFor(ctx: StsContext, roleArn: string, denied: () => QueryError): RoleRecord {
  const role = ctx.iam.roleByArn(roleArn);
  if (!role) throw denied();
  return role;
}

/** A session policy is checked like IAM checks identity policies; PackedPolicySize is a made-up but stable percentage. */
function packedPolicySize(input: Input): number | undefined {
  const policy = input['Policy'] as string | undefined;
  const arns = (input['PolicyArns'] as unknown[] | undefined) ?? [];
  if (policy === undefined && arns.length === 0) return undefined;
  if (policy !== undefined) {
    try {
      parsePolicy(policy, 'identity');
    } catch (error) {
      if (error instanceof QueryError) throw new QueryError('MalformedPolicyDocument', error.message, 400);
      throw error;
    }
  }
  const size = Math.ceil((((policy ?? '').replace(/\s/g, '').length + arns.length * 100) / 2048) * 100);
  if (size > 100) throw new QueryError('PackedPolicyTooLarge', `Packed size of the session policy and tags exceeds the limit (${size}% of allowed)`, 400);
  return size;
}

function issueForRole(ctx: StsContext, role: RoleRecord, sessionName: string, durationSeconds: number, source: IssuedCredential['source'], mfa: boolean) {
  const now = ctx.now();
  role.lastUsed = { date: now, region: ctx.region };
  const arn = `arn:aws:sts::${ctx.accountId}:assumed-role/${role.name}/${sessionName}`;
  const userId = `${role.id}:${sessionName}`;
  const credential = ctx.credentials.issue(
    { expiration: now + durationSeconds * 1000, source, arn, userId, account: ctx.accountId, roleArn: role.arn, mfa },
    now,
  );
  return { credential, AssumedRoleUser: { AssumedRoleId: userId, Arn: arn } };
}

const WELL_KNOWN_IDPS = new Set(['accounts.google.com', 'cognito-identity.amazonaws.com', 'graph.facebook.com', 'www.amazon.com']);

function decodeJwt(token: string, now: number): { iss: string; sub: string; aud: string; exp?: number } {
  const invalid = () => new QueryError('InvalidIdentityToken', 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)', 400);
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid();
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw invalid();
  }
  const aud = Array.isArray(claims['aud']) ? claims['aud'][0] : claims['aud'];
  if (typeof claims['iss'] !== 'string' || typeof claims['sub'] !== 'string' || typeof aud !== 'string') {
    throw new QueryError('InvalidIdentityToken', 'The web identity token must carry iss, sub and aud claims', 400);
  }
  const exp = typeof claims['exp'] === 'number' ? claims['exp'] : undefined;
  if (exp !== undefined && exp * 1000 <= now) {
    throw new QueryError(
      'ExpiredTokenException',
      `Token expired: current date/time ${Math.floor(now / 1000)} must be before the expiration date/time ${exp}`,
      400,
    );
  }
  return { iss: claims['iss'], sub: claims['sub'], aud, ...(exp !== undefined && { exp }) };
}

type Handlers = { [K in StsOperationName]: QueryOperation<StsContext> };

export const STS_OPERATIONS: Handlers = {
  GetCallerIdentity: {
    input: INPUTS.GetCallerIdentity,
    run(_input, ctx, request) {
      const caller = callerOf(request, ctx);
      return { UserId: caller.userId, Account: caller.account, Arn: caller.arn };
    },
  },
  AssumeRole: {
    input: INPUTS.AssumeRole,
    run(input, ctx, request) {
      const caller = callerOf(request, ctx);
      const roleArn = input['RoleArn'] as string;
      const notAuthorized = () => accessDenied(`User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
      const mfa = checkMfa(input, ctx, 'AssumeRole') || (caller.issued?.mfa ?? false);
      const role = roleFor(ctx, roleArn, notAuthorized);
      const context = new Map<string, string[]>([
        ['aws:PrincipalAccount', [caller.account]],
        ['aws:PrincipalArn', [caller.issued?.roleArn ?? caller.arn]],
        ['aws:MultiFactorAuthPresent', [String(mfa)]],
      ]);
      if (input['ExternalId'] !== undefined) context.set('sts:ExternalId', [input['ExternalId'] as string]);
      if (input['SourceIdentity'] !== undefined) context.set('sts:SourceIdentity', [input['SourceIdentity'] as string]);
      const who = [caller.arn, `arn:aws:iam::${caller.account}:root`, caller.account, ...(caller.issued?.roleArn ? [caller.issued.roleArn] : [])];
      if (!trustAllows(parsePolicy(role.assumeRolePolicy, 'trust'), 'sts:AssumeRole', { aws: who }, context).allowed) throw notAuthorized();

      const chained = caller.issued?.roleArn !== undefined;
      const duration = (input['DurationSeconds'] as number | undefined) ?? 3600;
      if (chained && duration > 3600) {
        throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
      }
      if (duration > role.maxSessionDuration) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
      const packed = packedPolicySize(input);
      const { credential, AssumedRoleUser } = issueForRole(ctx, role, input['RoleSessionName'] as string, duration, 'AssumeRole', mfa);
      return {
        Credentials: credentialsOut(credential),
        AssumedRoleUser,
        PackedPolicySize: packed,
        SourceIdentity: input['SourceIdentity'],
      };
    },
  },
  GetSessionToken: {
    input: INPUTS.GetSessionToken,
    run(input, ctx, request) {
      const caller = callerOf(request, ctx);
      if (caller.issued) throw accessDenied('Cannot call GetSessionToken with session credentials');
      const mfa = checkMfa(input, ctx, 'GetSessionToken');
      const now = ctx.now();
      const duration = (input['DurationSeconds'] as number | undefined) ?? 43200;
      const credential = ctx.credentials.issue(
        { expiration: now + duration * 1000, source: 'GetSessionToken', arn: caller.arn, userId: caller.userId, account: caller.account, mfa },
        now,
      );
      return { Credentials: credentialsOut(credential) };
    },
  },
  AssumeRoleWithWebIdentity: {
    input: INPUTS.AssumeRoleWithWebIdentity,
    run(input, ctx) {
      const now = ctx.now();
      const claims = decodeJwt(input['WebIdentityToken'] as string, now);
      const provider = claims.iss.replace(/^https:\/\//, '').replace(/\/$/, '');
      const federated = WELL_KNOWN_IDPS.has(provider) ? provider : `arn:aws:iam::${ctx.accountId}:oidc-provider/${provider}`;
      const denied = () => accessDenied('Not authorized to perform sts:AssumeRoleWithWebIdentity');
      const role = roleFor(ctx, input['RoleArn'] as string, denied);
      const context = new Map<string, string[]>([
        [`${provider}:sub`, [claims.sub]],
        [`${provider}:aud`, [claims.aud]],
      ]);
      if (!trustAllows(parsePolicy(role.assumeRolePolicy, 'trust'), 'sts:AssumeRoleWithWebIdentity', { federated }, context).allowed) throw denied();
      const duration = (input['DurationSeconds'] as number | undefined) ?? 3600;
      if (duration > role.maxSessionDuration) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
      const packed = packedPolicySize(input);
      const { credential, AssumedRoleUser } = issueForRole(ctx, role, input['RoleSessionName'] as string, duration, 'AssumeRoleWithWebIdentity', false);
      return {
        Credentials: credentialsOut(credential),
        SubjectFromWebIdentityToken: claims.sub,
        AssumedRoleUser,
        PackedPolicySize: packed,
        Provider: provider,
        Audience: claims.aud,
      };
    },
  },
};
