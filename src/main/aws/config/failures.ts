/**
 * Turns a transport failure of a client built from resolveClientConfig into a
 * message naming the profile and the setting behind it (the endpoint and where
 * it was configured, the proxy, the CA bundle), instead of a bare "network
 * error". Answers undefined for anything that is not a transport failure, so
 * the caller's usual mapping (errors.ts toWorkbenchError) applies.
 *
 * Never echoes secrets: proxy URLs lose their password, and no request or
 * response body is quoted.
 */
import { WorkbenchCodes, type WorkbenchError } from '../../../shared/errors';
import { describeSource, ConfigSettingError, type ProfileSettings } from './settings';
import { ProxyRefusedError, redactProxyUrl } from './transport';

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'ETIMEDOUT',
]);

export interface FailureContext {
  readonly settings: ProfileSettings;
  /** The endpoint the client called, when known (resolved config or override). */
  readonly endpoint?: string;
  /** The proxy used for that endpoint ('' = direct). */
  readonly proxy?: string;
}

interface NodeErrorFields {
  code?: string;
  port?: number;
  address?: string;
  hostname?: string;
  cause?: unknown;
}

export function explainTransportFailure(thrown: unknown, ctx: FailureContext): WorkbenchError | undefined {
  const { settings } = ctx;
  const profile = `profile "${settings.profile}"`;
  if (thrown instanceof ConfigSettingError)
    return { code: WorkbenchCodes.InvalidInput, message: thrown.message, retryable: false };
  const refused = find(thrown, (e) => e instanceof ProxyRefusedError) as ProxyRefusedError | undefined;
  if (refused) {
    return {
      code: WorkbenchCodes.NetworkError,
      message: `${refused.message} Calls of ${profile} go through it because of ${proxySource()}.`,
      retryable: false,
    };
  }
  const err = find(thrown, (e) => typeof (e as NodeErrorFields).code === 'string') as
    (Error & NodeErrorFields) | undefined;
  const code = err?.code;
  const target = ctx.endpoint ?? `the regional ${settings.service} endpoint`;
  if (code && TLS_CODES.has(code)) {
    const ca = settings.caBundle.value
      ? `The CA bundle ${settings.caBundle.value} (${describeSource(settings.caBundle.source)}) does not hold the certificate's issuer.`
      : `No ca_bundle is set for ${profile}: if a private CA or a TLS-inspecting proxy signs this certificate, set ca_bundle in the profile or AWS_CA_BUNDLE to its PEM file.`;
    return {
      code: WorkbenchCodes.NetworkError,
      message: `The TLS certificate of ${target} did not verify (${code}). ${ca}`,
      retryable: false,
    };
  }
  if (code && UNREACHABLE.has(code)) {
    const proxy = ctx.proxy ? new URL(ctx.proxy) : undefined;
    if (proxy && err && samePort(err.port, proxy)) {
      return {
        code: WorkbenchCodes.NetworkError,
        message: `Cannot reach the proxy ${redactProxyUrl(ctx.proxy ?? '')} (${code}), which ${proxySource()} names for calls of ${profile}.`,
        retryable: true,
      };
    }
    const from =
      ctx.endpoint && ctx.endpoint === settings.endpoint.value
        ? ` (endpoint_url from ${describeSource(settings.endpoint.source)})`
        : '';
    return {
      code: WorkbenchCodes.NetworkError,
      message: `Cannot reach ${target}${from} for ${profile} (${code}).`,
      retryable: true,
    };
  }
  return undefined;
}

function samePort(port: number | undefined, proxy: URL): boolean {
  const proxyPort = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
  return port === proxyPort;
}

function proxySource(): string {
  return 'the proxy settings (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY, or the system proxy)';
}

/** The error or one of its causes (the SDK and agents wrap). */
function find(thrown: unknown, test: (e: unknown) => boolean): unknown {
  for (let e: unknown = thrown, depth = 0; e && depth < 5; e = (e as NodeErrorFields).cause, depth++) {
    if (test(e)) return e;
  }
  return undefined;
}
