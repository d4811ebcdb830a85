#!/usr/bin/env node
/**
 * The `chime-workbench` executable (package.json `bin`; built to
 * out/cli/index.js by `npm run build:cli`, plain Node, no Electron). Ctrl-C
 * (or SIGTERM) aborts the running command, whose waits stop and clean-ups run;
 * a second Ctrl-C exits at once. `sandbox …` hands over to the sandbox's own
 * command line (the same flags as `npm run sandbox`).
 */
import { runSandboxCli } from '../sandbox/cliMain';
import { BIN, runCli } from './program';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === 'sandbox') {
    await runSandboxCli(args.slice(1), `${BIN} sandbox`);
    return;
  }
  const controller = new AbortController();
  let signals = 0;
  const onSignal = () => {
    if (++signals > 1) process.exit(130);
    process.stderr.write('Stopping (cleaning up; Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await runCli(args, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  // Exit once stdout is written (a pipe may still hold it); kept-alive sockets must not hold the process.
  process.stdout.write('', () => process.exit(code));
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
