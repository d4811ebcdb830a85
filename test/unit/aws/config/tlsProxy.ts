/**
 * Test infrastructure for the proxy and CA paths: a CA and a server
 * certificate made on the spot (node-forge), an HTTPS server in front of the
 * sandbox's STS handler. The proxy is test/unit/support/connectProxy.ts.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
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
export function startHttpsService(
  pki: TestPki,
  handle: (r: ServiceRequest) => ServiceResponse,
): Promise<Listening & { requests: number }> {
  return serve(handle, pki);
}

/** Plain HTTP in front of a service handler. */
export function startHttpService(handle: (r: ServiceRequest) => ServiceResponse): Promise<Listening & { requests: number }> {
  return serve(handle);
}

async function serve(
  handle: (r: ServiceRequest) => ServiceResponse,
  pki?: TestPki,
): Promise<Listening & { requests: number }> {
  const sockets = new Set<Socket>();
  const state = { requests: 0 };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
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
  };
  const server = (
    pki ? createHttpsServer({ cert: pki.serverCert, key: pki.serverKey }, onRequest) : createHttpServer(onRequest)
  ) as Server;
  server.on('connection', (s: Socket) => sockets.add(s));
  const port = await listen(server);
  return {
    port,
    get requests() {
      return state.requests;
    },
    close: closer(server, sockets),
  };
}

export { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
