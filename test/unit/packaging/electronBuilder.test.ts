/**
 * The packaging config as electron-builder itself reads and validates it:
 * fuses (security checklist 19, https://www.electronjs.org/docs/latest/tutorial/fuses),
 * targets per OS, icons, and that only the built bundles ship.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(path.join(ROOT, 'package.json'));
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };

let config: Config;
beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

const targets = (platform: Config) => [platform.target].flat().map((t: string | { target: string }) => (typeof t === 'string' ? t : t.target));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets the fuses that close Node entry points and check the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('ships only out/** and package.json', () => {
    // electron-builder normalizes `files` into [{ filter: [...] }].
    const patterns: string[] = config.files.flatMap((f: string | { filter: string[] }) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns.filter((p) => !p.startsWith('!'))).toEqual(['out/**', 'package.json']);
    expect(config.directories.output).toBe('dist');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toMatch(/^\.\/out\//);
  });

  it('builds AppImage and deb, dmg, nsis with the app identity', () => {
    expect(config.appId).toBe('dev.chimeworkbench.app');
    expect(config.productName).toBe('Chime Endpoint Workbench');
    expect(targets(config.linux).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux).toMatchObject({ category: 'Development', maintainer: expect.stringMatching(/\S+ <\S+@\S+>/) });
    expect(targets(config.mac)).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ category: 'public.app-category.developer-tools', hardenedRuntime: true });
    expect(targets(config.win)).toEqual(['nsis']);
  });

  it('uses the 512×512 icon in resources/', () => {
    for (const platform of ['linux', 'mac', 'win']) expect(config[platform].icon).toBe('resources/icon.png');
    const png = readFileSync(path.join(ROOT, 'resources/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(existsSync(path.join(ROOT, 'resources/icon.svg'))).toBe(true);
  });
});
