import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UserDetail } from '../../../src/renderer/src/features/endpoints/UserDetail';
import { useAppStore } from '../../../src/renderer/src/store';
import { subscribeToMain } from '../../../src/renderer/src/store/events';
import { describeEndpointState } from '../../../src/shared/workspace/endpointStateText';
import type { WatchTarget } from '../../../src/shared/ipc/appTypes';
import { installFakeApi, type FakeHandlers } from '../fakeApi';
import { endpointStubs, inactiveFlip, IPHONE, PIXEL, USER_ARN } from './fixtures';

function setup(handlers: FakeHandlers = {}, endpoints: Array<typeof IPHONE | typeof PIXEL> = [IPHONE]) {
  let watchList: WatchTarget[] = [];
  const api = installFakeApi({
    ...endpointStubs(endpoints),
    'watch:set': (input) => {
      const { target, watched } = input as { target: WatchTarget; watched: boolean };
      const others = watchList.filter((t) => t.userArn !== target.userArn || t.endpointId !== target.endpointId);
      watchList = watched ? [...others, target] : others;
      return watchList;
    },
    ...handlers,
  });
  const unsubscribe = subscribeToMain();
  useAppStore.setState({ selectedUserArn: USER_ARN });
  const view = render(<UserDetail />);
  const callsTo = (channel: string) => api.calls.filter((c) => c.channel === channel);
  return { api, user: userEvent.setup(), callsTo, view, unsubscribe };
}

const row = async (name: string) => {
  const found = await screen.findByRole('row', { name });
  await within(found).findAllByRole('button', { name: /Reveal/ });
  return found;
};

describe('Watch switch on the selected user', () => {
  it('turns watching on and off through watch:set', async () => {
    const { user, callsTo } = setup();
    const toggle = await screen.findByRole('switch', { name: 'Watch' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(callsTo('watch:set')[0]?.input).toEqual({ target: { userArn: USER_ARN }, watched: true });
    await waitFor(() => expect(toggle).toBeChecked());
    // Watching the user covers every endpoint: the row switch shows it and cannot contradict it.
    const rowToggle = within(await row('iPhone')).getByRole('switch', { name: 'Monitor endpoint iPhone' });
    expect(rowToggle).toBeChecked();
    // Browser tests match names by substring: "Watch" must name one switch only.
    expect(screen.getAllByRole('switch', { name: /watch/i })).toEqual([toggle]);
    expect(rowToggle).toBeDisabled();

    await user.click(toggle);
    expect(callsTo('watch:set')[1]?.input).toEqual({ target: { userArn: USER_ARN }, watched: false });
    await waitFor(() => expect(toggle).not.toBeChecked());
  });

  it('moves back and says why when main refuses', async () => {
    const { user } = setup({
      'watch:set': () => ({ ok: false, error: { code: 'StoreError', message: 'The workspace store is read-only', retryable: false } }),
    });
    const toggle = await screen.findByRole('switch', { name: 'Watch' });
    await user.click(toggle);
    expect(await screen.findByRole('alert')).toHaveTextContent('The workspace store is read-only');
    expect(toggle).not.toBeChecked();
  });

  it('watches a single endpoint from its row', async () => {
    const { user, callsTo } = setup();
    const rowToggle = within(await row('iPhone')).getByRole('switch', { name: 'Monitor endpoint iPhone' });
    await user.click(rowToggle);
    expect(callsTo('watch:set')[0]?.input).toEqual({ target: { userArn: USER_ARN, endpointId: 'ep-ios' }, watched: true });
    await waitFor(() => expect(rowToggle).toBeChecked());
    expect(screen.getByRole('switch', { name: 'Watch' })).not.toBeChecked();
  });
});

describe('Live state badges', () => {
  it('update from a watch:change event without a refresh', async () => {
    const { api, callsTo } = setup();
    const iphone = await row('iPhone');
    expect(within(iphone).getByText('ACTIVE')).toBeInTheDocument();
    act(() => api.emit('watch:change', inactiveFlip(Date.UTC(2024, 5, 1, 12, 0, 0))));
    expect(within(iphone).getByText('INACTIVE (INVALID_DEVICE_TOKEN)')).toBeInTheDocument();
    expect(within(iphone).getByText(describeEndpointState('INACTIVE', 'INVALID_DEVICE_TOKEN'))).toBeInTheDocument();
    expect(callsTo('chime:ListAppInstanceUserEndpoints')).toHaveLength(1);
  });

  it('follow Allow messages changed elsewhere', async () => {
    const { api } = setup();
    const allow = within(await row('iPhone')).getByRole('switch', { name: 'Allow messages' });
    expect(allow).toBeChecked();
    act(() =>
      api.emit('watch:change', {
        kind: 'allow-messages-changed',
        userArn: USER_ARN,
        endpointId: 'ep-ios',
        at: 1,
        before: { endpointId: 'ep-ios', allowMessages: 'ALL' },
        after: { endpointId: 'ep-ios', allowMessages: 'NONE' },
      }),
    );
    expect(allow).not.toBeChecked();
  });

  it('reload the list when an endpoint appears and drop one that disappears', async () => {
    const endpoints: Array<typeof IPHONE | typeof PIXEL> = [IPHONE];
    const { api, callsTo } = setup({}, endpoints);
    await row('iPhone');
    endpoints.push(PIXEL);
    act(() =>
      api.emit('watch:change', { kind: 'appeared', userArn: USER_ARN, endpointId: 'ep-android', at: 2, after: { endpointId: 'ep-android', status: 'ACTIVE' } }),
    );
    expect(await screen.findByRole('row', { name: 'Pixel' })).toBeInTheDocument();
    expect(callsTo('chime:ListAppInstanceUserEndpoints')).toHaveLength(2);

    act(() =>
      api.emit('watch:change', { kind: 'disappeared', userArn: USER_ARN, endpointId: 'ep-ios', at: 3, before: { endpointId: 'ep-ios', status: 'ACTIVE' } }),
    );
    await waitFor(() => expect(screen.queryByRole('row', { name: 'iPhone' })).not.toBeInTheDocument());
  });

  it("ignore another user's events", async () => {
    const { api } = setup();
    const iphone = await row('iPhone');
    act(() => api.emit('watch:change', { ...inactiveFlip(5), userArn: `${USER_ARN}-other` }));
    expect(within(iphone).getByText('ACTIVE')).toBeInTheDocument();
  });
});
