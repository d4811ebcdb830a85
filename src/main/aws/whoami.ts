/**
 * "Who am I": STS GetCallerIdentity with a connection's credentials, so the
 * user sees which account and principal the chosen profile really is before
 * touching any Chime resource. GetCallerIdentity needs no IAM permission.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fail, ok, type Result } from '../../shared/errors';
import type { CallerIdentity } from '../../shared/aws/types';
import type { CredentialsProvider } from './credentials';
import { toWorkbenchError } from './errors';
import type { ResolvedClientConfig } from './config';

export interface WhoAmIOptions {
  readonly region: string;
  readonly credentials: CredentialsProvider;
  /** An STS stand-in (tests) or a VPC endpoint. */
  readonly endpoint?: string;
  /** Names the profile in credential error messages. */
  readonly profile?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** The profile's STS settings from resolveClientConfig(profile, 'sts'); `endpoint` above still wins. */
  readonly resolved?: ResolvedClientConfig;
  /** Its resolution's `explainFailure` (proxy, CA bundle, endpoint named). */
  readonly explainFailure?: (thrown: unknown) => import('../../shared/errors').WorkbenchError | undefined;
}

export async function whoAmI(options: WhoAmIOptions): Promise<Result<CallerIdentity>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // The credentials the call was signed with say when they expire (the badge shows it).
  let expiration: Date | undefined;
  const credentials: CredentialsProvider = async (properties) => {
    const resolved = await options.credentials(properties);
    expiration = resolved.expiration;
    return resolved;
  };
  const client = new STSClient({
    ...options.resolved,
    region: options.region,
    credentials,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: 2,
    // The SDK accepts handler options in place of a handler instance.
    requestHandler: options.resolved?.requestHandler ?? { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), options.signal ? { abortSignal: options.signal } : {});
    return ok({
      account: out.Account ?? '',
      arn: out.Arn ?? '',
      userId: out.UserId ?? '',
      ...(expiration ? { expiresAt: expiration.toISOString() } : {}),
    });
  } catch (thrown) {
    return fail(
      toWorkbenchError(thrown, {
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.explainFailure ? { explain: options.explainFailure } : {}),
      }),
    );
  } finally {
    client.destroy();
  }
}
