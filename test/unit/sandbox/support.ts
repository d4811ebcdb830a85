/** Starts a sandbox on a free port and an SDK client pointed at it. */
import { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/main/sandbox';

export const PINPOINT_ARN = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/0123456789abcdef0123456789abcdef';
export const APNS_TOKEN = 'ab'.repeat(32);
export const FCM_TOKEN = `fcmInstance1:APA91b${'x'.repeat(140)}`;

export interface TestSandbox {
  readonly sandbox: RunningSandbox;
  readonly client: ChimeSDKIdentityClient;
  close(): Promise<void>;
}

export function clientFor(
  sandbox: RunningSandbox,
  options: { credentials?: { accessKeyId: string; secretAccessKey: string }; maxAttempts?: number } = {},
): ChimeSDKIdentityClient {
  return new ChimeSDKIdentityClient({
    endpoint: sandbox.url,
    region: 'us-east-1',
    credentials: options.credentials ?? SANDBOX_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
  });
}

/** Adds the Pinpoint app PINPOINT_ARN names, so endpoints registered with it stay ACTIVE after validation. */
export function addTestPinpointApp(sandbox: RunningSandbox): void {
  const id = PINPOINT_ARN.split('/')[1] ?? '';
  if (!sandbox.pinpoint.apps.has(id)) sandbox.pinpoint.apps.set(id, { id, arn: PINPOINT_ARN, name: 'Test app', tags: {}, created: Date.now(), channels: {} });
}

export async function startTestSandbox(options: SandboxOptions = {}, clientOptions: Parameters<typeof clientFor>[1] = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, ...options });
  addTestPinpointApp(sandbox);
  const client = clientFor(sandbox, clientOptions);
  return {
    sandbox,
    client,
    close: async () => {
      client.destroy();
      await sandbox.close();
    },
  };
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number }; Code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
