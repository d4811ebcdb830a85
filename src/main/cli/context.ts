/**
 * The connection a command runs on, from the global flags, through the app's
 * own ConnectionManager (the same profiles, shared-config settings, client
 * factory and error mapping as the app, not a copy):
 * - `--endpoint-url URL`: a sandbox (its region from its /_sandbox/health unless `--region`);
 * - else `--profile P` (else AWS_PROFILE, the environment keys or `default`, as the AWS CLI picks), in
 *   `--region` or the profile's region.
 * Built on first use, so `--help`, `devices` and `deliveries` never read a profile.
 */
import { ConnectionManager, defaultProfileConnection } from '../aws/connections';
import { listProfiles, type ProfileSourceOptions } from '../aws/profiles';
import type { ServiceClients } from '../aws/chimeClient';
import type { CliTarget } from '../../shared/aws/cli';
import type { ConnectionInfo } from '../../shared/aws/types';
import { DEFAULT_REGION, isRegionName } from '../../shared/aws/regions';
import { SANDBOX_CREDENTIALS } from '../sandbox';
import { CliError, ExitCode, fromWorkbenchError, usageError, type Output } from './io';

export interface GlobalOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
}

export interface ContextOptions {
  readonly globals: GlobalOptions;
  readonly out: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly appVersion: string;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: waits stop, clean-ups run. */
  readonly signal: AbortSignal;
}

export class CliContext {
  readonly out: Output;
  readonly globals: GlobalOptions;
  readonly signal: AbortSignal;
  readonly #profileSource: ProfileSourceOptions;
  readonly #appVersion: string;
  #connected: Promise<ConnectionManager> | undefined;
  #manager: ConnectionManager | undefined;

  constructor(options: ContextOptions) {
    this.out = options.out;
    this.globals = options.globals;
    this.signal = options.signal;
    this.#profileSource = { env: options.env };
    this.#appVersion = options.appVersion;
    if (options.globals.region !== undefined && !isRegionName(options.globals.region)) {
      throw usageError(`--region needs a region name such as us-east-1, got "${options.globals.region}"`);
    }
    if (options.globals.endpointUrl !== undefined) sandboxBase(options.globals.endpointUrl);
  }

  /** The sandbox's URL (`--endpoint-url`); commands that only exist on a sandbox require it. */
  sandboxUrl(command: string): string {
    const url = this.globals.endpointUrl;
    if (!url)
      throw usageError(
        `${command} works on a sandbox only: pass --endpoint-url URL (e.g. the URL \`chime-workbench sandbox\` prints)`,
      );
    return sandboxBase(url);
  }

  get onSandbox(): boolean {
    return this.globals.endpointUrl !== undefined;
  }

  /** The selected connection (selecting it on first use). */
  connections(): Promise<ConnectionManager> {
    this.#connected ??= this.#connect();
    return this.#connected;
  }

  async clients(): Promise<ServiceClients> {
    const clients = await (await this.connections()).clients();
    if (!clients.ok) throw fromWorkbenchError(clients.error);
    return clients.value;
  }

  async info(): Promise<ConnectionInfo> {
    const info = (await this.connections()).current();
    if (!info) throw new CliError('No connection is selected.', ExitCode.Usage);
    return info;
  }

  /** Where the doctor's fix commands point (`--profile`, `--region`, `--endpoint-url`). */
  async cliTarget(): Promise<CliTarget> {
    const info = await this.info();
    return {
      kind: info.kind,
      region: info.region,
      ...(info.profile && { profile: info.profile }),
      ...(info.endpointUrl && { endpointUrl: info.endpointUrl }),
    };
  }

  dispose(): void {
    this.#manager?.dispose();
  }

  async #connect(): Promise<ConnectionManager> {
    const { globals } = this;
    const url = globals.endpointUrl ? sandboxBase(globals.endpointUrl) : undefined;
    const manager = new ConnectionManager({
      sandboxEndpoint: () => ({ url: url ?? '', credentials: SANDBOX_CREDENTIALS }),
      profileSource: this.#profileSource,
      client: { appVersion: this.#appVersion },
    });
    this.#manager = manager;
    let selected;
    if (url) {
      if (globals.profile)
        throw usageError(
          '--endpoint-url (a sandbox) and --profile do not go together: for a profile with its own endpoint, set endpoint_url in its config',
        );
      selected = await manager.select({ kind: 'sandbox', region: globals.region ?? (await sandboxRegion(url)) });
    } else {
      const profile = globals.profile ?? (await defaultProfileConnection(this.#profileSource))?.connection.profile;
      if (!profile) {
        throw usageError(
          'No AWS profile to use: pass --profile NAME (or set AWS_PROFILE or the AWS_ACCESS_KEY_ID environment keys), or --endpoint-url URL for a sandbox',
        );
      }
      const summary = (await listProfiles(this.#profileSource)).profiles.find((p) => p.name === profile);
      if (summary?.problem) throw usageError(`Profile "${profile}" cannot be used: ${summary.problem}`);
      selected = await manager.select({
        kind: 'profile',
        profile,
        region: globals.region ?? summary?.region ?? DEFAULT_REGION,
      });
    }
    if (!selected.ok) throw fromWorkbenchError(selected.error);
    const info = selected.value;
    this.out.progress(
      `Connected to ${info.kind === 'sandbox' ? `the sandbox ${info.endpointUrl}` : `profile ${info.profile}`} (${info.region})`,
    );
    return manager;
  }
}

function sandboxBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--endpoint-url needs a URL such as http://127.0.0.1:45660, got "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw usageError(`--endpoint-url needs an http(s) URL, got "${url}"`);
  return url.replace(/\/+$/, '');
}

/** The sandbox's own region (its ARNs carry it); the default region when it does not say. */
async function sandboxRegion(url: string): Promise<string> {
  try {
    const health = (await (await fetch(`${url}/_sandbox/health`)).json()) as { region?: unknown };
    return typeof health.region === 'string' && isRegionName(health.region) ? health.region : DEFAULT_REGION;
  } catch (error) {
    throw new CliError(
      `The sandbox at ${url} does not answer (${error instanceof Error ? error.message : String(error)}); start it with \`chime-workbench sandbox\``,
      ExitCode.Aws,
      { code: 'NetworkError' },
    );
  }
}
