import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceService } from '../../../src/main/store/workspaceService';
import { APNS_TOKEN, PINPOINT_ARN, USER_ARN, confOpener, sequentialIds, tempDir, testEncryptor } from './helpers';

const open = (dir: string, ids = sequentialIds()) => new WorkspaceService({ open: confOpener(dir), encryptor: testEncryptor, newId: ids, now: () => 1000 });
const device = { label: 'iPhone 15', type: 'APNS' as const, deviceToken: APNS_TOKEN, pinpointAppArn: PINPOINT_ARN };

describe('WorkspaceService', () => {
  it('restores a default "My workspace" on the Local sandbox on first launch, then the last one switched to', async () => {
    const dir = tempDir();
    const first = open(dir);
    const restored = first.restore();
    expect(restored.ok && restored.value).toMatchObject({ name: 'My workspace', connection: { kind: 'sandbox' }, region: 'us-east-1' });
    const other = first.create({ name: 'Staging', connection: { kind: 'profile', profile: 'staging' }, region: 'eu-west-1' });
    if (!other.ok) throw new Error(other.error.message);
    first.switch(other.value.id);
    await first.flush();

    const again = open(dir).restore();
    expect(again.ok && again.value.name).toBe('Staging');
  });

  it('creates, renames, duplicates, updates and deletes, and persists each change', async () => {
    const dir = tempDir();
    const service = open(dir);
    const created = service.create({ name: 'Dev' });
    if (!created.ok) throw new Error();
    const id = created.value.id;
    expect(service.rename(id, 'Dev phone').ok).toBe(true);
    expect(service.update(id, { appInstanceArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/abc', selectedUserArn: USER_ARN, watchList: [{ userArn: USER_ARN }, { userArn: USER_ARN }] }).ok).toBe(true);
    const added = service.addDevice(id, device);
    expect(added.ok).toBe(true);
    const copy = service.duplicate(id);
    expect(copy.ok && copy.value).toMatchObject({ name: 'Dev phone copy', selectedUserArn: USER_ARN, devices: [{ label: 'iPhone 15', deviceToken: APNS_TOKEN }] });

    await service.flush();
    const reopened = open(dir);
    expect(reopened.list().map((w) => w.name)).toEqual(['Dev phone', 'Dev phone copy']);
    const dev = reopened.get(id);
    expect(dev.ok && dev.value.watchList).toEqual([{ userArn: USER_ARN }]); // duplicates dropped
    expect(dev.ok && dev.value.devices[0]?.deviceToken).toBe(APNS_TOKEN);

    if (!added.ok) throw new Error();
    expect(reopened.removeDevice(id, 'nope').ok).toBe(false);
    expect(reopened.update(id, { appInstanceArn: null }).ok).toBe(true);
    expect(reopened.delete(id).ok).toBe(true);
    await reopened.flush();
    const last = open(dir);
    expect(last.list()).toHaveLength(1);
    expect(last.get(id).ok).toBe(false);
  });

  it('refuses invalid input as a value, changing nothing', async () => {
    const dir = tempDir();
    const service = open(dir);
    const w = service.restore();
    if (!w.ok) throw new Error();
    await service.flush();
    const before = fs.readFileSync(path.join(dir, 'workspaces.json'), 'utf8');
    const results = [
      service.rename(w.value.id, '   '),
      service.update(w.value.id, { region: 'mars-1' }),
      service.addDevice(w.value.id, { ...device, type: 'WNS' as never }),
      service.addDevice(w.value.id, { ...device, deviceToken: 'x'.repeat(5000) }),
      service.updateSettings({ watchIntervalMs: 10 }),
    ];
    for (const r of results) expect(r.ok ? 'ok' : r.error.code).toBe('InvalidInput');
    await service.flush();
    expect(fs.readFileSync(path.join(dir, 'workspaces.json'), 'utf8')).toBe(before);
  });

  it('keeps settings with their defaults and validates changes', () => {
    const service = open(tempDir());
    expect(service.settings()).toEqual({ notifyOnInactive: true, watchIntervalMs: 5000, theme: 'system' });
    const r = service.updateSettings({ notifyOnInactive: false, theme: 'dark', watchIntervalMs: 1000 });
    expect(r.ok && r.value).toEqual({ notifyOnInactive: false, theme: 'dark', watchIntervalMs: 1000 });
  });

  it('never stores credentials: a profile connection is a name only', () => {
    const dir = tempDir();
    const service = open(dir);
    const r = service.create({ name: 'x', connection: { kind: 'profile', profile: 'p', aws_secret_access_key: 'S' } as never });
    expect(r.ok).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'workspaces.json'), 'utf8')).not.toContain('aws_secret_access_key');
  });

  it('remembers the register form\'s last type and Pinpoint app per AppInstance across a restart (issue 11 item 15)', async () => {
    const dir = tempDir();
    const service = open(dir);
    const created = service.create({ name: 'Push' });
    if (!created.ok) throw new Error(created.error.message);
    const registrationDefaults = [
      { appInstanceArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/abc', type: 'GCM' as const, pinpointAppArn: PINPOINT_ARN },
    ];
    expect(service.update(created.value.id, { registrationDefaults }).ok).toBe(true);
    expect(service.update(created.value.id, { registrationDefaults: [{ ...registrationDefaults[0]!, pinpointAppArn: 'not an arn' }] }).ok).toBe(false);
    await service.flush();
    const again = open(dir).list().find((w) => w.name === 'Push');
    expect(again?.registrationDefaults).toEqual(registrationDefaults);
  });
});
