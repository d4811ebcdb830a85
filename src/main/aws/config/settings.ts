/**
 * Per-profile resolution of the shared-config settings every AWS client needs,
 * for a profile chosen at run time.
 *
 * Why not let the SDK read them: a client built with `profile: 'dev'` resolves
 * region, FIPS, dual-stack and retries for `dev`, but its configured endpoint
 * (`endpoint_url`, the `services` section, `ignore_configured_endpoint_urls`)
 * comes from `getEndpointFromConfig(serviceId)`, which calls `loadConfig`
 * WITHOUT the client's profile, so it reads AWS_PROFILE or `default`
 * (@smithy/core endpoints/middleware-endpoint/adaptors/getEndpointFromConfig.js).
 * So we run the SDK's own selectors here against the chosen profile's section,
 * hand the values to the client explicitly, and set the client's
 * `ignoreConfiguredEndpointUrls` so the SDK's own lookup never runs.
 *
 * Each value also records where it came from, for the UI's "why" line.
 */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import {
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  booleanSelector,
  SelectorType,
} from '@smithy/core/config';
import { NODE_MAX_ATTEMPT_CONFIG_OPTIONS, NODE_RETRY_MODE_CONFIG_OPTIONS } from '@smithy/core/retry';
import { sharedFilePaths, type ProfileSourceOptions, type Section } from '../profiles';
import { ENVIRONMENT_PROFILE } from '../../../shared/aws/types';

type Env = Readonly<Record<string, string | undefined>>;
type ParsedIni = Readonly<Record<string, Section>>;

/** The clients the app builds, by the serviceId their models declare. */
export const SERVICE_IDS = {
  identity: 'Chime SDK Identity',
  messaging: 'Chime SDK Messaging',
  pinpoint: 'Pinpoint',
  iam: 'IAM',
  sts: 'STS',
  sso: 'SSO',
  ssoOidc: 'SSO OIDC',
} as const;
export type ServiceName = keyof typeof SERVICE_IDS;

/** Where a value came from: an environment variable, a key of a config section, the app, or a default. */
export type SettingSource =
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'profile'; readonly profile: string; readonly key: string; readonly file: string }
  | { readonly kind: 'services'; readonly section: string; readonly key: string; readonly file: string }
  | { readonly kind: 'app'; readonly detail: string }
  | { readonly kind: 'default'; readonly detail: string };

export interface Sourced<T> {
  readonly value: T;
  readonly source: SettingSource;
}

export interface ProfileSettings {
  readonly profile: string;
  readonly service: ServiceName;
  readonly region: Sourced<string> | undefined;
  /** undefined value: no configured endpoint (the SDK's regional one applies). */
  readonly endpoint: Sourced<string | undefined>;
  readonly ignoreConfiguredEndpointUrls: Sourced<boolean>;
  readonly caBundle: Sourced<string | undefined>;
  readonly useFipsEndpoint: Sourced<boolean>;
  readonly useDualstackEndpoint: Sourced<boolean>;
  readonly retryMode: Sourced<string>;
  readonly maxAttempts: Sourced<number>;
  readonly configFile: string;
}

export interface AppDefaults {
  readonly retryMode: string;
  readonly maxAttempts: number;
}

export const APP_DEFAULTS: AppDefaults = { retryMode: 'adaptive', maxAttempts: 3 };

export interface SettingsOptions extends ProfileSourceOptions {
  /** A region the user picked in the app: wins over everything in the files. */
  readonly regionOverride?: string;
  readonly defaults?: AppDefaults;
}

export class ConfigSettingError extends Error {
  constructor(
    message: string,
    readonly profile: string,
    readonly setting: string,
  ) {
    super(message);
    this.name = 'ConfigSettingError';
  }
}

export async function resolveProfileSettings(
  profile: string,
  service: ServiceName,
  options: SettingsOptions = {},
): Promise<ProfileSettings> {
  const env = options.env ?? process.env;
  const paths = sharedFilePaths(options);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: paths.configFile,
    filepath: paths.credentialsFile,
    ignoreCache: true,
  });
  // The pseudo-profile "environment" reads no section (only the variables).
  const isFileProfile = profile !== ENVIRONMENT_PROFILE;
  if (isFileProfile && !configFile[profile] && !credentialsFile[profile]) {
    throw new ConfigSettingError(
      `Profile "${profile}" is not in ${paths.configFile} or ${paths.credentialsFile}.`,
      profile,
      'profile',
    );
  }
  const fromConfig: Section = isFileProfile ? (configFile[profile] ?? {}) : {};
  const fromCredentials: Section = isFileProfile ? (credentialsFile[profile] ?? {}) : {};
  // As the SDK's fromSharedConfigFiles merges: config file preferred for these settings.
  const section: Section = { ...fromCredentials, ...fromConfig };
  const at = (key: string): SettingSource => ({
    kind: 'profile',
    profile,
    key,
    file: key in fromConfig ? paths.configFile : paths.credentialsFile,
  });
  const defaults = options.defaults ?? APP_DEFAULTS;

  const pick = <T>(
    selectors: {
      environmentVariableSelector: (e: Env) => T | undefined;
      configFileSelector: (s: Section) => T | undefined;
    },
    envNames: readonly string[],
    key: string,
    fallback: Sourced<T>,
  ): Sourced<T> => {
    const fromEnv = guard(profile, key, () => selectors.environmentVariableSelector(env));
    if (fromEnv !== undefined)
      return {
        value: fromEnv,
        source: { kind: 'env', name: envNames.find((n) => env[n] !== undefined) ?? envNames[0] ?? key },
      };
    const fromFile = guard(profile, key, () => selectors.configFileSelector(section));
    if (fromFile !== undefined) return { value: fromFile, source: at(key) };
    return fallback;
  };

  const ignore = pick(
    {
      environmentVariableSelector: (e) => booleanSelector(e, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', SelectorType.ENV),
      configFileSelector: (s) => booleanSelector(s, 'ignore_configured_endpoint_urls', SelectorType.CONFIG),
    },
    ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'],
    'ignore_configured_endpoint_urls',
    { value: false, source: { kind: 'default', detail: 'configured endpoints are used' } },
  );
  const endpoint = ignore.value
    ? { value: undefined, source: ignore.source }
    : configuredEndpoint(env, profile, section, configFile, service, paths.configFile, at);

  const maxAttempts = pick(NODE_MAX_ATTEMPT_CONFIG_OPTIONS as never, ['AWS_MAX_ATTEMPTS'], 'max_attempts', {
    value: defaults.maxAttempts,
    source: { kind: 'app', detail: 'the app default' },
  }) as Sourced<number>;
  return {
    profile,
    service,
    region: resolveRegion(env, profile, configFile, credentialsFile, options.regionOverride, paths),
    endpoint,
    ignoreConfiguredEndpointUrls: ignore,
    caBundle: pick(
      {
        environmentVariableSelector: (e) => e['AWS_CA_BUNDLE'] || undefined,
        configFileSelector: (s) => s['ca_bundle'] || undefined,
      },
      ['AWS_CA_BUNDLE'],
      'ca_bundle',
      { value: undefined, source: { kind: 'default', detail: 'the system and Node trust store' } },
    ),
    useFipsEndpoint: pick(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, ['AWS_USE_FIPS_ENDPOINT'], 'use_fips_endpoint', {
      value: false,
      source: { kind: 'default', detail: 'off' },
    }),
    useDualstackEndpoint: pick(
      NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
      ['AWS_USE_DUALSTACK_ENDPOINT'],
      'use_dualstack_endpoint',
      {
        value: false,
        source: { kind: 'default', detail: 'off' },
      },
    ),
    retryMode: pick(NODE_RETRY_MODE_CONFIG_OPTIONS as never, ['AWS_RETRY_MODE'], 'retry_mode', {
      value: defaults.retryMode,
      source: { kind: 'app', detail: 'the app default' },
    }) as Sourced<string>,
    maxAttempts:
      Number.isInteger(maxAttempts.value) && maxAttempts.value >= 1
        ? maxAttempts
        : invalidAttempts(profile, maxAttempts),
    configFile: paths.configFile,
  };
}

/** The SDK's selectors throw on malformed values ("must be a number", "true or false"): name the profile and key. */
function guard<T>(profile: string, key: string, read: () => T): T {
  try {
    return read();
  } catch (thrown) {
    const why = thrown instanceof Error ? thrown.message : String(thrown);
    throw new ConfigSettingError(`Profile "${profile}": ${key} is not valid (${why}).`, profile, key);
  }
}

function invalidAttempts(profile: string, got: Sourced<number>): never {
  throw new ConfigSettingError(
    `Profile "${profile}": max_attempts must be a whole number of at least 1 (${describeSource(got.source)}).`,
    profile,
    'max_attempts',
  );
}

/**
 * The order of getEndpointUrlConfig (@smithy/core middleware-endpoint):
 * AWS_ENDPOINT_URL_<SERVICE_ID>, AWS_ENDPOINT_URL, then the profile's
 * `services` section key `<service_id>` / `endpoint_url`, then the profile's
 * `endpoint_url`. A `services = X` naming no `[services X]` section is an
 * error, as in the SDK (and botocore).
 */
function configuredEndpoint(
  env: Env,
  profile: string,
  section: Section,
  configFile: ParsedIni,
  service: ServiceName,
  file: string,
  at: (key: string) => SettingSource,
): Sourced<string | undefined> {
  const id = SERVICE_IDS[service];
  const serviceVar = ['AWS_ENDPOINT_URL', ...id.split(' ').map((w) => w.toUpperCase())].join('_');
  if (env[serviceVar]) return { value: env[serviceVar], source: { kind: 'env', name: serviceVar } };
  if (env['AWS_ENDPOINT_URL'])
    return { value: env['AWS_ENDPOINT_URL'], source: { kind: 'env', name: 'AWS_ENDPOINT_URL' } };
  const servicesName = section['services'];
  if (servicesName) {
    const services = configFile[`services.${servicesName}`];
    if (!services) {
      throw new ConfigSettingError(
        `Profile "${profile}" names services = ${servicesName}, but ${file} has no [services ${servicesName}] section.`,
        profile,
        'services',
      );
    }
    const key = id
      .split(' ')
      .map((w) => w.toLowerCase())
      .join('_');
    const url = services[`${key}.endpoint_url`];
    if (url)
      return { value: url, source: { kind: 'services', section: servicesName, key: `${key}.endpoint_url`, file } };
  }
  if (section['endpoint_url']) return { value: section['endpoint_url'], source: at('endpoint_url') };
  return { value: undefined, source: { kind: 'default', detail: `the regional ${id} endpoint` } };
}

/**
 * As the AWS CLI: the app's choice, AWS_REGION, AWS_DEFAULT_REGION, the
 * profile's `region`, then the region of its `source_profile` chain.
 * (The JS SDK alone reads neither AWS_DEFAULT_REGION nor the source profile,
 * and falls back to the EC2 metadata service, which can hang on a laptop.)
 */
function resolveRegion(
  env: Env,
  profile: string,
  configFile: ParsedIni,
  credentialsFile: ParsedIni,
  override: string | undefined,
  paths: { configFile: string; credentialsFile: string },
): Sourced<string> | undefined {
  if (override) return { value: override, source: { kind: 'app', detail: 'the region chosen in the app' } };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name];
    if (value) return { value, source: { kind: 'env', name } };
  }
  const seen = new Set<string>();
  for (let name: string | undefined = profile; name && name !== ENVIRONMENT_PROFILE && !seen.has(name);) {
    seen.add(name);
    // Credentials file wins for region, as NODE_REGION_CONFIG_FILE_OPTIONS says (preferredFile: credentials).
    const value = credentialsFile[name]?.['region'] ?? configFile[name]?.['region'];
    if (value) {
      const file = credentialsFile[name]?.['region'] ? paths.credentialsFile : paths.configFile;
      return {
        value,
        source: {
          kind: 'profile',
          profile: name,
          key: name === profile ? 'region' : `region (via source_profile)`,
          file,
        },
      };
    }
    name = configFile[name]?.['source_profile'] ?? credentialsFile[name]?.['source_profile'];
  }
  return undefined;
}

/** One line for the UI: "AWS_ENDPOINT_URL_STS", "profile dev (endpoint_url in ~/.aws/config)", … */
export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case 'env':
      return `environment variable ${source.name}`;
    case 'profile':
      return `profile "${source.profile}", ${source.key} in ${source.file}`;
    case 'services':
      return `[services ${source.section}] ${source.key} in ${source.file}`;
    case 'app':
      return source.detail;
    case 'default':
      return `default (${source.detail})`;
  }
}
