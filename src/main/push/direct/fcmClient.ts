/**
 * FCM HTTP v1: a service account's access token (OAuth2 JWT-bearer grant
 * through google-auth-library's JWT client, cached by it until shortly before
 * expiry) and `POST /v1/projects/<project_id>/messages:send`.
 *
 * google-auth-library 11 posts to https://oauth2.googleapis.com/token
 * whatever the key file's `token_uri` says (the problem noted in
 * googleapis/google-auth-library-java#159 for Java). The account's
 * `token_uri` is honoured here by setting the assertion's audience to it and
 * redirecting that one request, so the sandbox's (and any private
 * universe's) token endpoint works.
 *
 * Both the token request and the send go through the JWT client's transport
 * (gaxios), with the agent of the app's network layer: behind a proxy, both
 * take the CONNECT tunnel every AWS call takes (network.ts).
 */
import type { Agent } from 'node:http';
import { JWT } from 'google-auth-library';
import { fcmAdvice, type PushAdvice } from '../../../shared/push/directPushAdvice';
import { GOOGLE_TOKEN_URI, type ServiceAccount } from './credentials';
import { explainProxyFailure, PushProxyError } from './network';
import { redactProxyUrl, type ProxyResolver } from '../../aws/config/transport';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
export const FCM_HOST = 'https://fcm.googleapis.com';

export interface FcmClientOptions {
  /** Base URL of FCM (the sandbox's, a relay); default https://fcm.googleapis.com. */
  readonly baseUrl?: string;
  /** The HTTP agent for FCM and the token endpoint (the network layer's proxy-agent); default: Node's. */
  readonly agent?: Agent;
  /** The proxy the agent uses for a URL, to name it when it fails. */
  readonly proxyForUrl?: ProxyResolver;
  readonly timeoutMs?: number;
}

export interface FcmPush {
  readonly token: string;
  readonly account: ServiceAccount;
  /** The message without its target: notification, data, android, apns, webpush, fcm_options. */
  readonly message: Record<string, unknown>;
  readonly validateOnly?: boolean;
}

export interface FcmAnswer {
  readonly service: 'fcm';
  readonly ok: boolean;
  readonly status: number;
  /** `projects/<p>/messages/<id>` on success. */
  readonly messageName?: string;
  /** The FcmError errorCode, else the google.rpc status (e.g. UNREGISTERED, PERMISSION_DENIED). */
  readonly errorCode?: string;
  readonly rpcStatus?: string;
  readonly message?: string;
  readonly advice?: PushAdvice;
  readonly host: string;
  /** The proxy the message went through (password masked); absent when direct. */
  readonly proxy?: string;
  readonly projectId: string;
}

export class FcmAuthError extends Error {
  readonly code = 'FcmAuthFailed';
  constructor(
    message: string,
    readonly advice: PushAdvice,
  ) {
    super(message);
    this.name = 'FcmAuthError';
  }
}

export class FcmClient {
  private readonly clients = new Map<string, JWT>();
  /** Access tokens obtained so far (non-secret; for tests and diagnostics). */
  accessTokensFetched = 0;

  constructor(private readonly options: FcmClientOptions = {}) {}

  get host(): string {
    return (this.options.baseUrl ?? FCM_HOST).replace(/\/+$/, '');
  }

  async send(push: FcmPush): Promise<FcmAnswer> {
    const client = this.client(push.account);
    await this.accessToken(client, push.account);
    const url = `${this.host}/v1/projects/${encodeURIComponent(push.account.projectId)}/messages:send`;
    const body = { ...(push.validateOnly && { validate_only: true }), message: { ...push.message, token: push.token } };
    let res;
    try {
      // The JWT client adds the cached access token; every status is an answer to read, not an exception.
      res = await client.request<string>({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        data: JSON.stringify(body),
        responseType: 'text',
        validateStatus: () => true,
        retry: false,
        timeout: this.options.timeoutMs ?? 30_000,
      });
    } catch (error) {
      throw (await this.proxyFailure(error, url)) ?? error;
    }
    const json = parseJson(String(res.data ?? ''));
    const proxy = this.options.proxyForUrl ? await this.options.proxyForUrl(url) : '';
    const base = {
      service: 'fcm' as const,
      status: res.status,
      host: this.host,
      ...(proxy && { proxy: redactProxyUrl(proxy) }),
      projectId: push.account.projectId,
    };
    if (res.status >= 200 && res.status < 300)
      return { ...base, ok: true, ...(typeof json?.name === 'string' && { messageName: json.name }) };
    const error = parseRpcError(json);
    const errorCode = error.errorCode ?? error.rpcStatus ?? `HTTP_${res.status}`;
    if (error.rpcStatus === 'UNAUTHENTICATED') this.clients.delete(cacheKey(push.account));
    return {
      ...base,
      ok: false,
      errorCode,
      ...(error.rpcStatus !== undefined && { rpcStatus: error.rpcStatus }),
      ...(error.message !== undefined && { message: error.message }),
      advice: fcmAdvice(errorCode),
    };
  }

  /** One JWT client per account, kept for its cached access token. */
  private client(account: ServiceAccount): JWT {
    const key = cacheKey(account);
    const existing = this.clients.get(key);
    if (existing) return existing;
    const client = new JWT({
      email: account.clientEmail,
      key: account.privateKey,
      ...(account.privateKeyId !== undefined && { keyId: account.privateKeyId }),
      scopes: [FCM_SCOPE],
      ...(account.tokenUri !== GOOGLE_TOKEN_URI && { additionalClaims: { aud: account.tokenUri } }),
      // The token request takes the same agent and timeout as the send (gaxios has no timeout of its own).
      transporterOptions: {
        ...(this.options.agent && { agent: this.options.agent }),
        timeout: this.options.timeoutMs ?? 30_000,
      },
    });
    if (account.tokenUri !== GOOGLE_TOKEN_URI) {
      const tokenUri = account.tokenUri;
      client.transporter.interceptors.request.add({
        resolved: async (config) => {
          if (String(config.url) === GOOGLE_TOKEN_URI) config.url = new URL(tokenUri);
          return config;
        },
      });
    }
    client.on('tokens', () => (this.accessTokensFetched += 1));
    this.clients.set(key, client);
    return client;
  }

  private async proxyFailure(error: unknown, url: string): Promise<PushProxyError | undefined> {
    const proxy = this.options.proxyForUrl ? await this.options.proxyForUrl(url) : '';
    return explainProxyFailure(error, proxy, new URL(url).host);
  }

  private async accessToken(client: JWT, account: ServiceAccount): Promise<string> {
    try {
      const { token } = await client.getAccessToken();
      if (!token) throw new Error('no access token');
      return token;
    } catch (error) {
      this.clients.delete(cacheKey(account));
      throw (await this.proxyFailure(error, account.tokenUri)) ?? authError(error, account);
    }
  }
}

const cacheKey = (account: ServiceAccount) =>
  `${account.tokenUri} ${account.clientEmail} ${account.privateKeyId ?? ''}`;

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** google.rpc.Status: `details[].errorCode` (FcmError) first, then `error.status`, as the Admin SDK reads it. */
export function parseRpcError(json: Record<string, unknown> | undefined): {
  errorCode?: string;
  rpcStatus?: string;
  message?: string;
} {
  const error = json?.error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { status?: unknown; message?: unknown; details?: unknown };
  const details = Array.isArray(e.details) ? (e.details as { '@type'?: unknown; errorCode?: unknown }[]) : [];
  const fcm = details.find((d) => typeof d.errorCode === 'string' && String(d['@type'] ?? '').endsWith('FcmError'));
  return {
    ...(typeof fcm?.errorCode === 'string' && { errorCode: fcm.errorCode }),
    ...(typeof e.status === 'string' && { rpcStatus: e.status }),
    ...(typeof e.message === 'string' && { message: e.message }),
  };
}

function authError(error: unknown, account: ServiceAccount): FcmAuthError {
  const e = error as {
    response?: { status?: number; data?: { error?: unknown; error_description?: unknown } };
    code?: unknown;
    message?: unknown;
  };
  const oauth = e.response?.data;
  if (typeof oauth?.error === 'string') {
    const description = typeof oauth.error_description === 'string' ? `: ${oauth.error_description}` : '';
    return new FcmAuthError(
      `The token endpoint refused the service account ${account.clientEmail} (${oauth.error}${description}).`,
      fcmAdvice(oauth.error),
    );
  }
  const reason = typeof e.message === 'string' ? e.message : String(error);
  return new FcmAuthError(
    `Cannot get an access token for ${account.clientEmail} from ${new URL(account.tokenUri).host}: ${reason}`,
    {
      explanation: 'The OAuth2 token endpoint could not be reached or did not answer.',
      fix: 'Check the network (and proxy) and the service account’s token_uri.',
    },
  );
}
