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
 */
import { JWT } from 'google-auth-library';
import { fcmAdvice, type PushAdvice } from '../../../shared/push/directPushAdvice';
import { GOOGLE_TOKEN_URI, type ServiceAccount } from './credentials';

export const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
export const FCM_HOST = 'https://fcm.googleapis.com';

export interface FcmClientOptions {
  /** Base URL of FCM (the sandbox's, a relay); default https://fcm.googleapis.com. */
  readonly baseUrl?: string;
  /** Test seam and proxy hook. */
  readonly fetch?: typeof fetch;
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
    const accessToken = await this.accessToken(push.account);
    const url = `${this.host}/v1/projects/${encodeURIComponent(push.account.projectId)}/messages:send`;
    const body = { ...(push.validateOnly && { validate_only: true }), message: { ...push.message, token: push.token } };
    const res = await (this.options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    const json = parseJson(text);
    const base = { service: 'fcm' as const, status: res.status, host: this.host, projectId: push.account.projectId };
    if (res.ok) return { ...base, ok: true, ...(typeof json?.name === 'string' && { messageName: json.name }) };
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

  private async accessToken(account: ServiceAccount): Promise<string> {
    const key = cacheKey(account);
    let client = this.clients.get(key);
    if (!client) {
      client = new JWT({
        email: account.clientEmail,
        key: account.privateKey,
        ...(account.privateKeyId !== undefined && { keyId: account.privateKeyId }),
        scopes: [FCM_SCOPE],
        ...(account.tokenUri !== GOOGLE_TOKEN_URI && { additionalClaims: { aud: account.tokenUri } }),
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
    }
    try {
      const { token } = await client.getAccessToken();
      if (!token) throw new Error('no access token');
      return token;
    } catch (error) {
      this.clients.delete(key);
      throw authError(error, account);
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
