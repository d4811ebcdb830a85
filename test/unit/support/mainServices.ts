/** The app's main services as the composition root builds them, over a temp user-data folder (removed by `close`). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { createMainServices, type MainServices, type MainServicesOptions } from '../../../src/main/services';
import { createConfOpener, type ConfLike } from '../../../src/main/store/persistence';
import { plainTextEncryptor } from '../../../src/main/store/encryption';

export interface TestServices {
  readonly dir: string;
  readonly services: MainServices;
  /** Dispatches as the app window; throws on a failed Result. */
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startTestServices(prefix: string, extra: Partial<MainServicesOptions> = {}): Promise<TestServices> {
  const dir = extra.userDataDir ?? (await mkdtemp(path.join(tmpdir(), prefix)));
  await writeFile(path.join(dir, 'config'), '');
  await writeFile(path.join(dir, 'credentials'), '');
  const services = await createMainServices({
    userDataDir: dir,
    openDocuments: createConfOpener({ cwd: dir, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
    encryptor: plainTextEncryptor,
    notify: () => {},
    openExternal: async () => {},
    appVersion: 'test',
    platform: 'linux',
    profileSource: { env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') } },
    ...extra,
  } as MainServicesOptions);
  return {
    dir,
    services,
    async call<T>(channel: string, input?: unknown): Promise<T> {
      const result = await services.dispatcher.dispatch(channel, input, true);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
    async close() {
      await services.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
