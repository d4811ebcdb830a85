/**
 * Lists the profiles of the shared config and credentials files and says what
 * kind each is, without resolving any credential. The result crosses IPC, so
 * it copies names, ARNs, regions and URLs only: keys and tokens read from the
 * files stay inside this module.
 *
 * Classification mirrors the order of @aws-sdk/credential-provider-ini's
 * `resolveProfileData` (assume-role before static keys, then web identity,
 * credential_process, SSO), so the kind shown is the path the SDK will take.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { ENVIRONMENT_PROFILE, type ProfileKind, type ProfileList, type ProfileSummary } from '../../shared/aws/types';

export type Section = Readonly<Record<string, string | undefined>>;
type Env = Readonly<Record<string, string | undefined>>;

export interface ProfileSourceOptions {
  /** Environment to read AWS_CONFIG_FILE, AWS_PROFILE, AWS_REGION… from (default: process.env). */
  readonly env?: Env;
  /** Home folder holding `.aws/` (default: the OS home). */
  readonly homeDir?: string;
}

export interface SharedFilePaths {
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** Where the AWS CLI and SDKs look for the two files. */
export function sharedFilePaths(options: ProfileSourceOptions = {}): SharedFilePaths {
  const env = options.env ?? process.env;
  const home = options.homeDir ?? homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

const SSO_SESSION_PREFIX = 'sso-session.';
const SERVICES_PREFIX = 'services.';
const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'];

export interface SharedProfiles {
  /** Profile sections, config and credentials merged. Holds secrets: main only. */
  readonly profiles: ReadonlyMap<string, Section>;
  /** `[sso-session NAME]` sections by name. */
  readonly sessions: ReadonlyMap<string, Section>;
  readonly paths: SharedFilePaths;
}

/** Reads both files fresh (the user may edit ~/.aws/config while the app runs). */
export async function readSharedProfiles(options: ProfileSourceOptions = {}): Promise<SharedProfiles> {
  const paths = sharedFilePaths(options);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: paths.configFile,
    filepath: paths.credentialsFile,
    ignoreCache: true,
  });
  const sessions = new Map<string, Section>();
  const profiles = new Map<string, Section>();
  for (const [name, section] of Object.entries(configFile)) {
    if (name.startsWith(SSO_SESSION_PREFIX)) sessions.set(name.slice(SSO_SESSION_PREFIX.length), section);
    else if (!name.startsWith(SERVICES_PREFIX)) profiles.set(name, section);
  }
  // The SDK merges a profile's keys from both files, the credentials file winning.
  for (const [name, section] of Object.entries(credentialsFile)) {
    profiles.set(name, { ...profiles.get(name), ...section });
  }
  return { profiles, sessions, paths };
}

export async function listProfiles(options: ProfileSourceOptions = {}): Promise<ProfileList> {
  const env = options.env ?? process.env;
  const { profiles: merged, sessions, paths } = await readSharedProfiles(options);

  const hasEnvKeys = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const { defaultProfile, problems } = chooseDefault(env, merged, hasEnvKeys);
  const envRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;

  const profiles: ProfileSummary[] = [];
  if (hasEnvKeys) {
    profiles.push(withRegion({ name: ENVIRONMENT_PROFILE, kind: 'environment', isDefault: defaultProfile === ENVIRONMENT_PROFILE }, envRegion));
  }
  for (const name of [...merged.keys()].sort(byDefaultThenName)) {
    const section = merged.get(name) ?? {};
    const summary = describeProfile(name, section, { profiles: merged, sessions });
    profiles.push(withRegion({ ...summary, isDefault: name === defaultProfile }, section.region || envRegion));
  }
  return { profiles, defaultProfile, configFile: paths.configFile, credentialsFile: paths.credentialsFile, problems };
}

/**
 * AWS_PROFILE wins; otherwise environment keys, as the SDK's default chain
 * reads them before the files; otherwise the `default` profile if present.
 */
function chooseDefault(env: Env, profiles: ReadonlyMap<string, Section>, hasEnvKeys: boolean) {
  const problems: string[] = [];
  const named = env.AWS_PROFILE;
  if (named) {
    if (profiles.has(named)) return { defaultProfile: named, problems };
    problems.push(`AWS_PROFILE is set to "${named}", which is not in the config or credentials file.`);
  }
  if (hasEnvKeys) return { defaultProfile: ENVIRONMENT_PROFILE, problems };
  return { defaultProfile: profiles.has('default') ? 'default' : undefined, problems };
}

interface Context {
  readonly profiles: ReadonlyMap<string, Section>;
  readonly sessions: ReadonlyMap<string, Section>;
}

type Described = Omit<ProfileSummary, 'isDefault' | 'region'>;

/** Kind and non-secret details of one profile section. */
function describeProfile(name: string, s: Section, ctx: Context): Described {
  if (s.role_arn && !s.web_identity_token_file) return describeAssumeRole(name, s, ctx);
  if (s.aws_access_key_id || s.aws_secret_access_key) {
    const missing = !s.aws_access_key_id ? 'aws_access_key_id' : !s.aws_secret_access_key ? 'aws_secret_access_key' : undefined;
    return entry(name, 'static', {}, missing && `Has no ${missing}.`);
  }
  if (s.web_identity_token_file) {
    return entry(name, 'web-identity', { roleArn: s.role_arn }, s.role_arn ? undefined : 'Has web_identity_token_file but no role_arn.');
  }
  if (s.credential_process) return entry(name, 'credential-process', {});
  if (s.sso_session || s.sso_start_url || s.sso_account_id || s.sso_role_name || s.sso_region) return describeSso(name, s, ctx);
  return entry(name, 'unknown', {}, 'No credentials: expected access keys, role_arn, sso_session, sso_start_url or credential_process.');
}

function describeAssumeRole(name: string, s: Section, ctx: Context): Described {
  const kind: ProfileKind = s.mfa_serial ? 'assume-role-mfa' : 'assume-role';
  const details = { roleArn: s.role_arn, mfaSerial: s.mfa_serial, sourceProfile: s.source_profile, credentialSource: s.credential_source };
  let problem: string | undefined;
  if (s.source_profile && s.credential_source) problem = 'Sets both source_profile and credential_source; use one.';
  else if (!s.source_profile && !s.credential_source) problem = 'Has role_arn but neither source_profile nor credential_source.';
  else if (s.source_profile && !ctx.profiles.has(s.source_profile)) problem = `source_profile "${s.source_profile}" does not exist.`;
  else if (s.credential_source && !CREDENTIAL_SOURCES.includes(s.credential_source)) {
    problem = `credential_source must be one of ${CREDENTIAL_SOURCES.join(', ')}.`;
  }
  return entry(name, kind, details, problem);
}

function describeSso(name: string, s: Section, ctx: Context): Described {
  const session = s.sso_session ? ctx.sessions.get(s.sso_session) : undefined;
  const details = {
    ssoSession: s.sso_session,
    ssoStartUrl: session?.sso_start_url ?? s.sso_start_url,
    ssoAccountId: s.sso_account_id,
    ssoRoleName: s.sso_role_name,
  };
  if (s.sso_session && !session) return entry(name, 'sso', details, `[sso-session ${s.sso_session}] is not in the config file.`);
  const required = s.sso_session ? ['sso_account_id', 'sso_role_name'] : ['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'];
  const sessionRequired = session ? ['sso_start_url', 'sso_region'].filter((k) => !session[k]) : [];
  const missing = [...required.filter((k) => !s[k]), ...sessionRequired];
  return entry(name, 'sso', details, missing.length ? `SSO configuration is missing ${missing.join(', ')}.` : undefined);
}

/** Drops undefined fields so the IPC payload stays small and exact. */
function entry(name: string, kind: ProfileKind, details: Record<string, string | undefined>, problem?: string): Described {
  const defined = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== ''));
  return { name, kind, ...defined, ...(problem ? { problem } : {}) };
}

function withRegion(summary: ProfileSummary, region: string | undefined): ProfileSummary {
  return region ? { ...summary, region } : summary;
}

function byDefaultThenName(a: string, b: string): number {
  if (a === 'default') return -1;
  if (b === 'default') return 1;
  return a.localeCompare(b);
}
