import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceService } from '../../../src/main/store/workspaceService';
import { APNS_TOKEN, FIXED_NOW, PINPOINT_ARN, USER_ARN, confOpener, foreignEncryptor, sequentialIds, tempDir, testEncryptor } from './helpers';
import { plainTextEncryptor } from '../../../src/main/store/encryption';

/** The first layout (1.0.0), as the first release wrote it. */
const V1_FIXTURE = {
  workspaces: {
    'ws-1': {
      name: 'Phone tests',
      profile: null,
      region: 'us-east-1',
      appInstanceArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/abc',
      userArn: USER_ARN,
      watchedUsers: [USER_ARN],
      devices: [{ id: 'd1', label: 'iPhone', platform: 'APNS_SANDBOX', token: APNS_TOKEN, pinpointArn: PINPOINT_ARN }],
      created: '2024-06-01T10:00:00.000Z',
      updated: '2024-06-02T10:00:00.000Z',
    },
    'ws-2': { name: 'Prod', profile: 'prod-readonly', region: 'eu-central-1', watchedUsers: [], devices: [], created: '2024-06-03T10:00:00.000Z' },
  },
  lastWorkspace: 'ws-2',
  preferences: { notifications: false, pollSeconds: 10, theme: 'dark' },
  __internal__: { migrations: { version: '1.0.0' } },
};

const storeFile = (dir: string) => path.join(dir, 'workspaces.json');
const open = (dir: string, encryptor = testEncryptor) => new WorkspaceService({ open: confOpener(dir), encryptor, newId: sequentialIds() });

describe('workspace persistence', () => {
  it('migrates a 1.0.0 file to the current layout, keeping everything', async () => {
    const dir = tempDir();
    fs.writeFileSync(storeFile(dir), JSON.stringify(V1_FIXTURE));
    const service = open(dir);
    expect(service.notices().filter((n) => n.kind === 'store-recovered')).toEqual([]);
    expect(service.list()).toEqual([
      {
        id: 'ws-1',
        name: 'Phone tests',
        connection: { kind: 'sandbox' },
        region: 'us-east-1',
        appInstanceArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/abc',
        selectedUserArn: USER_ARN,
        watchList: [{ userArn: USER_ARN }],
        devices: [{ id: 'd1', label: 'iPhone', type: 'APNS_SANDBOX', deviceToken: APNS_TOKEN, pinpointAppArn: PINPOINT_ARN }],
        createdAt: Date.parse('2024-06-01T10:00:00.000Z'),
        updatedAt: Date.parse('2024-06-02T10:00:00.000Z'),
      },
      expect.objectContaining({ id: 'ws-2', connection: { kind: 'profile', profile: 'prod-readonly' }, region: 'eu-central-1' }),
    ]);
    expect(service.settings()).toEqual({ lastWorkspaceId: 'ws-2', notifyOnInactive: false, watchIntervalMs: 10_000, theme: 'dark' });
    const restored = service.restore();
    expect(restored.ok && restored.value.id).toBe('ws-2');

    const onDisk = JSON.parse(fs.readFileSync(storeFile(dir), 'utf8'));
    expect(onDisk.__internal__.migrations.version).toBe('2.0.0');
    expect(onDisk.preferences).toBeUndefined();
    // The token migrated from plain text is sealed on the first write.
    service.rename('ws-1', 'Phone tests 2');
    await service.flush();
    expect(fs.readFileSync(storeFile(dir), 'utf8')).not.toContain(APNS_TOKEN);
  });

  it('moves a file that is not JSON aside, starts empty and says so', () => {
    const dir = tempDir();
    fs.writeFileSync(storeFile(dir), '{"workspaces": [ {"id": "oops"');
    const service = open(dir);
    const recovered = service.notices().find((n) => n.kind === 'store-recovered');
    expect(recovered).toMatchObject({ kind: 'store-recovered', reason: 'the file is not valid JSON' });
    const movedTo = recovered && 'movedTo' in recovered ? recovered.movedTo : '';
    expect(path.basename(movedTo)).toBe(`workspaces.corrupt-${new Date(FIXED_NOW).toISOString().replace(/[:.]/g, '-')}.json`);
    expect(fs.readFileSync(movedTo, 'utf8')).toBe('{"workspaces": [ {"id": "oops"');
    expect(service.list()).toEqual([]);
    expect(service.restore().ok).toBe(true);
  });

  it('moves aside a file whose contents do not match the layout (JSON schema or zod)', () => {
    for (const contents of [
      { workspaces: 'not a list', settings: {} },
      { workspaces: [{ id: 'w', name: 'x', connection: { kind: 'sandbox' }, region: 'us-east-1', watchList: [], devices: [{ id: 1 }], createdAt: 0, updatedAt: 0 }] },
    ]) {
      const dir = tempDir();
      fs.writeFileSync(storeFile(dir), JSON.stringify(contents));
      const service = open(dir);
      const notice = service.notices().find((n) => n.kind === 'store-recovered');
      expect(notice).toBeDefined();
      const moved = fs.readdirSync(dir).filter((f) => f.startsWith('workspaces.corrupt-'));
      expect(moved).toHaveLength(1);
      expect(JSON.parse(fs.readFileSync(path.join(dir, moved[0]!), 'utf8'))).toEqual(contents);
      expect(service.list()).toEqual([]);
    }
  });

  it('encrypts device tokens at rest where encryption is available', async () => {
    const dir = tempDir();
    const service = open(dir);
    const w = service.restore();
    if (!w.ok) throw new Error();
    const voip = 'b'.repeat(64);
    service.addDevice(w.value.id, { label: 'iPhone', type: 'APNS', deviceToken: APNS_TOKEN, voipDeviceToken: voip, pinpointAppArn: PINPOINT_ARN });
    await service.flush();
    const text = fs.readFileSync(storeFile(dir), 'utf8');
    expect(text).not.toContain(APNS_TOKEN);
    expect(text).not.toContain(voip);
    expect(text.match(/enc:v1:/g)).toHaveLength(2);
    expect(service.encryptionAvailable).toBe(true);
    expect(open(dir).list()[0]?.devices[0]).toMatchObject({ deviceToken: APNS_TOKEN, voipDeviceToken: voip });
  });

  it('stores tokens in plain text where encryption is not available, and reports it', async () => {
    const dir = tempDir();
    const service = open(dir, plainTextEncryptor);
    const w = service.restore();
    if (!w.ok) throw new Error();
    service.addDevice(w.value.id, { label: 'Pixel', type: 'GCM', deviceToken: 'fcm-token:abc', pinpointAppArn: PINPOINT_ARN });
    await service.flush();
    expect(service.encryptionAvailable).toBe(false);
    expect(service.notices()).toContainEqual({ kind: 'encryption-unavailable' });
    expect(fs.readFileSync(storeFile(dir), 'utf8')).toContain('fcm-token:abc');
  });

  it('keeps tokens it cannot decrypt (another machine) and reports them, rather than dropping them', async () => {
    const dir = tempDir();
    const first = open(dir);
    const w = first.restore();
    if (!w.ok) throw new Error();
    const d = first.addDevice(w.value.id, { label: 'iPhone', type: 'APNS', deviceToken: APNS_TOKEN, pinpointAppArn: PINPOINT_ARN });
    if (!d.ok) throw new Error();
    await first.flush();
    const sealed = JSON.parse(fs.readFileSync(storeFile(dir), 'utf8')).workspaces[0].devices[0].deviceToken;

    const elsewhere = open(dir, foreignEncryptor);
    expect(elsewhere.notices()).toContainEqual({ kind: 'tokens-unreadable', workspaceId: w.value.id, deviceIds: [d.value.id] });
    expect(elsewhere.list()[0]?.devices[0]?.deviceToken).toBe('');
    elsewhere.rename(w.value.id, 'Renamed elsewhere');
    await elsewhere.flush();
    expect(JSON.parse(fs.readFileSync(storeFile(dir), 'utf8')).workspaces[0].devices[0].deviceToken).toBe(sealed);
    expect(open(dir).list()[0]?.devices[0]?.deviceToken).toBe(APNS_TOKEN);
  });
});
