/**
 * Per-profile settings from temp ~/.aws files, proven by where real SDK
 * clients send their requests: two loopback STS servers (the sandbox's STS
 * handler) stand for "the endpoint of default" and "the endpoint of dev".
 */
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { ChimeSDKIdentityClient, ListAppInstancesCommand } from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveClientConfig, type ClientConfigResolution } from '../../../../src/main/aws/config';
import { IamState } from '../../../../src/main/sandbox/iam';
import { handleSts, IssuedCredentials, matchesSts } from '../../../../src/main/sandbox/sts';
import { startServiceServer, type ServiceServer } from '../support/serviceServer';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';

const KEYS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' };
let serverDefault: ServiceServer;
let serverDev: ServiceServer;
let home: AwsHome | undefined;
const opened: { destroy(): void }[] = [];

async function stsServer(): Promise<ServiceServer> {
  const ctx = {
    now: () => Date.now(),
    region: 'us-east-1',
    accountId: '000000000000',
    iam: new IamState(),
    credentials: new IssuedCredentials(),
  };
  return startServiceServer([{ matches: matchesSts, handle: (r) => handleSts(r, ctx) }]);
}

beforeAll(async () => {
  serverDefault = await stsServer();
  serverDev = await stsServer();
});
afterAll(async () => {
  await serverDefault.close();
  await serverDev.close();
});
afterEach(async () => {
  while (opened.length) opened.pop()?.destroy();
  await home?.remove();
  home = undefined;
  serverDefault.requests.length = 0;
  serverDev.requests.length = 0;
});

async function withHome(config: string, credentials = ''): Promise<AwsHome> {
  home = await makeAwsHome({ config, credentials });
  return home;
}

async function resolved(
  profile: string,
  service: Parameters<typeof resolveClientConfig>[1],
  env: Record<string, string>,
  extra = {},
): Promise<ClientConfigResolution> {
  const r = await resolveClientConfig(profile, service, { env, homeDir: home?.home ?? '/nonexistent', ...extra });
  opened.push(r);
  return r;
}

async function whoAmI(config: STSClientConfig): Promise<void> {
  const client = new STSClient({ ...config, credentials: KEYS });
  opened.push(client);
  await client.send(new GetCallerIdentityCommand({}));
}

/** Runs `send` with a middleware that stops before the network and reports the URL the client chose. */
async function targetOf(client: STSClient | ChimeSDKIdentityClient, send: () => Promise<unknown>): Promise<string> {
  (client.middlewareStack as STSClient['middlewareStack']).add(
    () => async (args) => {
      const r = args.request as { protocol: string; hostname: string; port?: number; path: string };
      throw Object.assign(new Error('stop'), { target: `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}` });
    },
    { step: 'finalizeRequest', name: 'stopBeforeSend', priority: 'low' },
  );
  try {
    await send();
  } catch (e) {
    const target = (e as { target?: string }).target;
    if (target) return target;
    throw e;
  }
  throw new Error('the request was sent');
}

const TWO_ENDPOINTS = () => `
[default]
region = eu-west-1
endpoint_url = ${serverDefault.url}

[profile dev]
region = us-east-1
endpoint_url = ${serverDev.url}

[profile other]
aws_access_key_id = x
`;

describe('the SDK trap and the fix', () => {
  it('a client built with profile "dev" takes endpoint_url from default (the trap), resolveClientConfig sends it to dev', async () => {
    const h = await withHome(TWO_ENDPOINTS());
    const saved = { ...process.env };
    Object.assign(process.env, envFor(h));
    delete process.env['AWS_PROFILE'];
    delete process.env['AWS_ENDPOINT_URL'];
    delete process.env['AWS_ENDPOINT_URL_STS'];
    try {
      await whoAmI({ profile: 'dev', region: 'us-east-1', maxAttempts: 1 });
      expect(serverDefault.requests).toHaveLength(1);
      expect(serverDev.requests).toHaveLength(0);

      const { config } = await resolved('dev', 'sts', envFor(h));
      await whoAmI(config);
      expect(serverDev.requests).toHaveLength(1);
      expect(serverDefault.requests).toHaveLength(1);
    } finally {
      process.env = saved;
    }
  });

  it("a profile without endpoint_url does not inherit default's, even with AWS_PROFILE=default in the process environment", async () => {
    const h = await withHome(TWO_ENDPOINTS());
    const saved = { ...process.env };
    Object.assign(process.env, envFor(h), { AWS_PROFILE: 'default' });
    try {
      const r = await resolved('other', 'sts', envFor(h, { AWS_PROFILE: 'default' }));
      expect(r.config.endpoint).toBeUndefined();
      expect(r.config.region).toBe('us-east-1'); // no region anywhere for "other": not default's eu-west-1
      expect(r.settings.region).toBeUndefined();
      const client = new STSClient({ ...r.config, credentials: KEYS });
      opened.push(client);
      expect(await targetOf(client, () => client.send(new GetCallerIdentityCommand({})))).toBe(
        'https://sts.us-east-1.amazonaws.com',
      );
    } finally {
      process.env = saved;
    }
  });
});

describe('configured endpoints', () => {
  const config = () => `
[profile svc]
services = local
endpoint_url = ${serverDefault.url}

[services local]
sts =
  endpoint_url = ${serverDev.url}

[profile ignoring]
endpoint_url = ${serverDev.url}
ignore_configured_endpoint_urls = true

[profile dangling]
services = missing
`;

  it('the services section wins over the profile endpoint_url for its service only', async () => {
    const h = await withHome(config());
    const sts = await resolved('svc', 'sts', envFor(h));
    expect(sts.config.endpoint).toBe(serverDev.url);
    expect(sts.explanation.find((e) => e.setting === 'endpoint_url')?.from).toBe(
      `[services local] sts.endpoint_url in ${h.configFile}`,
    );
    await whoAmI(sts.config);
    expect(serverDev.requests).toHaveLength(1);
    const identity = await resolved('svc', 'identity', envFor(h));
    expect(identity.config.endpoint).toBe(serverDefault.url);
  });

  it('AWS_ENDPOINT_URL_<SERVICE> beats AWS_ENDPOINT_URL, which beats the files', async () => {
    const h = await withHome(config());
    const both = envFor(h, {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_CHIME_SDK_IDENTITY: 'http://127.0.0.1:2',
    });
    expect((await resolved('svc', 'identity', both)).config.endpoint).toBe('http://127.0.0.1:2');
    expect((await resolved('svc', 'sts', both)).config.endpoint).toBe('http://127.0.0.1:1');
    expect((await resolved('svc', 'sts', both)).explanation.find((e) => e.setting === 'endpoint_url')?.from).toBe(
      'environment variable AWS_ENDPOINT_URL',
    );
  });

  it('ignore_configured_endpoint_urls in the profile or the environment drops them all', async () => {
    const h = await withHome(config());
    const r = await resolved('ignoring', 'sts', envFor(h));
    expect(r.config.endpoint).toBeUndefined();
    const client = new STSClient({ ...r.config, credentials: KEYS });
    opened.push(client);
    expect(await targetOf(client, () => client.send(new GetCallerIdentityCommand({})))).toBe(
      'https://sts.us-east-1.amazonaws.com',
    );
    const env = envFor(h, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    expect((await resolved('svc', 'sts', env)).config.endpoint).toBeUndefined();
    // The app's own endpoint (the sandbox) still applies, as --endpoint-url does for the CLI.
    expect((await resolved('svc', 'sts', env, { endpointOverride: serverDev.url })).config.endpoint).toBe(
      serverDev.url,
    );
  });

  it('a services name without its section is an error naming the profile and the setting', async () => {
    const h = await withHome(config());
    await expect(resolveClientConfig('dangling', 'sts', { env: envFor(h) })).rejects.toThrow(
      /Profile "dangling" names services = missing, but .* has no \[services missing\] section/,
    );
  });
});

describe('region, FIPS, dual-stack and retries', () => {
  const config = `
[default]
region = eu-west-1
use_fips_endpoint = true
retry_mode = standard
max_attempts = 7

[profile base]
region = ap-southeast-2

[profile mid]
role_arn = arn:aws:iam::111122223333:role/Mid
source_profile = base

[profile top]
role_arn = arn:aws:iam::111122223333:role/Top
source_profile = mid

[profile fips]
region = us-west-2
use_fips_endpoint = true

[profile dual]
region = us-west-2
use_dualstack_endpoint = true

[profile retries]
region = us-east-1
retry_mode = standard
max_attempts = 2

[profile plain]
region = us-east-1

[profile bad]
max_attempts = lots
`;

  it('region: AWS_REGION, then AWS_DEFAULT_REGION, then the profile, then its source_profile chain', async () => {
    const h = await withHome(config);
    expect((await resolved('top', 'sts', envFor(h))).explanation[0]).toEqual({
      setting: 'region',
      value: 'ap-southeast-2',
      from: `profile "base", region (via source_profile) in ${h.configFile}`,
    });
    expect((await resolved('plain', 'sts', envFor(h, { AWS_DEFAULT_REGION: 'sa-east-1' }))).config.region).toBe(
      'sa-east-1',
    );
    expect(
      (await resolved('plain', 'sts', envFor(h, { AWS_DEFAULT_REGION: 'sa-east-1', AWS_REGION: 'ca-central-1' })))
        .config.region,
    ).toBe('ca-central-1');
    expect(
      (await resolved('plain', 'sts', envFor(h, { AWS_REGION: 'ca-central-1' }), { regionOverride: 'eu-north-1' }))
        .config.region,
    ).toBe('eu-north-1');
  });

  it("use_fips_endpoint and use_dualstack_endpoint change the host the client calls; default's FIPS does not leak", async () => {
    const h = await withHome(config);
    const host = async (profile: string) => {
      const client = new STSClient({ ...(await resolved(profile, 'sts', envFor(h))).config, credentials: KEYS });
      opened.push(client);
      return targetOf(client, () => client.send(new GetCallerIdentityCommand({})));
    };
    expect(await host('fips')).toBe('https://sts-fips.us-west-2.amazonaws.com');
    expect(await host('dual')).toBe('https://sts.us-west-2.api.aws');
    expect(await host('plain')).toBe('https://sts.us-east-1.amazonaws.com');
    const identity = new ChimeSDKIdentityClient({
      ...(await resolved('fips', 'identity', envFor(h))).config,
      credentials: KEYS,
    });
    opened.push(identity);
    expect(await targetOf(identity, () => identity.send(new ListAppInstancesCommand({})))).toBe(
      'https://identity-chime-fips.us-west-2.amazonaws.com',
    );
  });

  it("max_attempts and retry_mode of the profile drive the retries; app defaults when absent; not default's", async () => {
    const h = await withHome(
      config.replace('[profile retries]', `[profile retries]\nendpoint_url = http://127.0.0.1:9`),
    );
    const r = await resolved('retries', 'sts', envFor(h), { timeoutMs: 2000 });
    expect(r.config).toMatchObject({ retryMode: 'standard', maxAttempts: 2 });
    const client = new STSClient({ ...r.config, credentials: KEYS });
    opened.push(client);
    const failure = (await client.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)) as {
      $metadata?: { attempts?: number };
    };
    expect(failure.$metadata?.attempts).toBe(2);
    const plain = await resolved('plain', 'sts', envFor(h));
    expect(plain.config).toMatchObject({ retryMode: 'adaptive', maxAttempts: 3 });
    expect(plain.explanation.find((e) => e.setting === 'max_attempts')?.from).toBe('the app default');
    expect((await resolved('plain', 'sts', envFor(h, { AWS_MAX_ATTEMPTS: '5' }))).config.maxAttempts).toBe(5);
  });

  it('an unknown profile is an error, not silent defaults', async () => {
    const h = await withHome(config);
    await expect(resolveClientConfig('nope', 'sts', { env: envFor(h) })).rejects.toThrow(
      `Profile "nope" is not in ${h.configFile} or ${h.credentialsFile}.`,
    );
  });

  it('a malformed max_attempts names the profile and the key', async () => {
    const h = await withHome(config);
    await expect(resolveClientConfig('bad', 'sts', { env: envFor(h) })).rejects.toThrow(
      /Profile "bad": max_attempts is not valid/,
    );
  });
});
