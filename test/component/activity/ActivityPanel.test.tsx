import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { render, screen, waitFor, act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivityPanel } from '../../../src/renderer/src/features/activity/ActivityPanel';
import { useAppStore } from '../../../src/renderer/src/store';
import type { ActivityEntry } from '../../../src/shared/ipc/appTypes';
import { installFakeApi, type FakeHandlers } from '../fakeApi';

const connection = { kind: 'sandbox', region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' } as const;
const ENTRIES: ActivityEntry[] = [
  {
    id: 1,
    operation: 'ListAppInstanceUserEndpoints',
    startedAt: '2024-05-01T10:00:00.000Z',
    durationMs: 12,
    httpStatus: 200,
    requestId: 'req-list-1',
    attempts: 1,
    input: { AppInstanceUserArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/i/user/alice' },
    output: { AppInstanceUserEndpoints: [] },
    connection,
  },
  {
    id: 2,
    operation: 'RegisterAppInstanceUserEndpoint',
    startedAt: '2024-05-01T10:00:01.000Z',
    durationMs: 34,
    httpStatus: 400,
    requestId: 'req-reg-2',
    attempts: 1,
    input: { Type: 'APNS', EndpointAttributes: { DeviceToken: 'a1b2…9f0e' } },
    error: { code: 'BadRequestException', message: 'Bad token', httpStatus: 400, retryable: false },
    connection,
  },
];
const COMMAND =
  "aws chime-sdk-identity register-app-instance-user-endpoint --region us-east-1 --endpoint-url 'http://127.0.0.1:4566'";

function setup(handlers: FakeHandlers = {}, open = true) {
  const api = installFakeApi({
    'activity:list': () => ENTRIES,
    'activity:cli': () => ({ command: COMMAND }),
    'activity:export': () => ({ json: '{"entries":[]}', fileName: 'activity-2024.json' }),
    'activity:clear': () => ({ cleared: 2 }),
    ...handlers,
  });
  const user = userEvent.setup();
  const onToggle = vi.fn();
  render(<ActivityPanel open={open} onToggle={onToggle} />);
  const callsTo = (channel: string) => api.calls.filter((c) => c.channel === channel);
  return { api, user, onToggle, callsTo };
}

function mockClipboard(writeText: (text: string) => Promise<void>) {
  const spy = vi.fn(writeText);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: spy }, configurable: true });
  return spy;
}

afterEach(() => vi.restoreAllMocks());

describe('ActivityPanel', () => {
  it('stays collapsed without loading, and toggles from its button', async () => {
    const { user, onToggle, callsTo } = setup({}, false);
    const toggle = screen.getByRole('button', { name: 'Activity log (0)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(callsTo('activity:list')).toHaveLength(0);
    await user.click(toggle);
    expect(onToggle).toHaveBeenCalledOnce();
  });

  it('lists the calls newest first when opened, and counts appended ones without duplicates', async () => {
    setup();
    expect(await screen.findByRole('button', { name: 'Activity log (2)' })).toHaveAttribute('aria-expanded', 'true');
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('RegisterAppInstanceUserEndpoint');
    expect(items[0]).toHaveTextContent('BadRequestException');
    expect(items[0]).toHaveTextContent('34 ms');
    expect(items[1]).toHaveTextContent('req-list-1');
    act(() => {
      useAppStore.getState().activityAppended(ENTRIES[1] as ActivityEntry);
      useAppStore.getState().activityAppended({ ...(ENTRIES[0] as ActivityEntry), id: 3, requestId: 'req-3' });
    });
    expect(screen.getByRole('button', { name: 'Activity log (3)' })).toBeInTheDocument();
  });

  it('shows the selected call with its request, response and error', async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: /RegisterAppInstanceUserEndpoint/ }));
    const detail = screen.getByRole('region', { name: 'Call RegisterAppInstanceUserEndpoint' });
    expect(detail).toHaveTextContent('"DeviceToken": "a1b2…9f0e"');
    expect(detail).toHaveTextContent('req-reg-2');
    expect(detail).toHaveTextContent('Bad token');
  });

  it('copies the call as an AWS CLI command, with tokens only when asked', async () => {
    const { user, callsTo } = setup();
    const writeText = mockClipboard(async () => {});
    await user.click(await screen.findByRole('button', { name: /RegisterAppInstanceUserEndpoint/ }));
    await user.click(screen.getByRole('button', { name: 'Copy as AWS CLI command' }));
    expect(await screen.findByText('Copied')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(COMMAND);
    expect(callsTo('activity:cli')[0]?.input).toEqual({ id: 2, revealTokens: false, shell: 'posix' });
    // Hidden tokens: the copy says they are placeholders.
    expect(screen.getByText(/Device tokens are copied as/)).toHaveTextContent('<DEVICE_TOKEN>');

    await user.click(screen.getByRole('checkbox', { name: 'Reveal tokens' }));
    expect(screen.queryByText(/Device tokens are copied as/)).not.toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Shell' }), 'PowerShell');
    await user.click(screen.getByRole('button', { name: 'Copy as AWS CLI command' }));
    await waitFor(() => expect(callsTo('activity:cli')).toHaveLength(2));
    expect(callsTo('activity:cli')[1]?.input).toEqual({ id: 2, revealTokens: true, shell: 'powershell' });
  });

  it('shows the command selected for a manual copy when the clipboard refuses', async () => {
    const { user } = setup();
    mockClipboard(async () => {
      throw new Error('Document is not focused');
    });
    await user.click(await screen.findByRole('button', { name: /ListAppInstanceUserEndpoints/ }));
    await user.click(screen.getByRole('button', { name: 'Copy as AWS CLI command' }));
    const box = await screen.findByRole('textbox', { name: 'AWS CLI command' });
    expect(box).toHaveValue(COMMAND);
    expect(box).toHaveAttribute('readonly');
    expect(screen.queryByText('Copied')).not.toBeInTheDocument();
  });

  it('exports the log as a JSON download', async () => {
    const { user, callsTo } = setup();
    let blob: Blob | undefined;
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    onTestFinished(() => {
      Object.assign(URL, { createObjectURL: original.create, revokeObjectURL: original.revoke });
    });
    URL.createObjectURL = vi.fn((b: Blob) => {
      blob = b;
      return 'blob:activity';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await user.click(await screen.findByRole('button', { name: 'Export log' }));
    await screen.findByText('Exported activity-2024.json');
    expect(callsTo('activity:export')[0]?.input).toBeUndefined();
    expect(clicked[0]?.download).toBe('activity-2024.json');
    expect(clicked[0]?.href).toBe('blob:activity');
    expect(await blob?.text()).toBe('{"entries":[]}');
  });

  it('clears the log through main', async () => {
    const { user, callsTo } = setup();
    await user.click(await screen.findByRole('button', { name: 'Clear' }));
    expect(await screen.findByText('No API calls yet')).toBeInTheDocument();
    expect(callsTo('activity:clear')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Activity log (0)' })).toBeInTheDocument();
  });

  it('shows a load failure with its code', async () => {
    setup({
      'activity:list': () => ({ ok: false, error: { code: 'Internal', message: 'Log unavailable', retryable: true } }),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Log unavailable');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('watcher polls in the log', () => {
  it('are hidden until "Show watcher polls" is on', async () => {
    const watcherPoll: ActivityEntry = { ...ENTRIES[0]!, id: 3, requestId: 'req-watch-3', source: 'watch' };
    const { user } = setup({ 'activity:list': () => [...ENTRIES, watcherPoll] });
    await screen.findByText('req-reg-2');
    expect(screen.queryByText('req-watch-3')).not.toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Show watcher polls' }));
    expect(await screen.findByText('req-watch-3')).toBeInTheDocument();
  });

  it('says whom each call was for, filters by operation, status and user, and does not count hidden watcher polls', async () => {
    const poll: ActivityEntry = { ...(ENTRIES[0] as ActivityEntry), id: 3, requestId: 'req-poll', source: 'watch' };
    const bob: ActivityEntry = {
      ...(ENTRIES[0] as ActivityEntry),
      id: 4,
      operation: 'DescribeAppInstanceUserEndpoint',
      requestId: 'req-bob',
      input: { AppInstanceUserArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/i/user/bob', EndpointId: 'ep-9' },
    };
    const { user } = setup({ 'activity:list': () => [...ENTRIES, poll, bob] });
    act(() => useAppStore.setState({ users: [{ AppInstanceUserArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/i/user/bob', Name: 'Bob Builder' }] }));
    // Three of the user's calls; the hidden poll is not counted.
    expect(await screen.findByRole('button', { name: 'Activity log (3)' })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'API calls' });
    expect(list).toHaveTextContent('user Bob Builder');
    expect(list).toHaveTextContent('endpoint ep-9');
    expect(list).toHaveTextContent('user alice');
    expect(list).not.toHaveTextContent('req-poll');
    await user.click(screen.getByRole('switch', { name: 'Show watcher polls' }));
    expect(screen.getByRole('button', { name: 'Activity log (4)' })).toBeInTheDocument();
    expect(list).toHaveTextContent('watcher');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by status' }), 'Failed');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('listitem')).toHaveTextContent('BadRequestException');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by status' }), 'All statuses');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by operation' }), 'DescribeAppInstanceUserEndpoint');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by operation' }), 'All operations');
    await user.type(screen.getByRole('searchbox', { name: 'Filter by user' }), 'builder');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByRole('listitem')).toHaveTextContent('req-bob');
    await user.clear(screen.getByRole('searchbox', { name: 'Filter by user' }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter by user' }), 'nobody');
    expect(screen.getByText('No matching calls')).toBeInTheDocument();
  });
});
