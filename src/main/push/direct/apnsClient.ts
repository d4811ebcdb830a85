/**
 * The APNs provider API over node:http2, as Apple asks providers to use it:
 * one long-lived connection per host and credentials, many pushes
 * multiplexed on it; a connection that is going away (GOAWAY) or a stream
 * reset before an answer is retried once on a new connection.
 *
 * Hosts are Apple's by default; a sandbox passes its emulator's URLs and its
 * CA (trusted for those connections only, never globally). Behind a proxy
 * the session runs inside a CONNECT tunnel (network.ts).
 */
import {
  connect as http2Connect,
  constants,
  type ClientHttp2Session,
  type IncomingHttpHeaders,
  type SecureClientSessionOptions,
} from 'node:http2';
import { apnsAdvice, type PushAdvice } from '../../../shared/push/directPushAdvice';
import {
  apnsTopicFor,
  APNS_PRIORITIES,
  type ApnsEnvironment,
  type ApnsPushType,
} from '../../../shared/push/directPush';
import type { ApnsCertificate, ApnsSigningKey } from './credentials';
import { legacyP12Message, DirectPushCredentialError } from './credentials';
import { ProviderTokens } from './providerToken';
import { proxyFromEnv, redactProxyUrl, type ProxyResolver } from '../../aws/config/transport';
import { ApnsTunnels, PushProxyError } from './network';

export const APPLE_HOSTS: Readonly<Record<ApnsEnvironment, string>> = {
  production: 'https://api.push.apple.com',
  sandbox: 'https://api.sandbox.push.apple.com',
};

export interface ApnsClientOptions {
  /** Base URLs per environment (a sandbox's emulator, a corporate relay). */
  readonly hosts?: Partial<Record<ApnsEnvironment, string>>;
  /** Extra CA (PEM) trusted for these hosts only: the sandbox CA. */
  readonly ca?: string | Buffer;
  readonly now?: () => number;
  /** Test seam: how a connection is opened. */
  readonly connect?: (authority: string, options: SecureClientSessionOptions) => ClientHttp2Session;
  /** How long a push may take before it fails (ms). */
  readonly timeoutMs?: number;
  /** The proxy for a host ('' = direct); default: the proxy environment variables. */
  readonly proxyForUrl?: ProxyResolver;
}

export interface ApnsPush {
  readonly token: string;
  readonly credentials: ApnsSigningKey | ApnsCertificate;
  /** The bundle id (or the full topic); the push type's suffix is added. */
  readonly topic: string;
  readonly environment: ApnsEnvironment;
  readonly pushType: ApnsPushType;
  readonly priority?: 10 | 5 | 1;
  readonly expiration?: number;
  readonly collapseId?: string;
  readonly apnsId?: string;
  /** The JSON text sent as the body. */
  readonly body: string;
}

export interface ApnsAnswer {
  readonly service: 'apns';
  readonly ok: boolean;
  readonly status: number;
  readonly apnsId: string;
  readonly apnsUniqueId?: string;
  readonly reason?: string;
  /** Epoch ms; with Unregistered. */
  readonly timestamp?: number;
  readonly advice?: PushAdvice;
  /** Where it went and as what: for the answer panel and logs. */
  readonly host: string;
  /** The proxy the connection went through (password masked); absent when direct. */
  readonly proxy?: string;
  readonly topic: string;
  readonly pushType: ApnsPushType;
}

/** The connection failed before APNs answered (network, TLS, credentials the TLS layer refused). */
export class ApnsConnectionError extends Error {
  readonly code = 'NetworkError';
  constructor(message: string) {
    super(message);
    this.name = 'ApnsConnectionError';
  }
}

const STREAMS_REFUSED = 'workbench:streams-refused';

class StreamLost extends Error {
  constructor() {
    super('APNs closed the connection before answering (GOAWAY or stream reset), on a new connection too.');
  }
}

interface Pooled {
  /** Set once the connection (and the proxy tunnel under it) is open. */
  session?: ClientHttp2Session;
  /** The proxy under it, password masked ('' = direct); set with the session. */
  proxy?: string;
  readonly ready: Promise<ClientHttp2Session>;
}

export class ApnsClient {
  private readonly pool = new Map<string, Pooled>();
  private readonly tokens: ProviderTokens;
  private readonly connect: NonNullable<ApnsClientOptions['connect']>;
  private readonly proxyForUrl: ProxyResolver;
  private readonly tunnels = new ApnsTunnels();
  /** Connections opened so far (non-secret; for tests and diagnostics). */
  connectionsOpened = 0;

  constructor(private readonly options: ApnsClientOptions = {}) {
    this.tokens = new ProviderTokens(options.now ?? Date.now);
    this.connect = options.connect ?? http2Connect;
    this.proxyForUrl = options.proxyForUrl ?? ((url) => proxyFromEnv(url, process.env));
  }

  get providerTokensMinted(): number {
    return this.tokens.minted;
  }

  hostFor(environment: ApnsEnvironment): string {
    return (this.options.hosts?.[environment] ?? APPLE_HOSTS[environment]).replace(/\/+$/, '');
  }

  async send(push: ApnsPush): Promise<ApnsAnswer> {
    const host = this.hostFor(push.environment);
    const topic = apnsTopicFor(push.topic, push.pushType);
    const headers = await this.headers(push, topic);
    let answer = await this.sendRetryingOnce(host, push, headers);
    // APNs says the token expired (clock skew, a sleeping laptop): one new token, if the 20-minute rule allows it.
    if (answer.reason === 'ExpiredProviderToken' && push.credentials.kind === 'token') {
      const { p8, keyId, teamId } = push.credentials;
      const renewed = await this.tokens.renewIfAllowed(
        p8,
        keyId,
        teamId,
        (headers.authorization ?? '').replace(/^bearer /, ''),
      );
      if (renewed) answer = await this.sendRetryingOnce(host, push, { ...headers, authorization: `bearer ${renewed}` });
    }
    const ok = answer.status === 200;
    return {
      service: 'apns',
      ok,
      status: answer.status,
      apnsId: answer.apnsId,
      ...(answer.apnsUniqueId !== undefined && { apnsUniqueId: answer.apnsUniqueId }),
      ...(answer.reason !== undefined && { reason: answer.reason }),
      ...(answer.timestamp !== undefined && { timestamp: answer.timestamp }),
      ...(!ok && { advice: apnsAdvice(answer.reason ?? `HTTP ${answer.status}`, { environment: push.environment }) }),
      host,
      ...(answer.proxy && { proxy: answer.proxy }),
      topic,
      pushType: push.pushType,
    };
  }

  /** Closes every connection. */
  close(): void {
    for (const { session, ready } of this.pool.values()) {
      if (session) session.close();
      else ready.then((s) => s.close(), () => {});
    }
    this.pool.clear();
    this.tunnels.destroy();
  }

  private async headers(push: ApnsPush, topic: string): Promise<Record<string, string>> {
    const priority = push.priority ?? APNS_PRIORITIES[push.pushType][0] ?? 10;
    const headers: Record<string, string> = {
      ':method': 'POST',
      ':path': `/3/device/${push.token}`,
      'apns-topic': topic,
      'apns-push-type': push.pushType,
      'apns-priority': String(priority),
      'content-type': 'application/json',
    };
    if (push.expiration !== undefined) headers['apns-expiration'] = String(push.expiration);
    if (push.collapseId !== undefined) headers['apns-collapse-id'] = push.collapseId;
    if (push.apnsId !== undefined) headers['apns-id'] = push.apnsId;
    if (push.credentials.kind === 'token') {
      const { p8, keyId, teamId } = push.credentials;
      headers.authorization = `bearer ${await this.tokens.get(p8, keyId, teamId)}`;
    }
    return headers;
  }

  private async sendRetryingOnce(host: string, push: ApnsPush, headers: Record<string, string>) {
    try {
      return await this.request(host, push, headers);
    } catch (error) {
      if (!(error instanceof StreamLost)) throw error;
      this.retire(host, push);
      try {
        return await this.request(host, push, headers);
      } catch (again) {
        throw again instanceof StreamLost ? new ApnsConnectionError(again.message) : again;
      }
    }
  }

  /** Stops using the pooled connection (pushes in flight on it finish); the next push opens a new one. */
  private retire(host: string, push: ApnsPush): void {
    const key = this.poolKey(host, push);
    const pooled = this.pool.get(key);
    if (!pooled) return;
    this.pool.delete(key);
    const { session } = pooled;
    if (session && !session.closed && !session.destroyed) session.close();
  }

  private poolKey(host: string, push: ApnsPush): string {
    const c = push.credentials;
    // Apple binds a connection to one team (token) or one certificate.
    return c.kind === 'token' ? `${host} token ${c.teamId}/${c.keyId}` : `${host} cert ${c.fingerprint}`;
  }

  private session(host: string, push: ApnsPush): Pooled {
    const key = this.poolKey(host, push);
    const existing = this.pool.get(key);
    if (existing && !(existing.session && (existing.session.closed || existing.session.destroyed))) return existing;
    const pooled: Pooled = {
      ready: this.open(key, host, push.credentials, (session, proxy) => Object.assign(pooled, { session, proxy })),
    };
    // A connection that could not be opened is not kept: the next push tries again.
    pooled.ready.catch(() => {
      if (this.pool.get(key) === pooled) this.pool.delete(key);
    });
    this.pool.set(key, pooled);
    return pooled;
  }

  /**
   * Opens a connection (inside the proxy's tunnel when one applies) and answers it once APNs accepted it,
   * within the push timeout: a proxy that never answers CONNECT, or a host that never finishes the TLS
   * handshake, fails the pushes waiting for it instead of holding them forever.
   */
  private async open(
    key: string,
    host: string,
    c: ApnsSigningKey | ApnsCertificate,
    opened: (session: ClientHttp2Session, proxy: string) => void,
  ): Promise<ClientHttp2Session> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const attempt = { abandoned: false, session: undefined as ClientHttp2Session | undefined };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        attempt.abandoned = true;
        attempt.session?.destroy();
        reject(new ApnsConnectionError(`Cannot connect to APNs at ${host}: no connection within ${+(timeoutMs / 1000).toFixed(1)} s.`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.connectSession(key, host, c, opened, attempt), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async connectSession(
    key: string,
    host: string,
    c: ApnsSigningKey | ApnsCertificate,
    opened: (session: ClientHttp2Session, proxy: string) => void,
    attempt: { abandoned: boolean; session: ClientHttp2Session | undefined },
  ): Promise<ClientHttp2Session> {
    const tls: SecureClientSessionOptions = {
      ...(this.options.ca !== undefined && { ca: this.options.ca }),
      ...(c.kind === 'certificate' && { pfx: c.pfx, passphrase: c.passphrase }),
    };
    let session: ClientHttp2Session;
    let proxy: string;
    try {
      proxy = await this.proxyForUrl(host);
      const tunnel = proxy ? await this.tunnels.open(proxy, host, tls) : undefined;
      if (attempt.abandoned) {
        tunnel?.destroy();
        throw new ApnsConnectionError('abandoned');
      }
      session = this.connect(host, tunnel ? { ...tls, createConnection: () => tunnel } : tls);
    } catch (error) {
      throw connectionError(error, c);
    }
    attempt.session = session;
    this.connectionsOpened += 1;
    opened(session, proxy && redactProxyUrl(proxy));
    // Each push in flight listens for STREAMS_REFUSED on the session: as many as the server allows
    // streams (APNs: up to 1,000), far past Node's default leak warning at 10.
    session.setMaxListeners(0);
    const forget = () => {
      if (this.pool.get(key)?.session === session) this.pool.delete(key);
    };
    // A connection going away takes no new streams: the next push opens another.
    session.on('goaway', (_code: number, lastStreamId: number) => {
      forget();
      // Streams above lastStreamId were not processed by the server: fail them now so they are retried
      // (Node would otherwise leave them open until the connection ends).
      session.emit(STREAMS_REFUSED, lastStreamId);
    });
    session.on('close', forget);
    session.on('error', forget);
    await new Promise<void>((resolve, reject) => {
      session.once('connect', () => resolve());
      session.once('error', (error) => reject(connectionError(error, c)));
      session.once('close', () => reject(new ApnsConnectionError(`APNs at ${host} closed the connection while it opened.`)));
    });
    return session;
  }

  private async request(host: string, push: ApnsPush, headers: Record<string, string>) {
    const pooled = this.session(host, push);
    const session = await pooled.ready;
    const proxy = pooled.proxy;
    return new Promise<{
      status: number;
      apnsId: string;
      apnsUniqueId?: string;
      reason?: string;
      timestamp?: number;
      proxy?: string;
    }>(
      (resolve, reject) => {
        let stream;
        try {
          stream = session.request(headers);
        } catch {
          // The session closed between the pool lookup and the request (ERR_HTTP2_GOAWAY_SESSION / INVALID_SESSION).
          return reject(new StreamLost());
        }
        let response: IncomingHttpHeaders | undefined;
        let timedOut = false;
        const chunks: Buffer[] = [];
        const timer = setTimeout(() => {
          timedOut = true;
          stream.close(constants.NGHTTP2_CANCEL);
        }, this.options.timeoutMs ?? 30_000);
        const onRefused = (lastStreamId: number) => {
          if (!response && stream.id !== undefined && stream.id > lastStreamId)
            stream.close(constants.NGHTTP2_REFUSED_STREAM);
        };
        session.on(STREAMS_REFUSED, onRefused);
        stream.on('response', (h) => (response = h));
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', () => {}); // reported through 'close' below
        stream.on('close', () => {
          clearTimeout(timer);
          session.off(STREAMS_REFUSED, onRefused);
          if (!response) {
            // Reset or GOAWAY before any answer: nothing was delivered, so one retry is safe.
            if (timedOut)
              return reject(
                new ApnsConnectionError(
                  `APNs did not answer within ${Math.round((this.options.timeoutMs ?? 30_000) / 1000)} s.`,
                ),
              );
            return reject(new StreamLost());
          }
          const status = Number(response[':status']);
          const text = Buffer.concat(chunks).toString('utf8');
          let body: { reason?: unknown; timestamp?: unknown } = {};
          try {
            if (text) body = JSON.parse(text) as typeof body;
          } catch {
            body = {};
          }
          const apnsId = typeof response['apns-id'] === 'string' ? response['apns-id'] : '';
          const uniqueId = response['apns-unique-id'];
          resolve({
            status,
            apnsId,
            ...(typeof uniqueId === 'string' && { apnsUniqueId: uniqueId }),
            ...(typeof body.reason === 'string' && { reason: body.reason }),
            ...(typeof body.timestamp === 'number' && { timestamp: body.timestamp }),
            ...(proxy && { proxy }),
          });
        });
        stream.end(push.body);
      },
    );
  }
}

function connectionError(error: unknown, credentials: ApnsSigningKey | ApnsCertificate): Error {
  if (error instanceof PushProxyError || error instanceof DirectPushCredentialError || error instanceof ApnsConnectionError)
    return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (credentials.kind === 'certificate' && /unsupported|RC2|mac verify|pkcs12/i.test(message)) {
    return /mac verify/i.test(message)
      ? new DirectPushCredentialError(`The passphrase for ${credentials.label} is wrong.`)
      : new DirectPushCredentialError(legacyP12Message(credentials.label));
  }
  if (/certificate|self.signed|UNABLE_TO_VERIFY/i.test(message + code))
    return new ApnsConnectionError(`The APNs server's certificate is not trusted: ${message}`);
  return new ApnsConnectionError(`Cannot connect to APNs: ${message}`);
}
