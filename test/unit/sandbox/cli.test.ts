/** The CLI as a user runs it: a child process that prints its URL, serves, and stops on SIGTERM. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { expect, test } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../../src/main/sandbox';

const CLI = join(process.cwd(), 'src', 'main', 'sandbox', 'cli.ts');

// Node with tsx as a loader, not the tsx binary: the binary runs the CLI in a child process and relays signals,
// and under load the SIGTERM reached it before the relay was in place (exit 143 in one run in several).
function run(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

test('prints one line with http://127.0.0.1:N, serves the demo, flushes --data and exits 0 on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
  const child = run(['--port', '0', '--seed', 'demo', '--data', join(dir, 'state.json'), '--region', 'eu-west-1']);
  try {
    const [line = ''] = (await once(createInterface({ input: child.stdout }), 'line')) as string[];
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(url).toBeDefined();
    const client = new sdk.ChimeSDKIdentityClient({ endpoint: url, region: 'eu-west-1', credentials: SANDBOX_CREDENTIALS });
    const list = await client.send(new sdk.ListAppInstancesCommand({}));
    expect(list.AppInstances?.[0]?.Name).toBe('Demo push app');
    expect(list.AppInstances?.[0]?.AppInstanceArn).toMatch(/^arn:aws:chime:eu-west-1:000000000000:app-instance\//);
    client.destroy();

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')).appInstances).toHaveLength(1);
  } finally {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

test.each([
  [['--port', 'abc'], /--port needs an integer/],
  [['--bogus'], /Unknown option '--bogus'/],
  [['--seed', 'lots'], /--seed only knows "demo"/],
  [['--faults', 'throttle=7'], /--faults: .*between 0 and 1/],
  [['--access-key', 'K'], /go together/],
])('bad flags %j: a clear message and exit code 2', async (args, message) => {
  const child = run(args);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(child, 'exit');
  expect(code).toBe(2);
  expect(stderr).toMatch(message);
  expect(stderr).toMatch(/Usage: npm run sandbox/);
});
