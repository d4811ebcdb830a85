/**
 * Issue 10, defect 6: the promises the README makes about the stores, held
 * to the code. Each case failed on the code before the fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkspaceService } from '../../../src/main/store/workspaceService';
import { describeStoreNotice } from '../../../src/main/store/noticeText';
import type { StoreNotice } from '../../../src/main/store/persistence';
import { WORKSPACE_LAYOUT_VERSION } from '../../../src/main/store/workspaceLayout';
import { DEFAULT_SETTINGS } from '../../../src/shared/workspace/workspace';
import { startTestServices, type TestServices } from '../support/mainServices';
import { PINPOINT_ARN, confOpener, sequentialIds, tempDir, testEncryptor } from './helpers';

const storeFile = (dir: string) => path.join(dir, 'workspaces.json');
const open = (dir: string) => new WorkspaceService({ open: confOpener(dir), encryptor: testEncryptor, newId: sequentialIds() });
const workspace = (id: string, name: string, devices: object[] = []) => ({
  id,
  name,
  connection: { kind: 'sandbox' },
  region: 'us-east-1',
  watchList: [],
  devices,
  createdAt: 1,
  updatedAt: 1,
});
const device = (id: string, label: string) => ({ id, label, type: 'GCM', deviceToken: `fcm:${label}`, pinpointAppArn: PINPOINT_ARN });
const writeStore = (dir: string, contents: object) => fs.writeFileSync(storeFile(dir), JSON.stringify(contents));
const texts = (notices: readonly StoreNotice[]) => notices.map((n) => describeStoreNotice(n).message);

describe('store promises', () => {
  const running: TestServices[] = [];
  afterAll(async () => {
    for (const t of running) await t.close();
  });

  it('tells the user when a corrupt endpoint history was moved aside', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'endpoint-history.json'), '{"endpoints": {"x": [');
    const again = await startTestServices('cew-history-', { userDataDir: dir });
    running.push(again);
    const notices = again.services.notices;
    expect(notices.some((n) => n.kind === 'store-recovered' && /endpoint history/.test(n.message))).toBe(true);
  });

  it('repairs duplicate workspace and device ids at load, losing nothing, and says so', async () => {
    const dir = tempDir();
    writeStore(dir, {
      workspaces: [workspace('same', 'First', [device('d', 'A'), device('d', 'B')]), workspace('same', 'Second', [device('d', 'C')])],
      settings: DEFAULT_SETTINGS,
    });
    const service = open(dir);
    const list = service.list();
    expect(list.map((w) => w.name)).toEqual(['First', 'Second']);
    expect(new Set(list.map((w) => w.id)).size).toBe(2);
    expect(list.flatMap((w) => w.devices.map((d) => d.label))).toEqual(['A', 'B', 'C']);
    expect(new Set(list[0]!.devices.map((d) => d.id)).size).toBe(2);
    expect(texts(service.notices()).join(' ')).toMatch(/repaired, nothing was removed.*"Second".*new one/);
    // Renaming or deleting one no longer touches the other.
    expect(service.rename(list[1]!.id, 'Second renamed').ok).toBe(true);
    expect(service.delete(list[0]!.id).ok).toBe(true);
    await service.flush();
    const reopened = open(dir);
    expect(reopened.list().map((w) => [w.name, w.devices.length])).toEqual([['Second renamed', 1]]);
    expect(reopened.notices().filter((n) => n.kind === 'store-repaired')).toEqual([]);
  });

  it('says in plain words what is wrong with a file of the wrong layout, and where', () => {
    const dir = tempDir();
    writeStore(dir, { workspaces: [workspace('w', 'x', [{ ...device('d', 'A'), type: 'WNS' }])], settings: DEFAULT_SETTINGS });
    const [message] = texts(open(dir).notices().filter((n) => n.kind === 'store-recovered'));
    expect(message).toContain('workspaces[0].devices[0].type: must be one of APNS, APNS_SANDBOX, GCM');
    expect(message).not.toMatch(/"code"|\[\s*\{/);
  });

  it('never loads and rewrites a store written by a newer version: sets it aside untouched and says so', async () => {
    const dir = tempDir();
    const newer = JSON.stringify({ workspaces: [workspace('w', 'From the future')], settings: DEFAULT_SETTINGS, futureField: 1, __internal__: { migrations: { version: '9.1.0' } } });
    fs.writeFileSync(storeFile(dir), newer);
    const service = open(dir);
    const notice = service.notices().find((n) => n.kind === 'store-newer');
    expect(notice).toMatchObject({ version: '9.1.0' });
    const movedTo = notice && 'movedTo' in notice ? notice.movedTo : '';
    expect(fs.readFileSync(movedTo, 'utf8')).toBe(newer);
    expect(texts(service.notices()).join(' ')).toMatch(/newer version of the app \(layout 9\.1\.0\).*set aside unchanged/);
    service.restore();
    await service.flush();
    const written = JSON.parse(fs.readFileSync(storeFile(dir), 'utf8')) as { __internal__: { migrations: { version: string } } };
    expect(written.__internal__.migrations.version).toBe(WORKSPACE_LAYOUT_VERSION);
  });

  it('starts, tells the user and works in memory when workspaces.json is a folder', async () => {
    const dir = tempDir();
    fs.mkdirSync(storeFile(dir));
    const service = open(dir);
    expect(texts(service.notices()).join(' ')).toMatch(/cannot be used: it is a folder, not a file.*kept in memory only/);
    const restored = service.restore();
    expect(restored.ok).toBe(true);
    expect(service.create({ name: 'In memory' }).ok).toBe(true);
    await service.flush();
    expect(fs.statSync(storeFile(dir)).isDirectory()).toBe(true);
  });

  it('starts through the composition root too when workspaces.json is a folder', async () => {
    const dir = tempDir();
    fs.mkdirSync(storeFile(dir));
    const t = await startTestServices('cew-folder-', { userDataDir: dir });
    running.push(t);
    expect(t.services.notices.some((n) => n.kind === 'store-unavailable')).toBe(true);
    expect(await t.call('workspace:restore')).toBeDefined();
  });

  it('reports a save that fails in the background, keeping the change in memory', async () => {
    const dir = tempDir();
    const service = open(dir);
    const failures: StoreNotice[] = [];
    service.onWriteError((n) => failures.push(n));
    service.restore();
    await service.flush();
    fs.rmSync(storeFile(dir));
    fs.mkdirSync(path.join(storeFile(dir), 'blocker'), { recursive: true }); // rename over a non-empty folder fails
    expect(service.create({ name: 'Unsaved' }).ok).toBe(true);
    await service.flush();
    expect(failures).toEqual([expect.objectContaining({ kind: 'store-write-failed' })]);
    expect(service.list().map((w) => w.name)).toContain('Unsaved');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('re-imports its own export of 8 workspaces with 200 saved devices each (every limit from one place)', async () => {
    const t = await startTestServices('cew-roundtrip-');
    running.push(t);
    await t.call('workspace:restore');
    for (let w = 0; w < 8; w++) {
      const created = await t.call<{ id: string }>('workspace:create', { name: `Team ${w}` });
      for (let d = 0; d < 200; d++) {
        await t.call('device:add', {
          workspaceId: created.id,
          device: { label: `Device ${d}`, type: 'GCM', deviceToken: `${d}:${'t'.repeat(1500)}`, pinpointAppArn: PINPOINT_ARN },
        });
      }
    }
    const exported = await t.call<{ json: string }>('workspace:export', { includeDeviceTokens: true });
    expect(exported.json.length).toBeGreaterThan(2_500_000);
    const summary = await t.call<{ imported: unknown[] }>('workspace:import', { json: exported.json });
    expect(summary.imported).toHaveLength(9);
  }, 60_000);

  it('removes the temp file of a save a crash interrupted, keeping the document', () => {
    const dir = tempDir();
    writeStore(dir, { workspaces: [workspace('w', 'Kept')], settings: DEFAULT_SETTINGS });
    fs.writeFileSync(path.join(dir, '.workspaces.json.12345.7.tmp'), '{"workspaces": [');
    expect(open(dir).list().map((w) => w.name)).toEqual(['Kept']);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
