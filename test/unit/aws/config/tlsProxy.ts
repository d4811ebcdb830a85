/**
 * Test infrastructure for the proxy and CA paths: a CA and a server
 * certificate made on the spot (node-forge), an HTTPS server in front of the
 * sandbox's STS handler, and a tiny CONNECT proxy that counts its tunnels and
 * can refuse them. The proxy resolves every target name to 127.0.0.1, as a
 * corporate proxy resolves names the client cannot.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import forge from 'node-forge';
import type { ServiceRequest, ServiceResponse } from '../../../../src/main/sandbox/protocols/http';

export interface TestPki {
  readonly caPem: string;
  readonly otherCaPem: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

function makeCa(name: string) {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86400_000);
  const attrs = [{ name: 'commonName', value: name }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, keys };
}

export function makePki(hostnames: readonly string[]): TestPki {
  const ca = makeCa('Workbench Test CA');
  const other = makeCa('Some Other CA');
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '02';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86400_000);
  cert.setSubject([{ name: 'commonName', value: hostnames[0] ?? 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hostnames.map((h) => (/^[\d.]+$/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })),
    },
  ]);
  cert.sign(ca.keys.privateKey, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(ca.cert),
    otherCaPem: forge.pki.certificateToPem(other.cert),
    serverCert: forge.pki.certificateToPem(cert),
    serverKey: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

export interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/** HTTPS in front of a service handler (e.g. the sandbox's STS). */
export async function startHttpsService(
  pki: TestPki,
  handle: (r: ServiceRequest) => ServiceResponse,
): Promise<Listening & { requests: number }> {
  const sockets = new Set<Socket>();
  const state = { requests: 0 };
  const server = createHttpsServer({ cert: pki.serverCert, key: pki.serverKey }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const answer = handle({
        method: req.method ?? 'GET',
        path: q < 0 ? url : url.slice(0, q),
        query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  server.on('connection', (s: Socket) => sockets.add(s));
  const port = await listen(server as unknown as Server);
  return {
    port,
    get requests() {
      return state.requests;
    },
    close: closer(server as unknown as Server, sockets),
  };
}

export interface ConnectProxy extends Listening {
  readonly tunnels: string[];
  refuse: boolean;
  /** Basic credentials the proxy demands ("user:pass"), or undefined. */
  auth: string | undefined;
}

/** A CONNECT-only proxy: each tunnel's target is recorded, then spliced to 127.0.0.1:<port>. */
export async function startConnectProxy(): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const proxy = { tunnels: [] as string[], refuse: false, auth: undefined as string | undefined };
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on('connection', (s: Socket) => sockets.add(s));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    const given = req.headers['proxy-authorization'];
    if (proxy.auth && given !== `Basic ${Buffer.from(proxy.auth).toString('base64')}`) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    if (proxy.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 7\r\n\r\nblocked');
      return;
    }
    proxy.tunnels.push(target);
    const port = Number(target.split(':').pop());
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  return Object.assign(proxy, { port, close: closer(server, sockets) });
}
