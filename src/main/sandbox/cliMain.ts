/**
 * The sandbox as a standalone process, shared by `npm run sandbox -- …`
 * (cli.ts) and `chime-workbench sandbox …` (the command line): the same
 * flags, the same output. Prints one line with its URL once it accepts
 * requests; stops cleanly (and flushes --data) on SIGINT/SIGTERM. Bad flags
 * exit with code 2.
 */
import { parseCli, USAGE, UsageError } from './cliOptions';
import { startSandbox } from './index';

/** `invokedAs` names the command in the usage text (`npm run sandbox --`, `chime-workbench sandbox`). */
export async function runSandboxCli(argv: readonly string[], invokedAs = 'npm run sandbox --'): Promise<void> {
  const usage = USAGE.replace('npm run sandbox --', invokedAs);
  let options;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sandbox: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(usage);
    return;
  }
  const sandbox = await startSandbox({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  const verifying = options.accessKey ? ', verifying SigV4' : '';
  const demo = sandbox.demoAppInstanceArn ? `, demo AppInstance ${sandbox.demoAppInstanceArn}` : '';
  process.stdout.write(
    `Local push cloud sandbox (Chime SDK Identity and Messaging, Pinpoint, IAM, STS, Identity Center, APNs and FCM emulators) listening on ${sandbox.url} (region ${sandbox.region}${verifying}${demo})\n`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sandbox: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
