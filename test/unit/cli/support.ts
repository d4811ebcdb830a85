/** Runs `chime-workbench` in-process (runCli) and captures what it writes; the demo sandbox's names. */
import { runCli } from '../../../src/main/cli/program';
import { DEMO_PINPOINT_APP_ID, SANDBOX_ACCOUNT_ID, type RunningSandbox } from '../../../src/main/sandbox';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as the one JSON document `--json` prints. */
  json<T = Record<string, unknown>>(): T;
}

export interface CliCall {
  readonly env?: Record<string, string | undefined>;
  readonly signal?: AbortSignal;
}

export async function cli(args: readonly string[], call: CliCall = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    // No AWS profile of the machine running the tests may leak in.
    env: {
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      ...call.env,
    },
    ...(call.signal && { signal: call.signal }),
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

export const demo = (sandbox: RunningSandbox) => ({
  user: (id: string) => `${sandbox.demoAppInstanceArn}/user/${id}`,
  pinpointArn: `arn:aws:mobiletargeting:${sandbox.region}:${SANDBOX_ACCOUNT_ID}:apps/${DEMO_PINPOINT_APP_ID}`,
  /** `--endpoint-url URL` and the rest. */
  on: (...args: string[]) => ['--endpoint-url', sandbox.url, ...args],
});
