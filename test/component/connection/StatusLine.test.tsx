import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { StatusLine } from '../../../src/renderer/src/features/connection/StatusLine';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi } from '../fakeApi';
import type { ActivityEntry } from '../../../src/shared/aws/types';

const dev = { kind: 'profile', profile: 'dev', region: 'us-east-1' } as const;
let nextId = 1;
const entry = (extra: Partial<ActivityEntry>): ActivityEntry => ({
  id: nextId++,
  operation: 'ListAppInstances',
  startedAt: new Date().toISOString(),
  durationMs: 10,
  attempts: 1,
  input: {},
  connection: dev,
  ...extra,
});
const status = () => screen.getByTestId('connection-status');

describe('Status line', () => {
  it('says "Connected" only after the service answered a call, and what failed otherwise', () => {
    installFakeApi({});
    render(<StatusLine />);
    act(() => useAppStore.setState({ connection: { info: dev, status: 'connected' } }));
    expect(status()).toHaveTextContent('Checking connection…');
    expect(screen.getByRole('status')).not.toHaveTextContent('Connected');

    // The endpoint cannot be reached: no HTTP answer at all.
    act(() =>
      useAppStore.getState().activityAppended(
        entry({ error: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND identity-chime.example', retryable: true } }),
      ),
    );
    expect(status()).toHaveTextContent('Not connected: ListAppInstances failed (ENOTFOUND: getaddrinfo ENOTFOUND identity-chime.example)');
    expect(status()).toHaveClass('status-error');

    // A call of another connection proves nothing about this one.
    act(() => useAppStore.getState().activityAppended(entry({ httpStatus: 200, connection: { kind: 'sandbox', region: 'us-east-1' } })));
    expect(status()).toHaveTextContent(/^Not connected/);

    // Any answer from the service (even an error answer) proves the connection.
    act(() => useAppStore.getState().activityAppended(entry({ httpStatus: 200 })));
    expect(status()).toHaveTextContent(/^Connected$/);
    act(() => useAppStore.getState().activityAppended(entry({ error: { code: 'NotFoundException', message: 'gone', retryable: false, httpStatus: 404 } })));
    expect(status()).toHaveTextContent(/^Connected$/);

    // Later network failures say the connection was lost.
    act(() => useAppStore.getState().activityAppended(entry({ error: { code: 'TimeoutError', message: 'timed out', retryable: true } })));
    expect(status()).toHaveTextContent('Connection lost: ListAppInstances failed (TimeoutError: timed out)');
  });

  it('starts over when the connection changes', () => {
    installFakeApi({});
    render(<StatusLine />);
    act(() => useAppStore.setState({ connection: { info: dev, status: 'connected' } }));
    act(() => useAppStore.getState().activityAppended(entry({ httpStatus: 200 })));
    expect(status()).toHaveTextContent(/^Connected$/);
    act(() => useAppStore.getState().connectionChanged({ info: { ...dev, region: 'eu-central-1' }, status: 'connected' }));
    expect(status()).toHaveTextContent('Checking connection…');
  });
});
