/**
 * Builds the real main services the way the app does, with the Node-only
 * adapters: `conf` documents in the user-data folder, no OS keychain, and
 * notifications published as events (a browser has no desktop notifier).
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import Conf from 'conf';
import { createMainServices, type MainServices } from '../../src/main/services';
import { createConfOpener, type ConfLike } from '../../src/main/store/persistence';
import { plainTextEncryptor } from '../../src/main/store/encryption';
import { startHarnessServer, type HarnessServer } from './server';
import { HarnessDialog } from './dialogChooser';

export interface HarnessOptions {
  readonly port?: number;
  readonly endpoint?: string;
  readonly userDataDir: string;
  readonly rendererDir?: string;
  readonly validationDelayMs?: number;
  /** Where the harness looks for AWS profiles (tests point it at an empty temp folder). */
  readonly awsConfigDir?: string;
  /** `--dialog-dir`: main's file chooser offers this folder's files on /__harness/dialog. */
  readonly dialogDir?: string;
}

export interface RunningHarness {
  readonly url: string;
  readonly services: MainServices;
  readonly notifications: Array<{ title: string; body: string }>;
  /** The pages main handed to the OS browser (a test plays the person who opens them). */
  readonly opened: string[];
  close(): Promise<void>;
}

export const DEFAULT_RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

export async function startHarness(options: HarnessOptions): Promise<RunningHarness> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run \`npm run build\` first.`);
  }
  if (options.dialogDir && !existsSync(options.dialogDir)) throw new Error(`--dialog-dir ${options.dialogDir} does not exist.`);
  await mkdir(options.userDataDir, { recursive: true });
  const notifications: RunningHarness['notifications'] = [];
  const opened: string[] = [];
  const dialog = options.dialogDir ? new HarnessDialog(path.resolve(options.dialogDir)) : undefined;
  const services = await createMainServices({
    userDataDir: options.userDataDir,
    openDocuments: createConfOpener({ cwd: options.userDataDir, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
    encryptor: plainTextEncryptor,
    notify: (title, body) => notifications.push({ title, body }),
    openExternal: async (url) => void opened.push(url),
    appVersion: 'harness',
    platform: process.platform,
    ...(dialog && { chooseFile: dialog.choose }),
    ...(options.endpoint ? { sandboxUrl: options.endpoint } : {}),
    ...(options.validationDelayMs !== undefined ? { sandboxValidationDelayMs: options.validationDelayMs } : {}),
    ...(options.awsConfigDir
      ? {
          profileSource: {
            env: {
              AWS_CONFIG_FILE: path.join(options.awsConfigDir, 'config'),
              AWS_SHARED_CREDENTIALS_FILE: path.join(options.awsConfigDir, 'credentials'),
            },
          },
        }
      : {}),
  });
  let server: HarnessServer;
  try {
    server = await startHarnessServer({ port: options.port ?? 0, rendererDir, services, ...(dialog && { dialog }) });
  } catch (error) {
    await services.dispose();
    throw error;
  }
  return {
    url: server.url,
    services,
    notifications,
    opened,
    async close() {
      dialog?.cancelAll();
      await server.close();
      await services.dispose();
    },
  };
}
