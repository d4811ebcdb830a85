/** A throwaway home folder with `.aws/config`, `.aws/credentials` and an SSO token cache. */
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AwsHome {
  readonly home: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** Writes `~/.aws/sso/cache/<sha1(id)>.json` as the AWS CLI does after `aws sso login`. */
  writeSsoToken(id: string, token: Record<string, unknown>): Promise<void>;
  remove(): Promise<void>;
}

export async function makeAwsHome(files: { config?: string; credentials?: string }): Promise<AwsHome> {
  const home = await mkdtemp(join(tmpdir(), 'cew-aws-'));
  const dir = join(home, '.aws');
  await mkdir(join(dir, 'sso', 'cache'), { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  if (files.config !== undefined) await writeFile(configFile, files.config);
  if (files.credentials !== undefined) await writeFile(credentialsFile, files.credentials);
  return {
    home,
    configFile,
    credentialsFile,
    async writeSsoToken(id, token) {
      const name = `${createHash('sha1').update(id).digest('hex')}.json`;
      await writeFile(join(dir, 'sso', 'cache', name), JSON.stringify(token));
    },
    remove: () => rm(home, { recursive: true, force: true }),
  };
}

/** The environment a test injects: the files of `home` and nothing from the real machine. */
export function envFor(home: AwsHome, extra: Record<string, string> = {}): Record<string, string> {
  return { AWS_CONFIG_FILE: home.configFile, AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile, ...extra };
}
