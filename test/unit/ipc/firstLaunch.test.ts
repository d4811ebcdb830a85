/**
 * The first launch picks the connection: the default AWS profile when the
 * machine has a usable one, the Local sandbox otherwise. Later launches
 * restore whatever the workspace says.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { createConfOpener, type ConfLike } from '../../../src/main/store/persistence';
import { plainTextEncryptor } from '../../../src/main/store/encryption';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function launch(config: string, credentials: string, env: Record<string, string> = {}, dir?: string) {
  const home = dir ?? (await mkdtemp(path.join(tmpdir(), 'first-launch-')));
  await writeFile(path.join(home, 'config'), config);
  await writeFile(path.join(home, 'credentials'), credentials);
  const services: MainServices = await createMainServices({
    userDataDir: home,
    openDocuments: createConfOpener({ cwd: home, create: (o) => new Conf(o as ConstructorParameters<typeof Conf>[0]) as unknown as ConfLike }),
    encryptor: plainTextEncryptor,
    notify: () => {},
    openExternal: async () => {},
    appVersion: 'test',
    platform: 'linux',
    profileSource: { env: { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), ...env } },
  });
  cleanups.push(() => services.dispose());
  if (!dir) cleanups.push(() => rm(home, { recursive: true, force: true }));
  const restored = await services.dispatcher.dispatch('workspace:restore', undefined, true);
  if (!restored.ok) throw new Error(restored.error.message);
  return { home, services, workspace: (restored.value as { workspace: { connection: unknown; region: string } }).workspace };
}

describe('first launch', () => {
  it('uses the Local sandbox when there is no AWS profile', async () => {
    const { workspace } = await launch('', '');
    expect(workspace.connection).toEqual({ kind: 'sandbox' });
  });

  it('uses the default profile, in its region, when there is one', async () => {
    const { workspace } = await launch('[default]\nregion = eu-central-1\n', '[default]\naws_access_key_id = AKIAEXAMPLE0000000\naws_secret_access_key = s\n');
    expect(workspace).toMatchObject({ connection: { kind: 'profile', profile: 'default' }, region: 'eu-central-1' });
  });

  it('follows AWS_PROFILE and skips a profile that cannot be used', async () => {
    const config = '[profile work]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = base\n[profile base]\n';
    const credentials = '[base]\naws_access_key_id = AKIAEXAMPLE0000000\naws_secret_access_key = s\n';
    expect((await launch(config, credentials, { AWS_PROFILE: 'work' })).workspace).toMatchObject({ connection: { kind: 'profile', profile: 'work' } });
    expect((await launch('[profile broken]\nregion = us-east-1\n', '', { AWS_PROFILE: 'broken' })).workspace.connection).toEqual({ kind: 'sandbox' });
  });
});
