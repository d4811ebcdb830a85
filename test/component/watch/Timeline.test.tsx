import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserDetail } from '../../../src/renderer/src/features/endpoints/UserDetail';
import { useAppStore } from '../../../src/renderer/src/store';
import { subscribeToMain } from '../../../src/renderer/src/store/events';
import type { HistoryEntry } from '../../../src/shared/ipc/appTypes';
import { installFakeApi } from '../fakeApi';
import { endpointStubs, inactiveFlip, IPHONE, USER_ARN } from './fixtures';

const HISTORY: HistoryEntry[] = [
  { at: Date.UTC(2024, 5, 1, 9, 0, 0), kind: 'appeared', after: { endpointId: 'ep-ios', status: 'ACTIVE' } },
  {
    at: Date.UTC(2024, 5, 1, 10, 0, 0),
    kind: 'allow-messages-changed',
    before: { endpointId: 'ep-ios', allowMessages: 'ALL' },
    after: { endpointId: 'ep-ios', allowMessages: 'NONE' },
  },
];

async function openTimeline() {
  const api = installFakeApi({ ...endpointStubs([IPHONE]), 'watch:history': () => HISTORY });
  subscribeToMain();
  useAppStore.setState({ selectedUserArn: USER_ARN, watchTargets: [{ userArn: USER_ARN }] });
  render(<UserDetail />);
  const user = userEvent.setup();
  const row = await screen.findByRole('row', { name: 'iPhone' });
  await user.click(within(row).getByRole('button', { name: 'Timeline' }));
  const dialog = await screen.findByRole('dialog', { name: 'Timeline: iPhone' });
  return { api, user, dialog };
}

const texts = (dialog: HTMLElement) => within(dialog).getAllByRole('listitem').map((li) => li.textContent ?? '');

describe('Endpoint timeline', () => {
  it('lists the stored history newest first, in plain words', async () => {
    const { api, dialog } = await openTimeline();
    await within(dialog).findByRole('list', { name: 'Transitions' });
    expect(api.calls.find((c) => c.channel === 'watch:history')?.input).toEqual({ userArn: USER_ARN, endpointId: 'ep-ios' });
    const items = texts(dialog);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Messages allowed → blocked');
    expect(items[1]).toContain('Appeared as ACTIVE');
  });

  it('adds live events at the top as they arrive, once each', async () => {
    const { api, dialog } = await openTimeline();
    await within(dialog).findByRole('list', { name: 'Transitions' });
    act(() => api.emit('watch:change', inactiveFlip(Date.UTC(2024, 5, 1, 11, 0, 0))));
    const items = texts(dialog);
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('ACTIVE → INACTIVE (INVALID_DEVICE_TOKEN)');
    expect(items[0]).toContain('The push service rejected the device token');
    // Another endpoint's event is not this endpoint's history.
    act(() => api.emit('watch:change', { ...inactiveFlip(Date.UTC(2024, 5, 1, 12)), endpointId: 'ep-other' }));
    expect(texts(dialog)).toHaveLength(3);
  });

  it('says so when there is no history yet', async () => {
    installFakeApi({ ...endpointStubs([IPHONE]), 'watch:history': () => [] });
    useAppStore.setState({ selectedUserArn: USER_ARN });
    render(<UserDetail />);
    const user = userEvent.setup();
    await user.click(within(await screen.findByRole('row', { name: 'iPhone' })).getByRole('button', { name: 'Timeline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Timeline: iPhone' });
    expect(await within(dialog).findByText('No transitions yet')).toBeInTheDocument();
    expect(within(dialog).getByText(/This endpoint is not watched/)).toBeInTheDocument();
  });
});
