/** `npm run sandbox -- --port N …`: the sandbox as a standalone process (see cliMain.ts; `chime-workbench sandbox` runs the same). */
import { runSandboxCli } from './cliMain';

runSandboxCli(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
