/**
 * "Copy as AWS CLI command": the same call as an `aws chime-sdk-identity …`
 * line a user can paste into a POSIX shell (bash, zsh, sh) or PowerShell.
 *
 * A copied command must run as pasted, so:
 * - the idempotency token (ClientRequestToken) of a mutating call is left
 *   out: the CLI generates a fresh one (it is an `idempotencyToken` member of
 *   the service model), where reusing the logged one would answer
 *   ConflictException or replay the old call;
 * - hidden device tokens become `<DEVICE_TOKEN>` / `<VOIP_DEVICE_TOKEN>`
 *   (tokenPlaceholders), never the shortened `abcd…wxyz` that would register
 *   a garbage token;
 * - flat structures of plain values (EndpointAttributes) use the CLI's
 *   shorthand `Key=value,…`, which has no double quotes: Windows PowerShell
 *   5.1 strips double quotes from arguments to native programs, so JSON
 *   survives only in PowerShell 7.3 and later there.
 *
 * Every value is either plain (only characters no shell treats specially) or
 * single-quoted, where nothing is special and a `'` is written `'\''`. Two
 * AWS CLI behaviours need care beyond quoting:
 * - a parameter value starting with `file://` or `fileb://` (and `http(s)://`
 *   with the v1 CLI's paramfile setting) is read from that file or URL
 *   instead of taken literally, so such members go through
 *   `--cli-input-json`, which the CLI takes verbatim;
 * - a value starting with `-` would be parsed as an option, so it is attached
 *   with `=`.
 */
import { OPERATIONS, type OperationDefinition, type OperationName } from '../chime/operations';
import { ENVIRONMENT_PROFILE, type ConnectionInfo } from './types';

export interface CliTarget {
  readonly kind: ConnectionInfo['kind'];
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

export const CLI_SHELLS = ['posix', 'powershell'] as const;
export type CliShell = (typeof CLI_SHELLS)[number];

export interface CliOptions {
  /** One argument per line, joined with ` \` (POSIX) or `` ` `` (PowerShell) (default: one line). */
  readonly multiline?: boolean;
  /** 'posix' (bash, zsh, sh; the default) or 'powershell'. */
  readonly shell?: CliShell;
}

/** What stands for a hidden token in a copied command. */
export const TOKEN_PLACEHOLDERS: Readonly<Record<string, string>> = { DeviceToken: '<DEVICE_TOKEN>', VoipDeviceToken: '<VOIP_DEVICE_TOKEN>' };

/** A deep copy of `input` with every DeviceToken / VoipDeviceToken replaced by its placeholder. */
export function tokenPlaceholders<T>(input: T): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, typeof member === 'string' && TOKEN_PLACEHOLDERS[key] ? TOKEN_PLACEHOLDERS[key] : walk(member)]),
    );
  };
  return walk(input) as T;
}

/** `ListAppInstanceUsers` → `list-app-instance-users`; `ResourceARN` → `resource-arn` (botocore's xform_name). */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote one word for a POSIX shell. */
export function shellQuote(value: string): string {
  if (PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// PowerShell also treats `@` (splatting), `,` (arrays) and a leading `-` specially: quote those too.
const PS_PLAIN = /^[A-Za-z0-9_%+=:./][A-Za-z0-9_%+=:./-]*$/;

/** Quote one word for PowerShell: single quotes are literal there, and `'` inside is written `''`. */
export function powershellQuote(value: string): string {
  if (PS_PLAIN.test(value)) return value;
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

const PARAMFILE_PREFIX = /^(file|fileb|https?):\/\//i;

export function buildCliCommand(operation: OperationName, input: Readonly<Record<string, unknown>>, target: CliTarget, options: CliOptions = {}): string {
  // The model's member order, so the same call always prints the same line. The logged
  // ClientRequestToken is left out: the CLI makes a fresh one, and the logged one would conflict.
  const idempotencyToken = (OPERATIONS[operation] as OperationDefinition).idempotencyToken;
  const ordered: Record<string, unknown> = {};
  for (const name of Object.keys(OPERATIONS[operation].input)) if (name !== idempotencyToken) ordered[name] = input[name];
  return buildAwsCliCommand('chime-sdk-identity', operation, ordered, target, options);
}

/**
 * The same, for any AWS CLI service (`pinpoint`, `iam`, `chime-sdk-messaging`, …):
 * `input` holds the operation's members by their model names, in the order
 * they should print.
 */
export function buildAwsCliCommand(
  service: string,
  operation: string,
  input: Readonly<Record<string, unknown>>,
  target: CliTarget,
  options: CliOptions = {},
): string {
  const quote = options.shell === 'powershell' ? powershellQuote : shellQuote;
  const words: string[] = [`aws ${service} ${kebabCase(operation)}`];
  const verbatim: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && PARAMFILE_PREFIX.test(value)) {
      verbatim[name] = value;
      continue;
    }
    words.push(flag(kebabCase(name), formatValue(value, quote)));
  }
  if (Object.keys(verbatim).length > 0) words.push(flag('cli-input-json', quote(JSON.stringify(verbatim))));
  if (target.kind === 'profile' && target.profile && target.profile !== ENVIRONMENT_PROFILE) {
    words.push(flag('profile', quote(target.profile)));
  }
  if (target.region) words.push(flag('region', quote(target.region)));
  if (target.endpointUrl) words.push(flag('endpoint-url', quote(target.endpointUrl)));
  const continuation = options.shell === 'powershell' ? ' `\n  ' : ' \\\n  ';
  return words.join(options.multiline ? continuation : ' ');
}

// A shorthand value may not contain what the shorthand parser splits on or unquotes.
const SHORTHAND_VALUE = /^[^,=[\]{}"'\s\\]+$/;

/** A quoted value (already shell-safe). */
function formatValue(value: unknown, quote: (word: string) => string): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  // A flat structure of plain strings: shorthand (`DeviceToken=…,VoipDeviceToken=…`), no double quotes.
  if (!Array.isArray(value) && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([k, v]) => /^[A-Za-z0-9]+$/.test(k) && typeof v === 'string' && SHORTHAND_VALUE.test(v))) {
      return quote(entries.map(([k, v]) => `${k}=${String(v)}`).join(','));
    }
  }
  // Other structures and lists: JSON, which the CLI accepts for any non-scalar parameter.
  return quote(JSON.stringify(value));
}

/** `--name value`, or `--name=value` when the value would look like an option. */
function flag(name: string, quoted: string): string {
  const startsWithDash = quoted.startsWith('-') || quoted.startsWith("'-");
  return startsWithDash ? `--${name}=${quoted}` : `--${name} ${quoted}`;
}
