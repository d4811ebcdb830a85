/**
 * The workspace handlers answer Results (never throw for the dispatcher to
 * catch), and `workspace:export` honours every id it is given.
 */
import { describe, expect, it } from 'vitest';
import { WorkspaceService } from '../../../src/main/store/workspaceService';
import { workspaceHandlers } from '../../../src/main/ipc/handlers/workspaceHandlers';
import { confOpener, sequentialIds, tempDir, testEncryptor } from '../store/helpers';

function setup() {
  const workspaces = new WorkspaceService({ open: confOpener(tempDir()), encryptor: testEncryptor, newId: sequentialIds(), now: () => 5000 });
  const ids = ['Alpha', 'Beta', 'Gamma'].map((name) => {
    const created = workspaces.create({ name });
    if (!created.ok) throw new Error(created.error.message);
    return created.value.id;
  });
  const handlers = workspaceHandlers({
    workspaces,
    startupNotices: [],
    onSettingsChanged: () => {},
    onWorkspaceChanged: () => {},
    firstConnection: async () => undefined,
    now: () => Date.UTC(2026, 0, 2),
  });
  return { handlers, ids };
}

const namesIn = (result: { ok: boolean; value?: { json: string } }) =>
  (JSON.parse(result.value!.json) as { workspaces: { name: string }[] }).workspaces.map((w) => w.name);

describe('workspace:export', () => {
  it('exports exactly the workspaces named by several ids, one by one id, and all without ids', () => {
    const { handlers, ids } = setup();
    const two = handlers['workspace:export']({ ids: [ids[2]!, ids[0]!], includeDeviceTokens: false });
    expect(two.ok).toBe(true);
    expect(namesIn(two)).toEqual(['Alpha', 'Gamma']);
    expect(two.ok && two.value.fileName).toBe('chime-workbench-workspaces-2026-01-02-no-tokens.json');
    expect(namesIn(handlers['workspace:export']({ ids: [ids[1]!], includeDeviceTokens: true }))).toEqual(['Beta']);
    expect(namesIn(handlers['workspace:export']({ includeDeviceTokens: true }))).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('answers NotFound as a value when one of the ids is unknown, rather than exporting the rest', () => {
    const { handlers, ids } = setup();
    const result = handlers['workspace:export']({ ids: [ids[0]!, 'no-such-id'], includeDeviceTokens: false });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('no-such-id') } });
  });
});

describe('workspace handlers answer Results', () => {
  it('passes a service failure through without throwing', () => {
    const { handlers } = setup();
    expect(() => handlers['workspace:rename']({ id: 'missing', name: 'x' })).not.toThrow();
    expect(handlers['workspace:rename']({ id: 'missing', name: 'x' })).toMatchObject({ ok: false });
    expect(handlers['device:remove']({ workspaceId: 'missing', deviceId: 'd' })).toMatchObject({ ok: false });
  });
});
