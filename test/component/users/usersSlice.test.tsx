import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi, type FakeApi } from '../fakeApi';
import { subscribeToMain } from '../../../src/renderer/src/store/events';

const APP = 'arn:aws:chime:us-east-1:000000000000:app-instance/demo';
const page = (loadId: string, pageIndex: number, count: number, done: boolean) => ({
  loadId,
  operation: 'ListAppInstanceUsers',
  pageIndex,
  items: Array.from({ length: count }, (_, i) => ({ AppInstanceUserArn: `${APP}/user/p${pageIndex}-${i}`, Name: `P${pageIndex} ${i}` })),
  loadedCount: 0,
  done,
});

describe('users slice: paged loading', () => {
  let api: FakeApi;
  let loadIds: string[];
  let unsubscribe: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    loadIds = [];
    api = installFakeApi({
      'pages:start': (input) => {
        loadIds.push((input as { loadId: string }).loadId);
        return { loadId: (input as { loadId: string }).loadId };
      },
      'pages:cancel': () => ({ cancelled: true }),
    });
    unsubscribe = subscribeToMain();
  });
  afterEach(() => {
    unsubscribe();
    vi.useRealTimers();
  });

  it('shows the first page at once, batches the next ones, and finishes with the full list', async () => {
    useAppStore.getState().startUserLoad(APP);
    await vi.waitFor(() => expect(loadIds).toHaveLength(1));
    const id = loadIds[0]!;
    api.emit('pages:page', page(id, 0, 50, false));
    expect(useAppStore.getState().users).toHaveLength(50);
    for (let i = 1; i <= 5; i++) api.emit('pages:page', page(id, i, 50, false));
    // Coalesced: nothing new is published until the batching window passes.
    expect(useAppStore.getState().users).toHaveLength(50);
    vi.advanceTimersByTime(100);
    expect(useAppStore.getState().users).toHaveLength(300);
    api.emit('pages:page', page(id, 6, 10, true));
    expect(useAppStore.getState().users).toHaveLength(310);
    expect(useAppStore.getState().userLoad).toMatchObject({ loading: false, loadedCount: 310 });
  });

  it('drops pages of a load the user switched away from', async () => {
    useAppStore.getState().startUserLoad(APP);
    await vi.waitFor(() => expect(loadIds).toHaveLength(1));
    useAppStore.getState().startUserLoad(`${APP}-other`);
    await vi.waitFor(() => expect(loadIds).toHaveLength(2));
    api.emit('pages:page', page(loadIds[0]!, 0, 50, true));
    vi.advanceTimersByTime(200);
    expect(useAppStore.getState().users).toHaveLength(0);
    api.emit('pages:page', page(loadIds[1]!, 0, 7, true));
    expect(useAppStore.getState().users).toHaveLength(7);
    expect(api.calls.some((c) => c.channel === 'pages:cancel')).toBe(true);
  });
});
