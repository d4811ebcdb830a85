/**
 * The HTTP layer under every AWS client: the proxy the environment names
 * (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY, lower case first, as curl
 * reads them), reached through proxy-agent (CONNECT tunnels for HTTPS, plain
 * forwarding for HTTP, SOCKS and PAC URLs too), and a CA bundle added to the
 * trust store for the target's certificate.
 *
 * Loopback targets (localhost, 127.0.0.0/8, ::1) never go through a proxy:
 * a corporate proxy cannot reach the user's own machine (the sandbox), and
 * Chromium bypasses loopback the same way. `proxyForUrl` is also the seam for
 * the OS proxy settings in the installed app (Electron's session.resolveProxy).
 *
 * Note on ca_bundle: botocore REPLACES the trust store with the bundle; we ADD
 * it, so a bundle holding only a TLS-inspecting gateway's CA still lets direct
 * (NO_PROXY) hosts verify against the public roots.
 */
import { readFileSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { rootCertificates } from 'node:tls';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ProxyAgent } from 'proxy-agent';
import { ConfigSettingError } from './settings';

type Env = Readonly<Record<string, string | undefined>>;

export type ProxyResolver = (url: string) => string | Promise<string>;

export interface TransportOptions {
  /** Environment holding the proxy variables (default: process.env). */
  readonly env?: Env;
  /** Path of a PEM bundle to trust besides the default roots. */
  readonly caBundle?: string;
  /** For error messages: the profile and the setting the CA bundle came from. */
  readonly profile?: string;
  readonly caBundleSetting?: string;
  /** Replaces the environment lookup (e.g. the OS proxy settings). Answer '' for direct. */
  readonly proxyForUrl?: ProxyResolver;
  readonly timeoutMs?: number;
}

export interface Transport {
  readonly requestHandler: NodeHttpHandler;
  /** The same proxying agent for HTTP/1.1 clients that are not AWS SDK clients (FCM and its token endpoint). */
  readonly agent: ProxyAgent;
  /** PEM certificates trusted for targets (undefined: Node's defaults). */
  readonly ca: readonly string[] | undefined;
  readonly proxyForUrl: ProxyResolver;
  destroy(): void;
}

export function createTransport(options: TransportOptions = {}): Transport {
  const env = options.env ?? process.env;
  const ca = options.caBundle
    ? [...rootCertificates, readCaBundle(options.caBundle, options.profile, options.caBundleSetting)]
    : undefined;
  const proxyForUrl = options.proxyForUrl ?? ((url: string) => proxyFromEnv(url, env));
  const getProxyForUrl = async (url: string, req: ClientRequest): Promise<string> => {
    const proxy = await proxyForUrl(url);
    if (proxy) watchConnect(req, proxy);
    return proxy;
  };
  const agentOptions = { keepAlive: true, ...(ca ? { ca: [...ca] } : {}), getProxyForUrl };
  // One ProxyAgent serves both schemes: it picks the proxy per request (NO_PROXY is per host).
  const agent = new ProxyAgent(agentOptions);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const requestHandler = new NodeHttpHandler({
    httpAgent: agent,
    httpsAgent: agent as unknown as import('node:https').Agent,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
  });
  return { requestHandler, agent, ca, proxyForUrl, destroy: () => (requestHandler.destroy(), agent.destroy()) };
}

/** A proxy answered CONNECT with something else than 200 (403 refused, 407 needs credentials, 502 cannot reach…). */
export class ProxyRefusedError extends Error {
  constructor(
    readonly proxy: string,
    readonly statusCode: number,
    readonly target: string,
  ) {
    super(
      `The proxy ${proxy} refused to open a tunnel to ${target} (HTTP ${statusCode}${statusCode === 407 ? ': it wants proxy credentials' : ''}).`,
    );
    this.name = 'ProxyRefusedError';
  }
}

/**
 * https-proxy-agent hands a refused CONNECT's answer to the HTTP client as if
 * the service had sent it (so a proxy's 403 would read as an AWS 403). It
 * emits 'proxyConnect' on the request first: fail the request there instead.
 */
function watchConnect(req: ClientRequest, proxy: string): void {
  req.once('proxyConnect', (connect: { statusCode?: number }) => {
    // http-proxy-agent (plain-HTTP targets, no CONNECT) emits it too, without a status: nothing to judge.
    if (connect.statusCode !== undefined && connect.statusCode !== 200) {
      req.destroy(
        new ProxyRefusedError(
          redactProxyUrl(proxy),
          connect.statusCode ?? 0,
          String(req.getHeader('host') ?? req.host),
        ),
      );
    }
  });
}

function readCaBundle(path: string, profile: string | undefined, setting = 'ca_bundle'): string {
  const who = profile ? `Profile "${profile}": ` : '';
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (thrown) {
    const code = (thrown as { code?: string }).code ?? 'unreadable';
    throw new ConfigSettingError(
      `${who}${setting} points at ${path}, which cannot be read (${code}).`,
      profile ?? '',
      setting,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigSettingError(
      `${who}${setting} file ${path} holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----").`,
      profile ?? '',
      setting,
    );
  }
  return pem;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The proxy for a URL from the environment ('' = direct). */
export function proxyFromEnv(url: string, env: Env): string {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return '';
  }
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return '';
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  if (bypassed(host, port, read(env, 'no_proxy'))) return '';
  const scheme = target.protocol.replace(':', '');
  const proxy = read(env, `${scheme}_proxy`) || read(env, 'all_proxy');
  if (!proxy) return '';
  return proxy.includes('://') ? proxy : `http://${proxy}`;
}

function read(env: Env, name: string): string {
  return env[name.toLowerCase()] || env[name.toUpperCase()] || '';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** NO_PROXY as curl reads it: `*`, exact hosts, `.suffix` / `*.suffix` / `suffix` domain matches, optional `:port`. */
function bypassed(host: string, port: number, noProxy: string): boolean {
  if (!noProxy) return false;
  return noProxy
    .toLowerCase()
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const m = /^(.+):(\d+)$/.exec(entry);
      const name = (m ? m[1] : entry) ?? '';
      if (m && Number(m[2]) !== port) return false;
      const domain = name.replace(/^\*?\.?/, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
}

/** A proxy URL without its password, for messages. */
export function redactProxyUrl(proxy: string): string {
  try {
    const u = new URL(proxy);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable proxy URL)';
  }
}

/**
 * The first usable entry of a PAC-style answer, as Electron's
 * `session.resolveProxy(url)` gives it ("PROXY host:port; DIRECT"), as a proxy
 * URL for proxyForUrl ('' = direct). This is how the installed app follows the
 * OS proxy settings (PAC and WPAD included): `proxyForUrl: async (url) =>
 * proxyFromPacResult(await session.defaultSession.resolveProxy(url))`.
 */
export function proxyFromPacResult(result: string): string {
  for (const entry of result.split(';')) {
    const [kind = '', hostPort] = entry.trim().split(/\s+/);
    const scheme = { PROXY: 'http', HTTP: 'http', HTTPS: 'https', SOCKS: 'socks4', SOCKS4: 'socks4', SOCKS5: 'socks5' }[
      kind.toUpperCase()
    ];
    if (kind.toUpperCase() === 'DIRECT') return '';
    if (scheme && hostPort) return `${scheme}://${hostPort}`;
  }
  return '';
}
