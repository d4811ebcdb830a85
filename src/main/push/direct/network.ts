/**
 * How direct pushes reach APNs and FCM when a proxy stands in the way. The
 * proxy is chosen as for every AWS call (aws/config/transport.ts: the OS
 * settings in the app, HTTPS_PROXY / NO_PROXY elsewhere, loopback always
 * direct), so one setting covers both paths of "Compare with Chime".
 *
 * - FCM and its OAuth2 token endpoint speak HTTP/1.1: they use the
 *   transport's proxy-agent (CONNECT for HTTPS), as the AWS clients do.
 * - APNs speaks HTTP/2 only, which Node's HTTP/1 agents cannot carry:
 *   http2-wrapper's Http2OverHttp(s) agent opens the CONNECT tunnel and the
 *   TLS session (ALPN h2) inside it, and the APNs client runs its own HTTP/2
 *   session, with its own pooling and recovery, on that socket.
 */
import type { SecureClientSessionOptions } from 'node:http2';
import { isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import http2Wrapper from 'http2-wrapper';
import { ProxyRefusedError, redactProxyUrl } from '../../aws/config/transport';

/** A proxy on the way to APNs or FCM failed: refused the tunnel, could not be reached, or cannot carry HTTP/2. */
export class PushProxyError extends Error {
  readonly code = 'NetworkError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PushProxyError';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET']);
const SOURCE = 'the proxy settings (HTTPS_PROXY / ALL_PROXY, or the system proxy)';

/** Opens TLS sockets to APNs inside a proxy's CONNECT tunnel; one http2-wrapper agent per proxy. */
export class ApnsTunnels {
  private readonly agents = new Map<string, http2Wrapper.Agent>();

  /** A TLS socket (ALPN h2) to `origin` through `proxy`, ready to carry an HTTP/2 session. */
  async open(proxy: string, origin: string, tls: SecureClientSessionOptions): Promise<TLSSocket> {
    const target = new URL(origin);
    try {
      return await this.agent(proxy).createConnection(target, {
        ...tls,
        // No SNI for an IP literal (RFC 6066); the certificate is still checked against the IP.
        ...(isIP(target.hostname.replace(/^\[|\]$/g, '')) && { servername: '' }),
      });
    } catch (error) {
      throw explainProxyFailure(error, proxy, target.host) ?? error;
    }
  }

  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agent(proxy: string): http2Wrapper.Agent {
    let agent = this.agents.get(proxy);
    if (agent) return agent;
    const url = new URL(proxy);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new PushProxyError(
        `APNs cannot be reached through ${redactProxyUrl(proxy)}: HTTP/2 to APNs needs an HTTP or HTTPS proxy (CONNECT), not ${url.protocol.replace(':', '')}. ` +
          'Set HTTPS_PROXY to an HTTP proxy, or add api.push.apple.com to NO_PROXY.',
        false,
      );
    const Tunnel = url.protocol === 'https:' ? http2Wrapper.proxies.Http2OverHttps : http2Wrapper.proxies.Http2OverHttp;
    agent = new Tunnel({ proxyOptions: { url } });
    this.agents.set(proxy, agent);
    return agent;
  }
}

/**
 * The proxy's part in a failed push, or undefined when the proxy is not to blame. With a CONNECT proxy, a
 * connection error can only come from the proxy itself: a target the proxy cannot reach answers 502.
 */
export function explainProxyFailure(error: unknown, proxy: string, target: string): PushProxyError | undefined {
  if (!proxy) return undefined;
  const shown = redactProxyUrl(proxy);
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof PushProxyError) return e;
    if (e instanceof ProxyRefusedError) return new PushProxyError(`${e.message} It is used because of ${SOURCE}.`, false);
    const { statusCode, code, name } = e as { statusCode?: unknown; code?: unknown; name?: unknown };
    // http2-wrapper's UnexpectedStatusCodeError: the CONNECT answer was not 200.
    if (typeof statusCode === 'number' && name === 'Error' && /proxy server rejected/i.test(String((e as Error).message)))
      return new PushProxyError(`${new ProxyRefusedError(shown, statusCode, target).message} It is used because of ${SOURCE}.`, false);
    if (typeof code === 'string' && UNREACHABLE.has(code))
      return new PushProxyError(`Cannot reach the proxy ${shown} (${code}), which ${SOURCE} names for ${target}.`, true);
  }
  return undefined;
}
