/**
 * The built `chime-workbench` (out/cli/index.js, plain Node, no tsx or
 * Electron) as a child process: the README's CI example run as written
 * (sandbox, simulated phone, smoke, deliveries, doctor), a real Ctrl-C during
 * `smoke`, the sandbox's own flags, and profiles that are missing or have no
 * SSO session.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { demo } from './support';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'out/cli/index.js');
let dir: string;
let sandbox: RunningSandbox;

/** A clean environment: no AWS profile of this machine, no colours. */
const baseEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: dir,
  NO_COLOR: '1',
  ...extra,
});

async function node(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: baseEnv(env), timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  // The file under test is the build's output: build it as `npm run build` does.
  await run(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
  dir = await mkdtemp(join(tmpdir(), 'cli-built-'));
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

test('it runs on plain Node: --version is the package version, --help lists the commands', async () => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
    bin: Record<string, string>;
  };
  expect(resolve(ROOT, pkg.bin['chime-workbench'] ?? '')).toBe(BIN);
  expect((await node(['--version'])).stdout.trim()).toBe(pkg.version);
  const help = await node(['--help']);
  expect(help.code).toBe(0);
  for (const command of [
    'endpoints',
    'await-state',
    'push',
    'doctor',
    'devices',
    'deliveries',
    'smoke',
    'sandbox',
    'completion',
  ])
    expect(help.stdout).toContain(`  ${command}`);
});

test("the README's CI example runs as written against the built CLI", async () => {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- ci-example:start -->\n```yaml\n([\s\S]*?)```\n<!-- ci-example:end -->/.exec(readme)?.[1] ?? '';
  const step = /- name: Smoke test on the sandbox\n\s+shell: bash\n(\s+)run: \|\n([\s\S]*)$/.exec(block);
  expect(step, 'the CI example has its smoke step').toBeTruthy();
  const indent = `${step?.[1] ?? ''}  `;
  const script = (step?.[2] ?? '')
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trim()))
    .join('\n');
  expect(script).toContain('chime-workbench smoke');
  // `npm link` puts chime-workbench on the PATH in the workflow; here a shim runs the built file.
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'chime-workbench'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(bin, 'chime-workbench'), 0o755);
  const work = join(dir, 'ci');
  await mkdir(work, { recursive: true });
  const { stdout } = await run('bash', ['-c', script], {
    cwd: work,
    env: baseEnv({ PATH: `${bin}:${process.env.PATH ?? ''}`, GITHUB_RUN_ID: '42' }),
    timeout: 90_000,
  });
  expect(stdout).toMatch(/ENDPOINT ID\s+NAME/);
  const deliveries = JSON.parse(await readFile(join(work, 'deliveries.json'), 'utf8')) as {
    deliveries: { Title: string; Via: string }[];
  };
  // The smoke's phone, and Alice's own simulated phones behind her demo endpoints.
  expect(deliveries.deliveries.length).toBeGreaterThan(0);
  for (const delivery of deliveries.deliveries) expect(delivery).toMatchObject({ Title: 'CI smoke 42', Via: 'CHIME' });
  const doctor = JSON.parse(await readFile(join(work, 'doctor.json'), 'utf8')) as {
    schemaVersion: number;
    endpoints: unknown[];
  };
  expect(doctor.schemaVersion).toBe(1);
  expect(doctor.endpoints).toHaveLength(2);
}, 120_000);

test('Ctrl-C during smoke stops the wait, deregisters the endpoint and exits 130', async () => {
  const d = demo(sandbox);
  const device = (await (
    await fetch(`${sandbox.url}/_sandbox/devices`, { method: 'POST', body: '{"Platform":"APNS_SANDBOX"}' })
  ).json()) as { DeviceToken: string };
  const endpoints = () => sandbox.state.user(d.user('bob'))?.endpoints.size ?? 0;
  const before = endpoints();
  // A VOIP push reaches VoIP tokens only: this phone never gets it, so smoke waits until interrupted.
  const child = spawn(
    process.execPath,
    [
      BIN,
      ...d.on(
        'smoke',
        '--user',
        d.user('bob'),
        '--pinpoint-arn',
        d.pinpointArn,
        '--type',
        'APNS_SANDBOX',
        '--token',
        device.DeviceToken,
        '--push-type',
        'VOIP',
        '--timeout',
        '60s',
      ),
    ],
    { env: baseEnv() },
  );
  let stderr = '';
  let interrupted = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // One Ctrl-C (a second one quits at once, without cleaning up).
    if (!interrupted && stderr.includes('3/4 Waiting')) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  expect(code).toBe(130);
  expect(stderr).toContain('4/4 Deregistered');
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(endpoints()).toBe(before);
}, 60_000);

test("sandbox takes the sandbox's own flags: --help, and a bad flag exits 2", async () => {
  const help = await node(['sandbox', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('Usage: chime-workbench sandbox [options]');
  const bad = await node(['sandbox', '--seed', 'nope']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--seed only knows "demo"');
});

test('a missing profile is bad usage (2); a profile without an SSO session is an AWS error (3) naming the login command', async () => {
  const config = join(dir, 'aws-config');
  await writeFile(
    config,
    '[profile sso-dev]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n',
  );
  const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
  const user = 'arn:aws:chime:us-east-1:123456789012:app-instance/x/user/y';
  const missing = await node(['--profile', 'nosuch', 'endpoints', 'list', '--user', user], env);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('Profile "nosuch" is not in');
  const none = await node(['endpoints', 'list', '--user', user], env);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('No AWS profile to use');
  const expired = await node(['--json', '--profile', 'sso-dev', 'endpoints', 'list', '--user', user], env);
  expect(expired.code).toBe(3);
  expect(expired.stderr).toContain('aws sso login --profile sso-dev');
  expect(JSON.parse(expired.stdout)).toMatchObject({
    schemaVersion: 1,
    error: { exitCode: 3, code: 'SsoTokenExpired' },
  });
});
