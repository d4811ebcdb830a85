/**
 * The APNs emulator: the HTTP/2 provider API over TLS, with the sandbox CA's
 * server certificate, on two loopback ports, one per environment:
 *
 *   production  (api.push.apple.com)          → `urls.production`
 *   development (api.sandbox.push.apple.com)  → `urls.sandbox`
 *
 * Two ports rather than one port and `:authority`, because clients pointed
 * at a sandbox by URL send `127.0.0.1:PORT` as the authority whichever
 * environment they mean. A request's environment is the port it came in on.
 *
 * Authentication per connection, as Apple: a connection that presented a
 * client certificate (issued by `POST /_sandbox/apns-certs`) uses certificate
 * authentication and ignores `authorization`; others need a provider token
 * signed with a key from `POST /_sandbox/apns-keys`.
 */
import { createSecureServer, type Http2Session, type Http2SecureServer, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ApnsEnvironment, DeviceRegistry } from '../../devices/registry';
import type { SandboxCa } from '../ca';
import type { PushCredentials } from '../credentials';
import { evaluateApnsRequest, type ApnsConnectionState, type PresentedCertificate } from './evaluate';

export interface ApnsEmulatorOptions {
  readonly ca: SandboxCa;
  readonly devices: DeviceRegistry;
  readonly credentials: PushCredentials;
  /** Epoch milliseconds; provider-token ages are measured with it. */
  readonly now?: () => number;
  /** 0 (the default) picks free ports. */
  readonly productionPort?: number;
  readonly sandboxPort?: number;
  readonly log?: (line: string) => void;
}

export interface RunningApnsEmulator {
  /** `https://127.0.0.1:PORT` per environment. */
  readonly urls: { readonly production: string; readonly sandbox: string };
  close(): Promise<void>;
}

/** Requests larger than this are not buffered further (they are PayloadTooLarge anyway). */
const MAX_BUFFERED = 64 * 1024;

export async function startApnsEmulator(options: ApnsEmulatorOptions): Promise<RunningApnsEmulator> {
  const { key, cert } = options.ca.serverCredentials();
  const ctx = { devices: options.devices, credentials: options.credentials, now: options.now ?? Date.now };
  const log = options.log ?? (() => {});
  const sessions = new Set<Http2Session>();
  const connections = new WeakMap<Http2Session, ApnsConnectionState>();

  const make = (environment: ApnsEnvironment): Http2SecureServer => {
    const server = createSecureServer({ key, cert, ca: [options.ca.certPem], requestCert: true, rejectUnauthorized: false, allowHTTP1: false });
    server.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
    server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, _flags: number, rawHeaders?: string[]) => {
      onStream(stream, headers, environment, duplicates(rawHeaders)).catch((error: unknown) => {
        log(`apns emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!stream.destroyed && !stream.headersSent) respond(stream, 500, fallbackId(headers), { reason: 'InternalServerError' });
      });
    });
    return server;
  };

  const onStream = async (stream: ServerHttp2Stream, headers: IncomingHttpHeaders, environment: ApnsEnvironment, duplicateHeaders: string[]) => {
    const body = await readStream(stream);
    const session = stream.session;
    if (!session) return;
    let connection = connections.get(session);
    if (!connection) connections.set(session, (connection = {}));
    const outcome = await evaluateApnsRequest(
      {
        method: String(headers[':method'] ?? ''),
        path: String(headers[':path'] ?? ''),
        headers: flatten(headers),
        body,
        duplicateHeaders,
        environment,
        certificate: peerCertificate(session),
        connection,
      },
      ctx,
    );
    if (stream.destroyed) return;
    const extra = outcome.uniqueId ? { 'apns-unique-id': outcome.uniqueId } : {};
    if (outcome.reason) respond(stream, outcome.status, outcome.apnsId, { reason: outcome.reason, ...(outcome.timestamp !== undefined && { timestamp: outcome.timestamp }) });
    else stream.respond({ ':status': outcome.status, 'apns-id': outcome.apnsId, ...extra }, { endStream: true });
  };

  const production = make('production');
  const sandbox = make('sandbox');
  const [productionPort, sandboxPort] = await Promise.all([listen(production, options.productionPort ?? 0), listen(sandbox, options.sandboxPort ?? 0)]);

  return {
    urls: { production: `https://127.0.0.1:${productionPort}`, sandbox: `https://127.0.0.1:${sandboxPort}` },
    close: async () => {
      const closed = Promise.all([production, sandbox].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      for (const session of sessions) session.destroy();
      await closed;
    },
  };
}

function respond(stream: ServerHttp2Stream, status: number, apnsId: string, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  stream.respond({ ':status': status, 'apns-id': apnsId, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  stream.end(text);
}

function fallbackId(headers: IncomingHttpHeaders): string {
  const id = headers['apns-id'];
  return typeof id === 'string' ? id : '00000000-0000-0000-0000-000000000000';
}

function flatten(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':')) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
  }
  return out;
}

/** Header names sent more than once (Node joins or drops repeats in `headers`; the raw list keeps them). */
function duplicates(rawHeaders: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (let i = 0; i + 1 < (rawHeaders?.length ?? 0); i += 2) {
    const name = (rawHeaders?.[i] ?? '').toLowerCase();
    if (name.startsWith(':')) continue;
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}

function peerCertificate(session: Http2Session): PresentedCertificate | undefined {
  const socket = session.socket as TLSSocket;
  const peer = socket.getPeerCertificate?.();
  if (!peer || Object.keys(peer).length === 0 || !peer.fingerprint256) return undefined;
  return { authorized: socket.authorized, fingerprint256: peer.fingerprint256 };
}

function readStream(stream: ServerHttp2Stream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BUFFERED) chunks.push(chunk);
    });
    // Past the cap only "too large" matters: a buffer one byte over the cap stands in for the rest.
    stream.on('end', () => resolve(size <= MAX_BUFFERED ? Buffer.concat(chunks) : Buffer.alloc(MAX_BUFFERED + 1)));
    stream.on('error', reject);
  });
}

function listen(server: Http2SecureServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
