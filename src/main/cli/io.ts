/**
 * What every command writes and how it ends: results on stdout (one JSON
 * document with `--json`, else readable text), progress and logs on stderr,
 * and the DESIGN exit codes. A command fails by throwing a CliError; the
 * program prints its one-line message (never a stack trace) and exits with its
 * code.
 */
import { WorkbenchCodes, type WorkbenchError } from '../../shared/errors';

/** DESIGN "The command line (contract)": 0 done, 1 a check or wait failed, 2 bad usage or input, 3 an AWS error, 4 APNs/FCM refused. */
export const ExitCode = { Ok: 0, CheckFailed: 1, Usage: 2, Aws: 3, PushRefused: 4, Interrupted: 130 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The version of every `--json` document's shape (README "The command line", JSON output). */
export const JSON_SCHEMA_VERSION = 1;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    /** The failure as data, for `--json` (`{"schemaVersion":1,"error":{…}}`). */
    readonly detail: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, ExitCode.Usage, { code: 'Usage' });

/** Which exit code a mapped failure earns: the input was wrong (2), a cancel (130), else AWS answered or could not be reached (3). */
export function exitCodeOf(error: WorkbenchError): ExitCodeValue {
  if (error.code === WorkbenchCodes.InvalidInput) return ExitCode.Usage;
  if (error.code === WorkbenchCodes.Cancelled) return ExitCode.Interrupted;
  return ExitCode.Aws;
}

/** A WorkbenchError as a CliError: the service's code and request id in the line (issue 17: "the AWS error's code and request id"). */
export function fromWorkbenchError(error: WorkbenchError, what?: string): CliError {
  const request = error.requestId ? ` (request id ${error.requestId})` : '';
  const prefix = what ? `${what}: ` : '';
  const issues =
    error.issues?.length && !error.issues.every((i) => error.message.includes(i.message))
      ? ` [${error.issues.map((i) => (i.member ? `${i.member}: ${i.message}` : i.message)).join('; ')}]`
      : '';
  return new CliError(`${prefix}${error.code}: ${error.message}${issues}${request}`, exitCodeOf(error), {
    code: error.code,
    message: error.message,
    ...(error.requestId !== undefined && { requestId: error.requestId }),
    ...(error.httpStatus !== undefined && { httpStatus: error.httpStatus }),
  });
}

export interface CliStreams {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

export interface OutputOptions {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
}

const PAINT = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export class Output {
  constructor(
    readonly streams: CliStreams,
    readonly options: OutputOptions,
  ) {}

  get json(): boolean {
    return this.options.json;
  }

  /** Progress and logs (stderr); silent with --quiet. */
  progress(line: string): void {
    if (!this.options.quiet) this.streams.stderr.write(`${line}\n`);
  }

  /** A warning (stderr) that --quiet does not hide: something the user should act on. */
  warn(line: string): void {
    this.streams.stderr.write(`${this.paint('yellow', 'warning:', this.streams.stderr)} ${line}\n`);
  }

  /** The command's result: `document` as JSON with --json, else `text` (a line or a table). */
  result(document: Record<string, unknown>, text: () => string): void {
    if (this.options.json)
      this.streams.stdout.write(`${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, ...document }, null, 2)}\n`);
    else {
      const body = text();
      if (body) this.streams.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
    }
  }

  /** The one line a failure prints (stderr; unless the parser `printed` it), plus its JSON document on stdout with --json. */
  failure(error: CliError, printed = false): void {
    if (!printed) this.streams.stderr.write(`${this.paint('red', 'error:', this.streams.stderr)} ${error.message}\n`);
    if (this.options.json) {
      this.streams.stdout.write(
        `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, error: { exitCode: error.exitCode, message: error.message, ...error.detail } }, null, 2)}\n`,
      );
    }
  }

  paint(color: keyof typeof PAINT, text: string, stream: CliStreams['stdout'] = this.streams.stdout): string {
    return this.options.color && stream.isTTY ? `\u001b[${PAINT[color]}m${text}\u001b[0m` : text;
  }
}

/** Rows as aligned columns with a header line; an empty list says so. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | undefined)[])[],
  empty = '(none)',
): string {
  if (rows.length === 0) return empty;
  const cells = [headers, ...rows.map((r) => r.map((c) => c ?? '-'))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}
