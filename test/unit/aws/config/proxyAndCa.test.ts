/**
 * HTTPS_PROXY / NO_PROXY and ca_bundle / AWS_CA_BUNDLE, proven with a real
 * STSClient built from resolveClientConfig: a CONNECT proxy that counts its
 * tunnels, an HTTPS sandbox STS with a certificate from a CA made here, and a
 * host name only the proxy can resolve.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  proxyFromEnv,
  proxyFromPacResult,
  resolveClientConfig,
  type ClientConfigResolution,
} from '../../../../src/main/aws/config';
import { IamState } from '../../../../src/main/sandbox/iam';
import { handleSts, IssuedCredentials } from '../../../../src/main/sandbox/sts';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';
import {
  makePki,
  startConnectProxy,
  startHttpService,
  startHttpsService,
  type ConnectProxy,
  type Listening,
  type TestPki,
} from './tlsProxy';

const KEYS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' };
const HOST = 'sts.corp-gateway.test';
let pki: TestPki;
let sts: Listening & { requests: number };
let plainSts: Listening & { requests: number };
let proxy: ConnectProxy;
let home: AwsHome;
let caFile: string;
let otherCaFile: string;
const opened: { destroy(): void }[] = [];

beforeAll(async () => {
  pki = makePki([HOST, '127.0.0.1']);
  const ctx = {
    now: () => Date.now(),
    region: 'us-east-1',
    accountId: '000000000000',
    iam: new IamState(),
    credentials: new IssuedCredentials(),
  };
  sts = await startHttpsService(pki, (r) => handleSts(r, ctx));
  plainSts = await startHttpService((r) => handleSts(r, ctx));
  proxy = await startConnectProxy();
  home = await makeAwsHome({
    config: `
[profile corp]
region = us-east-1
endpoint_url = https://${HOST}:${sts.port}
ca_bundle = CA_FILE

[profile nocab]
region = us-east-1
endpoint_url = https://${HOST}:${sts.port}

[profile wrongca]
region = us-east-1
endpoint_url = https://${HOST}:${sts.port}
ca_bundle = OTHER_CA_FILE

[profile local]
region = us-east-1
endpoint_url = https://127.0.0.1:${sts.port}
ca_bundle = CA_FILE

[profile missingca]
region = us-east-1
ca_bundle = /nonexistent/ca.pem

[profile plain]
region = us-east-1
endpoint_url = http://${HOST}:PLAIN_PORT

[profile closed]
region = us-east-1
endpoint_url = http://127.0.0.1:9
`,
  });
  caFile = join(home.home, 'ca.pem');
  otherCaFile = join(home.home, 'other-ca.pem');
  writeFileSync(caFile, pki.caPem);
  writeFileSync(otherCaFile, pki.otherCaPem);
  const { readFileSync } = await import('node:fs');
  writeFileSync(
    home.configFile,
    readFileSync(home.configFile, 'utf8').replaceAll('PLAIN_PORT', String(plainSts.port)).replaceAll('OTHER_CA_FILE', otherCaFile).replaceAll('CA_FILE', caFile),
  );
});

afterAll(async () => {
  await sts.close();
  await plainSts.close();
  await proxy.close();
  await home.remove();
});

afterEach(() => {
  while (opened.length) opened.pop()?.destroy();
  proxy.tunnels.length = 0;
  proxy.forwarded.length = 0;
  proxy.refuse = false;
  proxy.auth = undefined;
});

async function call(
  profile: string,
  env: Record<string, string>,
): Promise<{ r: ClientConfigResolution; result: unknown }> {
  const r = await resolveClientConfig(profile, 'sts', { env: envFor(home, env), homeDir: home.home, timeoutMs: 5000 });
  opened.push(r);
  const client = new STSClient({ ...r.config, maxAttempts: 1, credentials: KEYS });
  opened.push(client);
  const result = await client.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
  return { r, result };
}

const proxyEnv = () => ({ HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` });

describe('through a CONNECT proxy', () => {
  it("reaches a host only the proxy can resolve, trusting the profile's ca_bundle", async () => {
    const before = sts.requests;
    const { r, result } = await call('corp', proxyEnv());
    expect(result).toMatchObject({ Account: '000000000000' });
    expect(proxy.tunnels).toEqual([`${HOST}:${sts.port}`]);
    expect(sts.requests).toBe(before + 1);
    expect(r.explanation.find((e) => e.setting === 'proxy')?.value).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(r.explanation.find((e) => e.setting === 'ca_bundle')).toEqual({
      setting: 'ca_bundle',
      value: caFile,
      from: `profile "corp", ca_bundle in ${home.configFile}`,
    });
  });

  it('lower-case https_proxy and AWS_CA_BUNDLE work too', async () => {
    const { result } = await call('nocab', { https_proxy: `127.0.0.1:${proxy.port}`, AWS_CA_BUNDLE: caFile });
    expect(result).toMatchObject({ Account: '000000000000' });
    expect(proxy.tunnels).toHaveLength(1);
  });

  it('NO_PROXY and loopback targets go direct', async () => {
    const { result } = await call('local', proxyEnv());
    expect(result).toMatchObject({ Account: '000000000000' });
    expect(proxy.tunnels).toHaveLength(0);
    const bypass = await call('corp', { ...proxyEnv(), NO_PROXY: '.corp-gateway.test' });
    // Direct, the name does not resolve: it was not sent to the proxy.
    expect(proxy.tunnels).toHaveLength(0);
    expect(bypass.r.explainFailure(bypass.result)?.message).toMatch(
      new RegExp(
        `Cannot reach https://${HOST}:${sts.port} \\(endpoint_url from profile "corp", endpoint_url in .*\\) for profile "corp" \\((ENOTFOUND|EAI_AGAIN)\\)`,
      ),
    );
  });

  it('a certificate from a CA not in the bundle fails with a message naming the CA problem and the profile', async () => {
    const none = await call('nocab', proxyEnv());
    expect(none.r.explainFailure(none.result)?.message).toMatch(
      /^The TLS certificate of https:\/\/sts\.corp-gateway\.test:\d+ did not verify \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)\. No ca_bundle is set for profile "nocab"/,
    );
    const wrong = await call('wrongca', proxyEnv());
    expect(wrong.r.explainFailure(wrong.result)?.message).toContain(
      `The CA bundle ${otherCaFile} (profile "wrongca", ca_bundle in ${home.configFile}) does not hold the certificate's issuer.`,
    );
  });

  it('a refused tunnel names the proxy (without its password), not the service', async () => {
    proxy.refuse = true;
    const { r, result } = await call('corp', { HTTPS_PROXY: `http://alice:s3cret-pw@127.0.0.1:${proxy.port}` });
    const error = r.explainFailure(result);
    expect(error?.message).toMatch(
      new RegExp(
        `^The proxy http://alice:\\*\\*\\*@127\\.0\\.0\\.1:${proxy.port} refused to open a tunnel to ${HOST.replaceAll('.', '\\.')}:${sts.port} \\(HTTP 403\\)`,
      ),
    );
    expect(JSON.stringify(error)).not.toContain('s3cret-pw');
    expect(JSON.stringify(r.explanation)).not.toContain('s3cret-pw');
  });

  it('proxy credentials from the URL are sent; missing ones give a 407 message', async () => {
    proxy.auth = 'alice:pw';
    const good = await call('corp', { HTTPS_PROXY: `http://alice:pw@127.0.0.1:${proxy.port}` });
    expect(good.result).toMatchObject({ Account: '000000000000' });
    const bad = await call('corp', proxyEnv());
    expect(bad.r.explainFailure(bad.result)?.message).toContain('(HTTP 407: it wants proxy credentials)');
  });

  it('a plain-HTTP endpoint goes through HTTP_PROXY by forwarding (no CONNECT), and is not taken for a refusal', async () => {
    const { result } = await call('plain', { HTTP_PROXY: `http://127.0.0.1:${proxy.port}` });
    expect(result).toMatchObject({ Account: '000000000000' });
    expect(proxy.forwarded).toEqual([`POST http://${HOST}:${plainSts.port}/`]);
    expect(proxy.tunnels).toHaveLength(0);
  });

  it('a proxy that is not listening is named as such', async () => {
    const { r, result } = await call('corp', { HTTPS_PROXY: 'http://127.0.0.1:9' });
    expect(r.explainFailure(result)?.message).toMatch(
      /^Cannot reach the proxy http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\), which .* names for calls of profile "corp"\.$/,
    );
  });
});

describe('configuration errors', () => {
  it('a ca_bundle that cannot be read names the profile, the setting and the path', async () => {
    await expect(resolveClientConfig('missingca', 'sts', { env: envFor(home), homeDir: home.home })).rejects.toThrow(
      'Profile "missingca": ca_bundle points at /nonexistent/ca.pem, which cannot be read (ENOENT).',
    );
    await expect(
      resolveClientConfig('corp', 'sts', { env: envFor(home, { AWS_CA_BUNDLE: home.configFile }), homeDir: home.home }),
    ).rejects.toThrow(/Profile "corp": AWS_CA_BUNDLE file .* holds no PEM certificate/);
  });

  it('an unreachable endpoint names it and where it was configured', async () => {
    const { r, result } = await call('closed', {});
    expect(r.explainFailure(result)?.message).toBe(
      `Cannot reach http://127.0.0.1:9 (endpoint_url from profile "closed", endpoint_url in ${home.configFile}) for profile "closed" (ECONNREFUSED).`,
    );
  });
});

describe('proxy selection rules', () => {
  it('reads the environment as curl does, and never proxies loopback', () => {
    const env = {
      https_proxy: 'http://lower:1',
      HTTPS_PROXY: 'http://upper:2',
      HTTP_PROXY: 'plain:3',
      NO_PROXY: 'internal.example, .corp.example:8443',
    };
    expect(proxyFromEnv('https://sts.amazonaws.com/', env)).toBe('http://lower:1');
    expect(proxyFromEnv('http://sts.amazonaws.com/', env)).toBe('http://plain:3');
    expect(proxyFromEnv('https://internal.example/', env)).toBe('');
    expect(proxyFromEnv('https://api.internal.example/', env)).toBe('');
    expect(proxyFromEnv('https://x.corp.example:8443/', env)).toBe('');
    expect(proxyFromEnv('https://x.corp.example/', env)).toBe('http://lower:1');
    expect(proxyFromEnv('https://notinternal.example/', env)).toBe('http://lower:1');
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'sandbox.localhost'])
      expect(proxyFromEnv(`http://${host}:4000/`, env)).toBe('');
    expect(proxyFromEnv('https://sts.amazonaws.com/', { ...env, no_proxy: '*' })).toBe('');
  });

  it("turns Electron's resolveProxy answers into proxy URLs", () => {
    expect(proxyFromPacResult('PROXY gw.corp:8080; DIRECT')).toBe('http://gw.corp:8080');
    expect(proxyFromPacResult('HTTPS gw.corp:443')).toBe('https://gw.corp:443');
    expect(proxyFromPacResult('SOCKS5 s.corp:1080')).toBe('socks5://s.corp:1080');
    expect(proxyFromPacResult('DIRECT')).toBe('');
    expect(proxyFromPacResult('')).toBe('');
  });
});
