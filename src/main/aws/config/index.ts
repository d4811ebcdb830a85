/**
 * `resolveClientConfig(profile, service)`: everything the shared config says
 * for one client of one profile, ready to spread into an SDK client's
 * constructor, plus the "where did this come from" lines the UI shows.
 *
 * The returned config always sets `ignoreConfiguredEndpointUrls: true`: the
 * endpoint was already resolved here for the right profile, and the SDK's own
 * lookup would read AWS_PROFILE/default instead (see settings.ts).
 */
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  describeSource,
  resolveProfileSettings,
  type ProfileSettings,
  type ServiceName,
  type SettingsOptions,
  type SettingSource,
} from './settings';
import { createTransport, redactProxyUrl, type ProxyResolver } from './transport';
import { explainTransportFailure } from './failures';
import type { WorkbenchError } from '../../../shared/errors';

export { SERVICE_IDS, APP_DEFAULTS, ConfigSettingError, describeSource, resolveProfileSettings } from './settings';
export type { ServiceName, SettingSource, Sourced, ProfileSettings, AppDefaults } from './settings';
export {
  createTransport,
  proxyFromEnv,
  proxyFromPacResult,
  redactProxyUrl,
  ProxyRefusedError,
  type ProxyResolver,
  type Transport,
} from './transport';
export { explainTransportFailure, type FailureContext } from './failures';

export interface ClientConfigOptions extends SettingsOptions {
  /** A sandbox URL or the user's explicit endpoint: wins over the files, as `--endpoint-url` does. */
  readonly endpointOverride?: string;
  readonly proxyForUrl?: ProxyResolver;
  readonly timeoutMs?: number;
}

/** Spread into `new XClient({...config, credentials})`. Holds no secret. */
export interface ResolvedClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly useFipsEndpoint: boolean;
  readonly useDualstackEndpoint: boolean;
  readonly retryMode: string;
  readonly maxAttempts: number;
  readonly ignoreConfiguredEndpointUrls: true;
  readonly requestHandler: NodeHttpHandler;
}

export interface SettingExplanation {
  readonly setting:
    | 'region'
    | 'endpoint_url'
    | 'ignore_configured_endpoint_urls'
    | 'ca_bundle'
    | 'use_fips_endpoint'
    | 'use_dualstack_endpoint'
    | 'retry_mode'
    | 'max_attempts'
    | 'proxy';
  readonly value: string;
  /** e.g. `profile "dev", endpoint_url in /home/me/.aws/config`. */
  readonly from: string;
}

export interface ClientConfigResolution {
  readonly config: ResolvedClientConfig;
  /** PEM certificates trusted (default roots + ca_bundle), for other transports (HTTP/2 pushes). */
  readonly ca: readonly string[] | undefined;
  readonly explanation: readonly SettingExplanation[];
  readonly settings: ProfileSettings;
  /**
   * A transport failure of a client built from `config` as a message naming
   * the profile and the setting (endpoint and its source, proxy, CA bundle);
   * undefined when `thrown` is not one (map it as usual).
   */
  explainFailure(thrown: unknown): WorkbenchError | undefined;
  /** Closes the sockets of the request handler (also done by client.destroy()). */
  destroy(): void;
}

const FALLBACK_REGION = 'us-east-1';

export async function resolveClientConfig(
  profile: string,
  service: ServiceName,
  options: ClientConfigOptions = {},
): Promise<ClientConfigResolution> {
  const settings = await resolveProfileSettings(profile, service, options);
  const caSetting = settings.caBundle.source.kind === 'env' ? settings.caBundle.source.name : 'ca_bundle';
  const transport = createTransport({
    ...(options.env ? { env: options.env } : {}),
    ...(settings.caBundle.value ? { caBundle: settings.caBundle.value } : {}),
    profile,
    caBundleSetting: caSetting,
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const endpoint = options.endpointOverride ?? settings.endpoint.value;
  const region = settings.region?.value ?? FALLBACK_REGION;
  const config: ResolvedClientConfig = {
    region,
    ...(endpoint ? { endpoint } : {}),
    useFipsEndpoint: settings.useFipsEndpoint.value,
    useDualstackEndpoint: settings.useDualstackEndpoint.value,
    retryMode: settings.retryMode.value,
    maxAttempts: settings.maxAttempts.value,
    ignoreConfiguredEndpointUrls: true,
    requestHandler: transport.requestHandler,
  };
  const probe = endpoint ?? 'https://amazonaws.com/';
  const proxy = await transport.proxyForUrl(probe);
  const explanation: SettingExplanation[] = [
    {
      setting: 'region',
      value: region,
      from: settings.region
        ? describeSource(settings.region.source)
        : `default (${FALLBACK_REGION}: no region configured)`,
    },
    {
      setting: 'endpoint_url',
      value: endpoint ?? '(regional endpoint)',
      from: options.endpointOverride
        ? 'the app (sandbox or explicit endpoint)'
        : describeSource(settings.endpoint.source),
    },
    line(
      'ignore_configured_endpoint_urls',
      String(settings.ignoreConfiguredEndpointUrls.value),
      settings.ignoreConfiguredEndpointUrls.source,
    ),
    line('ca_bundle', settings.caBundle.value ?? '(none)', settings.caBundle.source),
    line('use_fips_endpoint', String(settings.useFipsEndpoint.value), settings.useFipsEndpoint.source),
    line('use_dualstack_endpoint', String(settings.useDualstackEndpoint.value), settings.useDualstackEndpoint.source),
    line('retry_mode', settings.retryMode.value, settings.retryMode.source),
    line('max_attempts', String(settings.maxAttempts.value), settings.maxAttempts.source),
    {
      setting: 'proxy',
      value: proxy ? redactProxyUrl(proxy) : 'direct',
      from: options.proxyForUrl
        ? 'the system proxy settings'
        : 'environment (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY; loopback is always direct)',
    },
  ];
  const failureContext = { settings, ...(endpoint ? { endpoint } : {}), proxy };
  return {
    config,
    ca: transport.ca,
    explanation,
    settings,
    explainFailure: (thrown) => explainTransportFailure(thrown, failureContext),
    destroy: transport.destroy,
  };
}

function line(setting: SettingExplanation['setting'], value: string, source: SettingSource): SettingExplanation {
  return { setting, value, from: describeSource(source) };
}
