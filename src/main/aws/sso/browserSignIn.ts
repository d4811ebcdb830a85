/**
 * IAM Identity Center sign-in with the authorization-code flow and PKCE (S256),
 * what `aws sso login` uses by default for sso-session profiles: a loopback
 * redirect listener, the browser sent to `{oidc}/authorize`, the code
 * exchanged with CreateToken(authorization_code). Writes the same token cache
 * as the device flow.
 *
 * Threats the loopback listener answers: another local page or a DNS-rebound
 * site calling it (only `GET /oauth/callback` with Host `127.0.0.1:<port>` is
 * served, and the `state` must be the one we sent; a code without it is
 * refused), and a stolen code (useless without the PKCE verifier, which never
 * leaves this process). It listens on 127.0.0.1 only, for one sign-in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTokenCommand, RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { WorkbenchCodes } from '../../../shared/errors';
import {
  CLIENT_NAME,
  REFRESH_GRANT,
  cancelled,
  failure,
  mapped,
  status,
  targetOf,
  withOidc,
  type SignInOptions,
  type SsoSessionInfo,
  type SsoSignInEvent,
} from './common';
import { cliTimestamp, writeSsoToken } from './tokenCache';
import type { SsoTarget } from './target';

export const AUTHORIZATION_CODE_GRANT = 'authorization_code';
const CALLBACK_PATH = '/oauth/callback';

export interface BrowserSignInOptions extends Omit<SignInOptions, 'sleep'> {
  /** How long to wait for the browser to come back (default 10 minutes, as the CLI). */
  readonly timeoutMs?: number;
}

export async function signInWithBrowser(options: BrowserSignInOptions): Promise<SsoSessionInfo> {
  const now = options.now ?? Date.now;
  const target = await targetOf(options);
  if (target.kind !== 'sso-session') {
    throw failure(
      WorkbenchCodes.InvalidInput,
      `Profile "${target.profile}" uses a legacy sso_start_url: sign in with the device code instead.`,
    );
  }
  const emit = (event: SsoSignInEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      /* a broken listener must not break the sign-in */
    }
  };
  const state = randomBytes(24).toString('base64url');
  const listener = await listen(state, options.timeoutMs ?? 600_000, options.signal);
  try {
    return await withOidc(options, target, async (oidc, explain) => {
      const redirectUri = listener.redirectUri;
      const registration = await oidc
        .send(
          new RegisterClientCommand({
            clientName: CLIENT_NAME,
            clientType: 'public',
            grantTypes: [AUTHORIZATION_CODE_GRANT, REFRESH_GRANT],
            redirectUris: [redirectUri],
            issuerUrl: target.startUrl,
            scopes: [...target.scopes],
          }),
        )
        .catch((thrown: unknown) => {
          throw mapped(thrown, explain, target, 'sign-in');
        });
      emit({ type: 'registered', reused: false });
      const verifier = randomBytes(48).toString('base64url');
      const authorize = new URL(`${await authorizeBase(oidc, target, registration.authorizationEndpoint)}`);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: registration.clientId ?? '',
        redirect_uri: redirectUri,
        state,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        scopes: target.scopes.join(' '),
      }).toString();
      emit({ type: 'authorize', url: authorize.toString() });
      if (options.openBrowser) await options.openBrowser(authorize.toString());
      const code = await listener.code;
      const token = await oidc
        .send(
          new CreateTokenCommand({
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            grantType: AUTHORIZATION_CODE_GRANT,
            code,
            redirectUri,
            codeVerifier: verifier,
          }),
        )
        .catch((thrown: unknown) => {
          throw mapped(thrown, explain, target, 'CreateToken');
        });
      const expiresAt = cliTimestamp(now() + (token.expiresIn ?? 0) * 1000);
      await writeSsoToken(target.cacheFile, {
        startUrl: target.startUrl,
        region: target.region,
        accessToken: token.accessToken ?? '',
        expiresAt,
        clientId: registration.clientId ?? '',
        clientSecret: registration.clientSecret ?? '',
        registrationExpiresAt: cliTimestamp((registration.clientSecretExpiresAt ?? 0) * 1000),
        ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
      });
      emit({ type: 'signed-in', expiresAt });
      return status(target, now);
    });
  } catch (thrown) {
    if (options.signal?.aborted) throw cancelled(target);
    throw thrown;
  } finally {
    listener.close();
  }
}

/** The configured OIDC endpoint (sandbox, endpoint_url) when there is one; else what RegisterClient named; else the regional one. */
async function authorizeBase(
  oidc: SSOOIDCClient,
  target: SsoTarget,
  fromRegistration: string | undefined,
): Promise<string> {
  const config = oidc.config as unknown as {
    isCustomEndpoint?: boolean;
    endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
  };
  if (config.isCustomEndpoint && config.endpoint) {
    const e = await config.endpoint();
    return `${e.protocol}//${e.hostname}${e.port ? `:${e.port}` : ''}${e.path.replace(/\/$/, '')}/authorize`;
  }
  return fromRegistration ?? `https://oidc.${target.region}.amazonaws.com/authorize`;
}

interface Listener {
  readonly redirectUri: string;
  readonly code: Promise<string>;
  close(): void;
}

async function listen(state: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<Listener> {
  let settle: { resolve: (code: string) => void; reject: (e: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined); // rejected before anyone awaits (e.g. cancelled early)
  let host = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || req.headers.host !== host) {
      res.writeHead(404).end();
      return;
    }
    if (url.searchParams.get('state') !== state) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('This sign-in link is not the one Chime Endpoint Workbench started.');
      return;
    }
    const error = url.searchParams.get('error');
    const received = url.searchParams.get('code');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(page(error ? 'Sign-in failed. Return to Chime Endpoint Workbench.' : 'Signed in. You can close this tab.'));
    if (error || !received) settle?.reject(new Error(error ?? 'no code'));
    else settle?.resolve(received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  const timer = setTimeout(() => settle?.reject(new Error('timeout')), timeoutMs);
  const onAbort = () => settle?.reject(new Error('aborted'));
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    redirectUri: `http://${host}${CALLBACK_PATH}`,
    code: code.catch((e: Error) => {
      throw failure(
        e.message === 'timeout' || e.message === 'aborted'
          ? WorkbenchCodes.Cancelled
          : WorkbenchCodes.CredentialsUnavailable,
        e.message === 'timeout'
          ? 'The browser sign-in did not come back in time.'
          : e.message === 'aborted'
            ? 'Sign-in was cancelled.'
            : `The browser sign-in failed (${e.message}).`,
      );
    }),
    close: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      server.close();
      server.closeAllConnections();
    },
  };
}

function page(text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Chime Endpoint Workbench</title><p>${text}</p>`;
}
