import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceService } from '../../../src/main/store/workspaceService';
import { APNS_TOKEN, PINPOINT_ARN, USER_ARN, confOpener, sequentialIds, tempDir, testEncryptor } from './helpers';

function setup() {
  const dir = tempDir();
  const service = new WorkspaceService({ open: confOpener(dir), encryptor: testEncryptor, newId: sequentialIds(), now: () => 5000 });
  const w = service.create({ name: 'Team', region: 'eu-west-1' });
  if (!w.ok) throw new Error();
  service.update(w.value.id, { watchList: [{ userArn: USER_ARN }, { userArn: USER_ARN, endpointId: 'ep-1' }] });
  service.addDevice(w.value.id, { label: 'iPhone', type: 'APNS', deviceToken: APNS_TOKEN, voipDeviceToken: 'c'.repeat(64), pinpointAppArn: PINPOINT_ARN });
  service.addDevice(w.value.id, { label: 'Pixel', type: 'GCM', deviceToken: 'fcm:token', pinpointAppArn: PINPOINT_ARN });
  const file = path.join(dir, 'workspaces.json');
  return { dir, service, id: w.value.id, file };
}

const exported = (service: WorkspaceService, includeDeviceTokens = true): Record<string, unknown> & { workspaces: Record<string, unknown>[] } => {
  const r = service.export({ includeDeviceTokens });
  if (!r.ok) throw new Error(r.error.message);
  return JSON.parse(r.value);
};

describe('export and import', () => {
  it('exports with tokens, or without them for sharing', () => {
    const { service } = setup();
    const full = service.export({ includeDeviceTokens: true });
    expect(full.ok && full.value).toContain(APNS_TOKEN);
    const shared = service.export({ includeDeviceTokens: false });
    if (!shared.ok) throw new Error();
    expect(shared.value).not.toContain(APNS_TOKEN);
    expect(shared.value).not.toContain('fcm:token');
    expect(shared.value).not.toContain('c'.repeat(64));
    const file = JSON.parse(shared.value);
    expect(file).toMatchObject({ format: 'chime-endpoint-workbench/workspaces', version: 1, includesDeviceTokens: false });
    expect(file.workspaces[0].devices.map((d: { deviceToken: string }) => d.deviceToken)).toEqual(['', '']);
  });

  it('imports its own export: colliding ids get new ones, names get "(imported)", and a summary comes back', () => {
    const { service } = setup();
    const text = service.export({ includeDeviceTokens: false });
    if (!text.ok) throw new Error();
    const r = service.import(text.value);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ reassignedIds: 1, devicesWithoutToken: 2, imported: [{ name: 'Team (imported)', renamedFrom: 'Team' }] });
    expect(service.list()).toHaveLength(2);
    const copy = service.list()[1]!;
    expect(copy.id).not.toBe(service.list()[0]!.id);
    expect(copy.watchList).toEqual([{ userArn: USER_ARN }, { userArn: USER_ARN, endpointId: 'ep-1' }]);
    expect(copy.devices.map((d) => d.deviceToken)).toEqual(['', '']);
  });

  const hostile: [string, (file: ReturnType<typeof exported>) => string | object, RegExp][] = [
    ['not JSON', () => '{"format": ', /not valid JSON/],
    ['not an export', () => ({ hello: 'world' }), /format: /],
    ['a wrong type, named with its path', (f) => (((f.workspaces[0]!.devices as object[])[1] as Record<string, unknown>).deviceToken = 42, f), /workspaces\[0\]\.devices\[1\]\.deviceToken: expected string, received number/],
    ['a missing member (partial file)', (f) => (delete f.workspaces[0]!.region, f), /workspaces\[0\]\.region: expected string, received undefined/],
    ['a huge string', (f) => ((f.workspaces[0]!.name = 'x'.repeat(1_000_000)), f), /workspaces\[0\]\.name: Too big/],
    ['an unknown key', (f) => ((f.workspaces[0]!.secretAccessKey = 'S'), f), /workspaces\[0\]: Unrecognized key: "secretAccessKey"/],
    ['a __proto__ key', () => '{"format":"chime-endpoint-workbench/workspaces","workspaces":[{"__proto__":{"polluted":true}}]}', /workspaces\[0\]\.__proto__: forbidden key/],
    ['a constructor key deep down', (f) => (Object.defineProperty(f.workspaces[0]!.connection, 'constructor', { value: { prototype: {} }, enumerable: true }), f), /workspaces\[0\]\.connection\.constructor: forbidden key/],
    ['a prototype key', (f) => ({ ...f, prototype: 1 }), /prototype: forbidden key/],
    ['nesting too deep', () => `${'['.repeat(100)}${']'.repeat(100)}`, /nested too deeply/],
    ['too many workspaces', (f) => ({ ...f, workspaces: Array.from({ length: 150 }, () => f.workspaces[0]) }), /workspaces: Too big/],
    ['a bad ARN', (f) => ((f.workspaces[0]!.selectedUserArn = 'alice'), f), /workspaces\[0\]\.selectedUserArn: expected an ARN/],
  ];

  it.each(hostile)('rejects %s with nothing changed and says where', (_name, mutate, message) => {
    const { service, file } = setup();
    const bytesBefore = fs.readFileSync(file);
    const listBefore = service.list();
    const input = mutate(exported(service));
    const r = service.import(typeof input === 'string' ? input : JSON.stringify(input));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ImportInvalid');
    expect(r.error.message).toMatch(message);
    expect(fs.readFileSync(file).equals(bytesBefore)).toBe(true);
    expect(service.list()).toBe(listBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a file that is too large before parsing it', () => {
    const { service } = setup();
    const r = service.import(' '.repeat(17 * 1024 * 1024));
    expect(!r.ok && r.error.message).toMatch(/larger than 16 MB/);
  });
});
