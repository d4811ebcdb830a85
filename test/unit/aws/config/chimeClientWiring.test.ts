/**
 * The client factory with resolveClientConfig: the Identity client of profile
 * "dev" goes where dev's shared config says (its services section), with dev's
 * retries, not where AWS_PROFILE/default's settings point.
 */
import { ListAppInstancesCommand } from '@aws-sdk/client-chime-sdk-identity';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createChimeClient } from '../../../../src/main/aws/chimeClient';
import { resolveClientConfig } from '../../../../src/main/aws/config';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';

let home: AwsHome;
const hits: Record<string, number> = { dev: 0, other: 0 };
const servers: Server[] = [];

async function recorder(name: string): Promise<string> {
  // Answers 503 so the retries are visible in the attempt count.
  const server = createServer((req, res) => {
    hits[name] = (hits[name] ?? 0) + 1;
    req.resume();
    res
      .writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailableException' })
      .end('{"Message":"down"}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const dev = await recorder('dev');
  const other = await recorder('other');
  home = await makeAwsHome({
    config: `
[default]
endpoint_url = ${other}
max_attempts = 5

[profile dev]
region = eu-central-1
services = local
retry_mode = standard
max_attempts = 2

[services local]
chime_sdk_identity =
  endpoint_url = ${dev}
`,
  });
});

afterAll(async () => {
  await home.remove();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

it('sends the Identity client of "dev" to dev\'s services endpoint with dev\'s max_attempts', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, envFor(home), { AWS_PROFILE: 'default' });
  try {
    const { config } = await resolveClientConfig('dev', 'identity', {
      env: envFor(home, { AWS_PROFILE: 'default' }),
      homeDir: home.home,
    });
    const client = createChimeClient({
      region: 'ignored-1',
      credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 's' }),
      resolved: config,
      profile: 'dev',
    });
    const error = (await client.send(new ListAppInstancesCommand({})).catch((e: unknown) => e)) as {
      $metadata?: { attempts?: number };
    };
    client.destroy();
    expect(error.$metadata?.attempts).toBe(2);
    expect(hits).toEqual({ dev: 2, other: 0 });
    expect(await client.config.region()).toBe('eu-central-1');
  } finally {
    process.env = saved;
  }
});
