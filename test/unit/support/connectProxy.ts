/**
 * A local proxy for the proxy paths (AWS calls, direct pushes): proxy-chain,
 * the proxy server Apify maintains, records each CONNECT tunnel's target and
 * each forwarded plain-HTTP request, then connects to 127.0.0.1 on the
 * target's port: it resolves every name to loopback, as a corporate proxy
 * resolves names its clients cannot. `refuse` answers 403; `auth` demands
 * Basic credentials (407).
 */
import type { lookup } from 'node:dns';
import { RequestError, Server as ProxyChain } from 'proxy-chain';

export interface ConnectProxy {
  readonly port: number;
  readonly url: string;
  /** "host:port" of each CONNECT tunnel opened. */
  readonly tunnels: string[];
  /** "METHOD url" of each plain-HTTP request forwarded. */
  readonly forwarded: string[];
  refuse: boolean;
  /** Basic credentials the proxy demands ("user:pass"), or undefined. */
  auth: string | undefined;
  close(): Promise<void>;
}

const toLoopback = ((_host: string, options: unknown, callback?: unknown) => {
  const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
  if (all) done(null, [{ address: '127.0.0.1', family: 4 }]);
  else done(null, '127.0.0.1', 4);
}) as unknown as typeof lookup;

export async function startConnectProxy(): Promise<ConnectProxy> {
  const state = { tunnels: [] as string[], forwarded: [] as string[], refuse: false, auth: undefined as string | undefined };
  const server = new ProxyChain({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ request, username, password, isHttp }) => {
      if (state.auth && `${username}:${password}` !== state.auth) return { requestAuthentication: true };
      if (state.refuse) throw new RequestError('blocked', 403);
      if (isHttp) state.forwarded.push(`${request.method ?? ''} ${request.url ?? ''}`);
      else state.tunnels.push(request.url ?? '');
      return { dnsLookup: toLoopback };
    },
  });
  await server.listen();
  return Object.assign(state, {
    port: server.port,
    url: `http://127.0.0.1:${server.port}`,
    close: () => server.close(true),
  });
}
