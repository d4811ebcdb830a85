import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EndpointHistoryStore } from '../../../src/main/store/historyStore';
import { USER_ARN, confOpener, tempDir } from './helpers';

const entry = (at: number) => ({ at, kind: 'state-changed' as const, before: { endpointId: 'e1', status: 'ACTIVE' as const }, after: { endpointId: 'e1', status: 'INACTIVE' as const, statusReason: 'INVALID_DEVICE_TOKEN' as const } });

describe('EndpointHistoryStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('coalesces writes, survives a restart and stays bounded per endpoint', async () => {
    const dir = tempDir();
    const history = new EndpointHistoryStore({ open: confOpener(dir), perEndpoint: 3, flushDelayMs: 500 });
    for (let i = 1; i <= 5; i++) history.append(USER_ARN, 'e1', entry(i));
    expect(history.get(USER_ARN, 'e1').map((e) => e.at)).toEqual([3, 4, 5]);
    const onDisk = () => fs.readFileSync(path.join(dir, 'endpoint-history.json'), 'utf8');
    expect(onDisk()).not.toContain('INVALID_DEVICE_TOKEN');
    vi.advanceTimersByTime(500);
    await history.flush();
    expect(onDisk()).toContain('INVALID_DEVICE_TOKEN');
    const again = new EndpointHistoryStore({ open: confOpener(dir), perEndpoint: 3 });
    expect(again.get(USER_ARN, 'e1').map((e) => e.at)).toEqual([3, 4, 5]);
    expect(again.get(USER_ARN, 'other')).toEqual([]);
  });

  it('drops the endpoint updated longest ago beyond maxEndpoints, and flush() writes at once', async () => {
    const dir = tempDir();
    const history = new EndpointHistoryStore({ open: confOpener(dir), maxEndpoints: 2 });
    history.append(USER_ARN, 'a', entry(1));
    history.append(USER_ARN, 'b', entry(2));
    history.append(USER_ARN, 'a', entry(3));
    history.append(USER_ARN, 'c', entry(4));
    await history.flush();
    const again = new EndpointHistoryStore({ open: confOpener(dir) });
    expect(again.get(USER_ARN, 'b')).toEqual([]);
    expect(again.get(USER_ARN, 'a')).toHaveLength(2);
    expect(again.get(USER_ARN, 'c')).toHaveLength(1);
  });

  it('moves a damaged history file aside and starts empty', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'endpoint-history.json'), JSON.stringify({ endpoints: { x: [{ at: 'yesterday' }] } }));
    const history = new EndpointHistoryStore({ open: confOpener(dir) });
    expect(history.notices).toEqual([expect.objectContaining({ kind: 'store-recovered' })]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('endpoint-history.corrupt-'))).toBe(true);
  });
});
