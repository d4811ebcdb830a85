/**
 * Runs a profile's `credential_process` helper ourselves instead of through
 * the SDK's fromProcess, because the SDK's failure message is Node's
 * "Command failed: <command line>\n<stderr>": the helper's arguments and
 * whatever it printed (helpers print tokens and debug lines there) would
 * reach IPC, the activity log and the exported bug report. Our failures name
 * the profile and the kind of failure (exit code, timeout, not valid JSON,
 * wrong shape) and never carry the helper's output or command line.
 * The output format is the AWS CLI's: https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html
 */
import { exec } from 'node:child_process';
import type { AwsCredentialIdentity } from '@smithy/types';
import { WorkbenchCodes } from '../../shared/errors';
import { WorkbenchFailure } from '../../shared/errors';

export interface CredentialProcessOptions {
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Helpers that ask for nothing answer in well under a second; SSO-backed ones may open a browser. */
export const CREDENTIAL_PROCESS_TIMEOUT_MS = 60_000;

export async function runCredentialProcess(profile: string, command: string, options: CredentialProcessOptions = {}): Promise<AwsCredentialIdentity> {
  const timeoutMs = options.timeoutMs ?? CREDENTIAL_PROCESS_TIMEOUT_MS;
  const stdout = await new Promise<string>((resolve, reject) => {
    exec(command, { timeout: timeoutMs, maxBuffer: 1024 * 1024, ...(options.env ? { env: options.env } : {}) }, (error, out) => {
      if (!error) return resolve(out);
      const failure = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string };
      if (failure.killed && failure.signal) return reject(fail(profile, `did not answer within ${Math.round(timeoutMs / 1000)} s and was stopped`));
      if (typeof failure.code === 'number') return reject(fail(profile, `exited with code ${failure.code}`));
      if (failure.signal) return reject(fail(profile, `was ended by signal ${failure.signal}`));
      if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(fail(profile, 'printed more than 1 MB'));
      return reject(fail(profile, `could not be started (${typeof failure.code === 'string' ? failure.code : 'unknown reason'})`));
    });
  });
  return parseProcessOutput(profile, stdout);
}

/** Validates the helper's stdout as the SDK does (Version 1, both keys, a future Expiration). */
export function parseProcessOutput(profile: string, stdout: string, now = Date.now()): AwsCredentialIdentity {
  let data: unknown;
  try {
    data = JSON.parse(stdout.trim());
  } catch {
    throw fail(profile, 'printed output that is not valid JSON');
  }
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (d.Version !== 1) throw fail(profile, 'printed JSON without "Version": 1');
  if (typeof d.AccessKeyId !== 'string' || typeof d.SecretAccessKey !== 'string' || !d.AccessKeyId || !d.SecretAccessKey) {
    throw fail(profile, 'printed JSON without AccessKeyId and SecretAccessKey strings');
  }
  let expiration: Date | undefined;
  if (d.Expiration !== undefined) {
    expiration = new Date(String(d.Expiration));
    if (Number.isNaN(expiration.getTime())) throw fail(profile, 'printed an Expiration that is not a date');
    if (expiration.getTime() <= now) throw fail(profile, 'returned credentials that have already expired');
  }
  return {
    accessKeyId: d.AccessKeyId,
    secretAccessKey: d.SecretAccessKey,
    ...(typeof d.SessionToken === 'string' && d.SessionToken ? { sessionToken: d.SessionToken } : {}),
    ...(expiration ? { expiration } : {}),
  };
}

function fail(profile: string, what: string): WorkbenchFailure {
  return new WorkbenchFailure({
    code: WorkbenchCodes.CredentialsUnavailable,
    message: `The credential_process of profile "${profile}" ${what}. Its output is not shown because helpers can print secrets; run it in a terminal to see it.`,
    retryable: false,
  });
}
