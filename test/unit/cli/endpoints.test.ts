/**
 * `endpoints …` and `await-state` in-process against one demo sandbox: the
 * register form's linter and normalisation, the JSON documents, the exit
 * codes (2 for the linter's refusal and bad usage, 3 with the AWS error's
 * code and request id, 1 for a wait that times out).
 */
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { cli, demo } from './support';

let sandbox: RunningSandbox;
let d: ReturnType<typeof demo>;
const HEX = 'ab'.repeat(32);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  d = demo(sandbox);
});
afterAll(async () => {
  await sandbox.close();
});

describe('endpoints', () => {
  test('list prints a table, and with --json one document with every endpoint', async () => {
    const text = await cli(d.on('endpoints', 'list', '--user', d.user('alice')));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ENDPOINT ID\s+NAME\s+TYPE\s+STATUS/);
    expect(text.stdout).toContain("Alice's iPhone");
    const json = await cli(d.on('--json', 'endpoints', 'list', '--user', d.user('alice')));
    expect(json.json()).toMatchObject({
      schemaVersion: 1,
      userArn: d.user('alice'),
      endpoints: expect.arrayContaining([
        expect.objectContaining({ name: "Alice's iPhone", type: 'APNS', status: 'ACTIVE', allowMessages: 'ALL' }),
      ]),
    });
    expect(json.stderr).toContain('Connected to the sandbox');
    expect(json.stdout).not.toContain('Connected');
  });

  test('--quiet drops the progress on stderr, not the result', async () => {
    const run = await cli(d.on('--quiet', 'endpoints', 'list', '--user', d.user('alice')));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain("Alice's iPhone");
  });

  test('a sandbox that does not answer is named in one line (exit 3)', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const run = await cli(['--endpoint-url', `http://127.0.0.1:${port}`, 'devices', 'list']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: fetch failed: .*ECONNREFUSED/);
  });

  test('register normalises the token, prints the EndpointId, and the same client request token answers the same endpoint', async () => {
    const spaced = `<${HEX.match(/.{8}/g)?.join(' ')}>`;
    const args = d.on(
      'endpoints',
      'register',
      '--user',
      d.user('carol'),
      '--type',
      'APNS',
      '--token',
      spaced,
      '--pinpoint-arn',
      d.pinpointArn,
      '--name',
      'CLI phone',
      '--client-request-token',
      'cli-test-1',
    );
    const first = await cli(args);
    expect(first.code).toBe(0);
    const id = first.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(first.stderr).toContain(`Normalised to ${HEX}`);
    expect((await cli(args)).stdout.trim()).toBe(id);
    const user = sandbox.state.user(d.user('carol'));
    expect(user?.endpoints.get(id)?.deviceToken).toBe(HEX);
  });

  test("a token the linter refuses exits 2 with the linter's words and registers nothing", async () => {
    const before = sandbox.state.user(d.user('bob'))?.endpoints.size;
    const fcmAsApns = await cli(
      d.on(
        'endpoints',
        'register',
        '--user',
        d.user('bob'),
        '--type',
        'APNS',
        '--token',
        `dA1:${'x'.repeat(150)}`,
        '--pinpoint-arn',
        d.pinpointArn,
      ),
    );
    expect(fcmAsApns.code).toBe(2);
    expect(fcmAsApns.stderr).toContain('--token: This looks like an FCM registration token; choose GCM.');
    const sns = await cli(
      d.on(
        '--json',
        'endpoints',
        'register',
        '--user',
        d.user('bob'),
        '--type',
        'APNS',
        '--token',
        HEX,
        '--pinpoint-arn',
        'arn:aws:sns:us-east-1:000000000000:app/APNS/x',
      ),
    );
    expect(sns.code).toBe(2);
    expect(sns.json()).toMatchObject({ schemaVersion: 1, error: { exitCode: 2, code: 'InvalidInput' } });
    expect(sns.stderr).toContain('This is an SNS ARN, not a Pinpoint app ARN');
    const otherAccount = await cli(
      d.on(
        'endpoints',
        'register',
        '--user',
        d.user('bob'),
        '--type',
        'APNS',
        '--token',
        HEX,
        '--pinpoint-arn',
        d.pinpointArn.replace(':000000000000:', ':123456789012:'),
      ),
    );
    expect(otherAccount.code).toBe(2);
    expect(otherAccount.stderr).toContain(
      'This Pinpoint app is in account 123456789012, but you are signed in to account 000000000000.',
    );
    expect(sandbox.state.user(d.user('bob'))?.endpoints.size).toBe(before);
  });

  test('update changes the name and AllowMessages; update without a change is bad usage', async () => {
    const id = (
      await cli(
        d.on(
          'endpoints',
          'register',
          '--user',
          d.user('carol'),
          '--type',
          'APNS_SANDBOX',
          '--token',
          'cd'.repeat(32),
          '--pinpoint-arn',
          d.pinpointArn,
        ),
      )
    ).stdout.trim();
    const updated = await cli(
      d.on(
        '--json',
        'endpoints',
        'update',
        '--user',
        d.user('carol'),
        '--endpoint-id',
        id,
        '--name',
        'Renamed',
        '--allow-messages',
        'NONE',
      ),
    );
    expect(updated.code).toBe(0);
    expect(updated.json()).toEqual({ schemaVersion: 1, userArn: d.user('carol'), endpointId: id, updated: true });
    const endpoint = sandbox.state.user(d.user('carol'))?.endpoints.get(id);
    expect([endpoint?.name, endpoint?.allowMessages]).toEqual(['Renamed', 'NONE']);
    expect((await cli(d.on('endpoints', 'update', '--user', d.user('carol'), '--endpoint-id', id))).code).toBe(2);
  });

  test('deregister by id, and by --token (found through the normalised token)', async () => {
    const token = 'ef'.repeat(32);
    const id = (
      await cli(
        d.on(
          'endpoints',
          'register',
          '--user',
          d.user('carol'),
          '--type',
          'APNS',
          '--token',
          token,
          '--pinpoint-arn',
          d.pinpointArn,
        ),
      )
    ).stdout.trim();
    const byToken = await cli(
      d.on(
        '--json',
        'endpoints',
        'deregister',
        '--user',
        d.user('carol'),
        '--token',
        token.toUpperCase().match(/.{8}/g)?.join(' ') ?? '',
      ),
    );
    expect(byToken.code).toBe(0);
    expect(byToken.json()).toMatchObject({ deregistered: [id] });
    expect(sandbox.state.user(d.user('carol'))?.endpoints.has(id)).toBe(false);
    expect((await cli(d.on('endpoints', 'deregister', '--user', d.user('carol'), '--token', token))).code).toBe(2);

    const other = (
      await cli(
        d.on(
          'endpoints',
          'register',
          '--user',
          d.user('carol'),
          '--type',
          'APNS',
          '--token',
          token,
          '--pinpoint-arn',
          d.pinpointArn,
        ),
      )
    ).stdout.trim();
    expect((await cli(d.on('endpoints', 'deregister', '--user', d.user('carol'), '--endpoint-id', other))).code).toBe(
      0,
    );
    expect(sandbox.state.user(d.user('carol'))?.endpoints.has(other)).toBe(false);
    expect((await cli(d.on('endpoints', 'deregister', '--user', d.user('carol')))).code).toBe(2);
  });

  test("an AWS error exits 3 with the service's code and the request id", async () => {
    const missing = `${sandbox.demoAppInstanceArn}/user/nobody`;
    const run = await cli(d.on('--json', 'endpoints', 'list', '--user', missing));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/error: ListAppInstanceUserEndpoints: NotFoundException: .* \(request id [\w-]+\)/);
    expect(run.json()).toMatchObject({
      schemaVersion: 1,
      error: { exitCode: 3, code: 'NotFoundException', requestId: expect.any(String) },
    });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('throttling that outlasts the retries is an AWS error (exit 3, ThrottledClientException)', async () => {
    sandbox.controls.setFaults('throttle=1');
    try {
      const run = await cli(d.on('endpoints', 'list', '--user', d.user('alice')));
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('ThrottledClientException');
    } finally {
      sandbox.controls.setFaults('');
    }
  });
});

describe('await-state', () => {
  const endpointOf = (userId: string) =>
    [...(sandbox.state.user(d.user(userId))?.endpoints.values() ?? [])][0]?.id ?? '';

  test('answers at once when the endpoint already has the state', async () => {
    const run = await cli(
      d.on(
        '--json',
        'await-state',
        '--user',
        d.user('dave'),
        '--endpoint-id',
        endpointOf('dave'),
        '--status',
        'INACTIVE',
        '--timeout',
        '5s',
      ),
    );
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({
      schemaVersion: 1,
      endpointId: endpointOf('dave'),
      reached: true,
      status: 'INACTIVE',
      statusReason: 'INVALID_DEVICE_TOKEN',
    });
  });

  test('waits for a change, with progress on stderr', async () => {
    const id = endpointOf('frank');
    const waiting = cli(
      d.on(
        'await-state',
        '--user',
        d.user('frank'),
        '--endpoint-id',
        id,
        '--status',
        'INACTIVE',
        '--timeout',
        '10s',
        '--interval',
        '100ms',
      ),
    );
    setTimeout(
      () =>
        sandbox.controls.setEndpointState(d.user('frank'), id, {
          Status: 'INACTIVE',
          StatusReason: 'INVALID_DEVICE_TOKEN',
        }),
      300,
    );
    const run = await waiting;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${id}: ACTIVE, waiting for INACTIVE`);
    expect(run.stdout.trim()).toBe(`${id}: INACTIVE (INVALID_DEVICE_TOKEN)`);
    sandbox.controls.setEndpointState(d.user('frank'), id, undefined);
  });

  test('a timeout exits 1 with the last state', async () => {
    const id = endpointOf('bob');
    const run = await cli(
      d.on(
        '--json',
        'await-state',
        '--user',
        d.user('bob'),
        '--endpoint-id',
        id,
        '--status',
        'INACTIVE',
        '--timeout',
        '300ms',
        '--interval',
        '100ms',
      ),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`did not reach INACTIVE within 300ms; last state: ACTIVE`);
    expect(run.json()).toMatchObject({
      schemaVersion: 1,
      error: { exitCode: 1, code: 'Timeout', endpointId: id, wanted: 'INACTIVE', last: { status: 'ACTIVE' } },
    });
  });

  test('an endpoint that is not there is reported as such, and a bad duration is bad usage', async () => {
    const run = await cli(
      d.on(
        'await-state',
        '--user',
        d.user('bob'),
        '--endpoint-id',
        'f'.repeat(32),
        '--status',
        'ACTIVE',
        '--timeout',
        '200ms',
        '--interval',
        '100ms',
      ),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('last state: not registered');
    const bad = await cli(
      d.on('await-state', '--user', d.user('bob'), '--endpoint-id', 'x', '--status', 'ACTIVE', '--timeout', 'soon'),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--timeout needs a duration such as 60s');
  });
});
