/**
 * "Copy as AWS CLI command": the same call as an `aws chime-sdk-identity …`
 * line a user can paste into a POSIX shell (bash, zsh, sh).
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
import { OPERATIONS, type OperationName } from '../chime/operations';
import { ENVIRONMENT_PROFILE, type ConnectionInfo } from './types';

export interface CliTarget {
  readonly kind: ConnectionInfo['kind'];
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

export interface CliOptions {
  /** One argument per line, joined with ` \` (default: one line). */
  readonly multiline?: boolean;
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

const PARAMFILE_PREFIX = /^(file|fileb|https?):\/\//i;

export function buildCliCommand(operation: OperationName, input: Readonly<Record<string, unknown>>, target: CliTarget, options: CliOptions = {}): string {
  // The model's member order, so the same call always prints the same line.
  const ordered: Record<string, unknown> = {};
  for (const name of Object.keys(OPERATIONS[operation].input)) ordered[name] = input[name];
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
  const words: string[] = [`aws ${service} ${kebabCase(operation)}`];
  const verbatim: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && PARAMFILE_PREFIX.test(value)) {
      verbatim[name] = value;
      continue;
    }
    words.push(flag(kebabCase(name), formatValue(value)));
  }
  if (Object.keys(verbatim).length > 0) words.push(flag('cli-input-json', shellQuote(JSON.stringify(verbatim))));
  if (target.kind === 'profile' && target.profile && target.profile !== ENVIRONMENT_PROFILE) {
    words.push(flag('profile', shellQuote(target.profile)));
  }
  if (target.region) words.push(flag('region', shellQuote(target.region)));
  if (target.endpointUrl) words.push(flag('endpoint-url', shellQuote(target.endpointUrl)));
  return words.join(options.multiline ? ' \\\n  ' : ' ');
}

/** A quoted value (already shell-safe). */
function formatValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return shellQuote(value);
  // Structures and lists: JSON, which the CLI accepts for any non-scalar parameter.
  return shellQuote(JSON.stringify(value));
}

/** `--name value`, or `--name=value` when the value would look like an option. */
function flag(name: string, quoted: string): string {
  const startsWithDash = quoted.startsWith('-') || quoted.startsWith("'-");
  return startsWithDash ? `--${name}=${quoted}` : `--${name} ${quoted}`;
}
