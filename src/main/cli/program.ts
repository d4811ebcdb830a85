/**
 * `chime-workbench`: the program (commander), its global flags and the
 * mapping of every way a run can end to the DESIGN exit codes. `runCli` runs
 * one command in-process (tests call it; index.ts is the executable) and
 * answers the exit code; it never calls process.exit.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { CliContext, type GlobalOptions } from './context';
import { CliError, ExitCode, Output, type CliStreams } from './io';
import type { Action, Run } from './command';
import { registerEndpoints } from './commands/endpoints';
import { registerAwaitState } from './commands/awaitState';
import { registerPush } from './commands/push';
import { registerDoctor } from './commands/doctor';
import { registerDevices } from './commands/devices';
import { registerSmoke } from './commands/smoke';
import { bashCompletion } from './completion';

export const BIN = 'chime-workbench';

export interface RunOptions extends CliStreams {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C: waits stop and clean-ups run. */
  readonly signal?: AbortSignal;
}

/** The package's version, from the package.json above this module (src/main/cli or out/cli). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'chime-endpoint-workbench' && pkg.version) return pkg.version;
    } catch {
      // not here: one folder up
    }
  }
  return '0.0.0';
}

export async function runCli(args: readonly string[], options: RunOptions): Promise<number> {
  const env = options.env ?? process.env;
  const signal = options.signal ?? new AbortController().signal;
  const streams: CliStreams = { stdout: options.stdout, stderr: options.stderr };
  const version = packageVersion();
  // Until a command's flags are parsed, failures print as --json / --no-color in argv ask.
  let out = new Output(streams, {
    json: args.includes('--json'),
    quiet: false,
    color: !args.includes('--no-color') && !env.NO_COLOR,
  });
  let exitCode: number = ExitCode.Ok;

  const run: Run =
    <O>(action: Action<O>) =>
    async (...actionArgs: unknown[]) => {
      const command = actionArgs[actionArgs.length - 1] as Command;
      const opts = command.optsWithGlobals<O & Record<string, unknown>>();
      const globals: GlobalOptions = {
        ...(typeof opts.profile === 'string' && { profile: opts.profile }),
        ...(typeof opts.region === 'string' && { region: opts.region }),
        ...(typeof opts.endpointUrl === 'string'
          ? { endpointUrl: opts.endpointUrl }
          : env.CHIME_WORKBENCH_ENDPOINT_URL
            ? { endpointUrl: env.CHIME_WORKBENCH_ENDPOINT_URL }
            : {}),
        json: opts.json === true,
        quiet: opts.quiet === true,
        color: opts.color !== false && !env.NO_COLOR,
      };
      out = new Output(streams, globals);
      const ctx = new CliContext({ globals, out, env, appVersion: version, signal });
      try {
        exitCode = (await action(ctx, opts)) ?? ExitCode.Ok;
      } finally {
        ctx.dispose();
      }
    };

  const program = new Command(BIN)
    .description(
      'Chime Endpoint Workbench on the command line: register endpoints, send and await pushes, run the doctor, in scripts and CI',
    )
    .version(version, '-V, --version')
    .option('--profile <name>', 'AWS profile (default: AWS_PROFILE, the environment keys, or default)')
    .option('--region <region>', "AWS region (default: the profile's, or the sandbox's)")
    .option('--endpoint-url <url>', 'a sandbox URL (also CHIME_WORKBENCH_ENDPOINT_URL)')
    .option('--json', 'print one JSON document on stdout (progress and logs stay on stderr)')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => streams.stdout.write(s), writeErr: (s) => streams.stderr.write(s) })
    .addHelpText(
      'after',
      `\nExit codes: 0 done, 1 a check or wait failed, 2 bad usage or input, 3 an AWS error, 4 APNs or FCM refused the push, 130 interrupted.\nThe sandbox: ${BIN} sandbox --help`,
    );

  registerEndpoints(program, run);
  registerAwaitState(program, run);
  registerPush(env)(program, run);
  registerDoctor(program, run);
  registerDevices(program, run);
  registerSmoke(program, run);
  program
    .command('sandbox')
    .description(
      'the local push cloud sandbox, with its own flags (see `sandbox --help`); must come first: chime-workbench sandbox --port 0 --seed demo',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(
      run(async () => {
        throw new CliError(`put "sandbox" first, then its flags: ${BIN} sandbox --port 0 --seed demo`, ExitCode.Usage, {
          code: 'Usage',
        });
      }),
    );
  program
    .command('completion')
    .description('print a bash completion script: source <(chime-workbench completion bash)')
    .argument('<shell>', 'bash (zsh: through bashcompinit)')
    .action(
      run<Record<string, never>>(async (ctx) => {
        const shell = program.args[1];
        if (shell !== 'bash')
          throw new CliError(
            `completion knows bash (zsh: autoload -U bashcompinit && bashcompinit, then the bash script), got "${String(shell)}"`,
            ExitCode.Usage,
            { code: 'Usage' },
          );
        ctx.out.streams.stdout.write(bashCompletion(program, BIN));
      }),
    );

  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exitCode 0; every parse error (and help shown for a missing command) is bad usage.
      if (error.exitCode === 0) return ExitCode.Ok;
      out.failure(new CliError(error.message.replace(/^error: /, ''), ExitCode.Usage, { code: 'Usage' }), true);
      return ExitCode.Usage;
    }
    if (error instanceof CliError) {
      out.failure(error);
      return error.exitCode;
    }
    if (signal.aborted) {
      out.failure(new CliError('Interrupted', ExitCode.Interrupted, { code: 'Cancelled' }));
      return ExitCode.Interrupted;
    }
    // Not a mapped failure (a network error reading the sandbox, an answer of an unexpected shape): one line, no stack.
    const failure = new CliError(describeThrown(error), ExitCode.Aws, {
      code: 'Unexpected',
    });
    out.failure(failure);
    return failure.exitCode;
  }
}

/** A thrown value as one line: fetch's "fetch failed" says why through its cause (ECONNREFUSED and the address). */
function describeThrown(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const why = [cause?.message, cause?.code].find((v): v is string => typeof v === 'string' && v !== '');
  return why && !error.message.includes(why) ? `${error.message}: ${why}` : error.message;
}
