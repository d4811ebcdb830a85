/**
 * kill -9 under write load, several times: every write the sandbox answered
 * before the kill is there after the restart, and no file is set aside.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { afterEach, expect, test } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../../src/main/sandbox';

const CLI = join(import.meta.dirname, '../../../src/main/sandbox/cli.ts');
let dir = '';
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

function start(dataFile: string): Promise<{ url: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', dataFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve({ url: m[0], process: p });
    });
    p.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    p.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${err}`)));
  });
}

test('every acknowledged write survives kill -9; nothing is set aside', { timeout: 90_000 }, async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-crash-'));
  const dataFile = join(dir, 'state.json');
  const acknowledged: string[] = [];
  let n = 0;
  for (let round = 0; round < 4; round++) {
    const running = await start(dataFile);
    child = running.process;
    const client = new sdk.ChimeSDKIdentityClient({ endpoint: running.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
    // The previous rounds' writes are all there.
    const names = new Set<string>();
    let NextToken: string | undefined;
    do {
      const page = await client.send(new sdk.ListAppInstancesCommand({ MaxResults: 50, NextToken }));
      for (const i of page.AppInstances ?? []) names.add(i.AppInstanceArn ?? '');
      NextToken = page.NextToken;
    } while (NextToken);
    expect(acknowledged.filter((arn) => !names.has(arn))).toEqual([]);

    // Write load from 8 writers; kill -9 while requests are in flight.
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          const { AppInstanceArn = '' } = await client.send(new sdk.CreateAppInstanceCommand({ Name: `w${n++}` }));
          acknowledged.push(AppInstanceArn);
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    await new Promise((resolve) => setTimeout(resolve, 300 + round * 100));
    const exited = new Promise((resolve) => running.process.once('exit', resolve));
    running.process.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await exited;
    client.destroy();
  }
  expect(acknowledged.length).toBeGreaterThan(20);

  const last = await start(dataFile);
  child = last.process;
  const client = new sdk.ChimeSDKIdentityClient({ endpoint: last.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
  const names = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await client.send(new sdk.ListAppInstancesCommand({ MaxResults: 50, NextToken }));
    for (const i of page.AppInstances ?? []) names.add(i.AppInstanceArn ?? '');
    NextToken = page.NextToken;
  } while (NextToken);
  client.destroy();
  expect(acknowledged.filter((arn) => !names.has(arn))).toEqual([]);
  const exited = new Promise((resolve) => last.process.once('exit', resolve));
  last.process.kill('SIGTERM');
  await exited;
  // No `.corrupt-` file, and the temp files of killed processes were cleaned up.
  expect(await readdir(dir)).toEqual(['state.json']);
});
