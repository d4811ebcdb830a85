/**
 * `npm run harness -- --port N [--endpoint URL] [--user-data DIR] [--dialog-dir DIR]`
 * Serves the built renderer with the real main services behind a loopback
 * bridge; prints one line with its URL once ready.
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { startHarness } from './startHarness';

const USAGE = 'Usage: npm run harness -- [--port N] [--endpoint URL] [--user-data DIR] [--dialog-dir DIR] [--validation-delay MS]';

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        endpoint: { type: 'string' },
        'user-data': { type: 'string' },
        'validation-delay': { type: 'string' },
        'dialog-dir': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) return void console.log(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535.\n${USAGE}`);
    process.exit(2);
  }
  const userDataDir = values['user-data'] ? path.resolve(values['user-data']) : mkdtempSync(path.join(os.tmpdir(), 'workbench-harness-'));
  const harness = await startHarness({
    port,
    userDataDir,
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    ...(values['dialog-dir'] ? { dialogDir: values['dialog-dir'] } : {}),
    ...(values['validation-delay'] ? { validationDelayMs: Number(values['validation-delay']) } : {}),
  });
  console.log(`Harness ready at ${harness.url} (user data: ${userDataDir})`);
  const stop = () => void harness.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
