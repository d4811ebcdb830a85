/**
 * Connection recovery: a tiny HTTP/2 server (TLS with a sandbox CA's server
 * certificate) that goes away or resets the stream on its first connection,
 * then answers like APNs on the next. The APNs emulator never does either,
 * so this stands in for Apple closing a connection.
 */
import { createSecureServer, constants, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApnsClient, ProviderTokens, PROVIDER_TOKEN_MIN_INTERVAL_MS } from '../../../../src/main/push/direct';
import { SandboxCa } from '../../../../src/main/sandbox/emulators/ca';
import { startConnectProxy } from '../../support/connectProxy';

type Misbehaviour = 'goaway' | 'reset' | 'none';

interface FakeApns {
  readonly url: string;
  readonly caPem: string;
  readonly sessions: ServerHttp2Session[];
  readonly requests: number[];
  close(): Promise<void>;
}

const running: FakeApns[] = [];
const clients: ApnsClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of running.splice(0)) await s.close();
});

/** `plan[i]` says what the i-th connection does with its first stream. */
async function fakeApns(plan: Misbehaviour[]): Promise<FakeApns> {
  const ca = SandboxCa.create();
  const { key, cert } = ca.serverCredentials();
  const sessions: ServerHttp2Session[] = [];
  const requests: number[] = [];
  const server: Http2SecureServer = createSecureServer({ key, cert, allowHTTP1: false });
  server.on('session', (session) => sessions.push(session));
  server.on('stream', (stream) => {
    const index = sessions.indexOf(stream.session as ServerHttp2Session);
    requests.push(index);
    const misbehaviour = plan[index] ?? 'none';
    stream.on('error', () => {}); // a reset stream reports its own code
    stream.resume();
    stream.on('end', () => {
      if (misbehaviour === 'goaway') {
        // A server shutting down: GOAWAY with Apple's JSON debug data, then the connection ends
        // without an answer to this stream.
        const session = stream.session;
        session?.goaway(constants.NGHTTP2_NO_ERROR, 0, Buffer.from('{"reason":"Shutdown"}'));
        setImmediate(() => session?.destroy());
        return;
      }
      if (misbehaviour === 'reset') return void stream.close(constants.NGHTTP2_REFUSED_STREAM);
      stream.respond({ ':status': 200, 'apns-id': '123e4567-e89b-12d3-a456-426614174000' }, { endStream: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake = {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caPem: ca.certPem,
    sessions,
    requests,
    close: async () => {
      for (const s of sessions) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running.push(fake);
  return fake;
}

const p8 = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
const credentials = { kind: 'token' as const, p8, keyId: 'KEY1234567', teamId: 'TEAM123456', label: 'test key' };

function client(fake: FakeApns): ApnsClient {
  const c = new ApnsClient({ hosts: { sandbox: fake.url }, ca: fake.caPem });
  clients.push(c);
  return c;
}

const push = {
  token: 'ab'.repeat(32),
  credentials,
  topic: 'com.example.app',
  environment: 'sandbox' as const,
  pushType: 'alert' as const,
  body: '{"aps":{"alert":"hi"}}',
};

describe('APNs client connection recovery', () => {
  it('retries once on a new connection after a GOAWAY and the connection ending with the push unanswered', async () => {
    const fake = await fakeApns(['goaway', 'none']);
    const c = client(fake);
    const answer = await c.send(push);
    expect(answer).toMatchObject({ ok: true, status: 200, apnsId: '123e4567-e89b-12d3-a456-426614174000' });
    expect(fake.requests).toEqual([0, 1]);
    expect(c.connectionsOpened).toBe(2);
    // The new connection is kept for the next push.
    expect((await c.send(push)).status).toBe(200);
    expect(c.connectionsOpened).toBe(2);
  });

  it('through a proxy, the new connection after a GOAWAY takes a new CONNECT tunnel', async () => {
    const fake = await fakeApns(['goaway', 'none']);
    const proxy = await startConnectProxy();
    try {
      const c = new ApnsClient({ hosts: { sandbox: fake.url }, ca: fake.caPem, proxyForUrl: () => proxy.url });
      clients.push(c);
      expect((await c.send(push)).status).toBe(200);
      expect((await c.send(push)).status).toBe(200);
      const target = new URL(fake.url).host;
      expect(proxy.tunnels).toEqual([target, target]);
      expect(fake.requests).toEqual([0, 1, 1]);
    } finally {
      await proxy.close();
    }
  });

  it('retries once on a new connection after a stream reset', async () => {
    const fake = await fakeApns(['reset', 'none']);
    const c = client(fake);
    expect((await c.send(push)).status).toBe(200);
    expect(fake.requests).toEqual([0, 1]);
  });

  it('retries only once: a second loss is an error', async () => {
    const fake = await fakeApns(['reset', 'reset', 'none']);
    const c = client(fake);
    await expect(c.send(push)).rejects.toThrow(/closed the connection before answering/);
    expect(fake.requests).toEqual([0, 1]);
  });

  it('refuses a server whose certificate is not from the trusted CA', async () => {
    const fake = await fakeApns([]);
    const c = new ApnsClient({ hosts: { sandbox: fake.url }, ca: SandboxCa.create().certPem });
    clients.push(c);
    await expect(c.send(push)).rejects.toMatchObject({
      name: 'ApnsConnectionError',
      message: expect.stringMatching(/certificate is not trusted/),
    });
  });
});

/** A TCP server that accepts connections and never says a word: a black hole behind a firewall, or a stuck proxy. */
async function silentServer(): Promise<{ port: number; accepted: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: TcpServer = createTcpServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => sockets.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('APNs client connection deadline', () => {
  it('fails the push when the host never completes the handshake, and tries a new connection for the next push', async () => {
    const silent = await silentServer();
    try {
      const c = new ApnsClient({ hosts: { sandbox: `https://127.0.0.1:${silent.port}` }, timeoutMs: 300 });
      clients.push(c);
      await expect(c.send(push)).rejects.toMatchObject({
        name: 'ApnsConnectionError',
        message: `Cannot connect to APNs at https://127.0.0.1:${silent.port}: no connection within 0.3 s.`,
      });
      await expect(c.send(push)).rejects.toThrow(/no connection within/);
      expect(c.connectionsOpened).toBe(2);
      expect(silent.accepted()).toBe(2);
    } finally {
      await silent.close();
    }
  });

  it('fails the push when the proxy never answers CONNECT', async () => {
    const fake = await fakeApns([]);
    const stuckProxy = await silentServer();
    try {
      const c = new ApnsClient({
        hosts: { sandbox: fake.url },
        ca: fake.caPem,
        timeoutMs: 300,
        proxyForUrl: () => `http://127.0.0.1:${stuckProxy.port}`,
      });
      clients.push(c);
      await expect(c.send(push)).rejects.toThrow(/no connection within 0\.3 s/);
      expect(stuckProxy.accepted()).toBe(1);
      expect(fake.sessions).toHaveLength(0);
    } finally {
      await stuckProxy.close();
    }
  });
});

describe('provider tokens', () => {
  it('signs once for pushes sent together, and never twice within 20 minutes even when APNs calls the token expired', async () => {
    let clock = Date.parse('2026-11-30T12:00:00Z');
    const tokens = new ProviderTokens(() => clock);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => tokens.get(p8, 'KEY1234567', 'TEAM123456')));
    expect(new Set([a, b, c]).size).toBe(1);
    expect(tokens.minted).toBe(1);
    clock += PROVIDER_TOKEN_MIN_INTERVAL_MS - 1000;
    expect(await tokens.renewIfAllowed(p8, 'KEY1234567', 'TEAM123456', a ?? '')).toBeUndefined();
    clock += 1000;
    const renewed = await tokens.renewIfAllowed(p8, 'KEY1234567', 'TEAM123456', a ?? '');
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(a);
    // A push that was rejected with the old token at the same time gets the new one, not a third.
    expect(await tokens.renewIfAllowed(p8, 'KEY1234567', 'TEAM123456', a ?? '')).toBe(renewed);
    expect(tokens.minted).toBe(2);
    const [, payload] = (renewed ?? '').split('.');
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toEqual({
      iss: 'TEAM123456',
      iat: Math.floor(clock / 1000),
    });
  });

  it('keeps tokens per key file: another .p8 under the same Key ID signs its own', async () => {
    const tokens = new ProviderTokens(() => Date.parse('2026-11-30T12:00:00Z'));
    const otherP8 = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const a = await tokens.get(p8, 'KEY1234567', 'TEAM123456');
    const b = await tokens.get(otherP8, 'KEY1234567', 'TEAM123456');
    expect(a).not.toBe(b);
    expect(await tokens.get(p8, 'KEY1234567', 'TEAM123456')).toBe(a);
    expect(tokens.minted).toBe(2);
  });
});
