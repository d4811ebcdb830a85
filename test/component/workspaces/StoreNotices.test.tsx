import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { StoreNotices } from '../../../src/renderer/src/features/workspaces/StoreNotices';
import { useAppStore } from '../../../src/renderer/src/store';
import { installFakeApi } from '../fakeApi';
import { PERSONAL } from './fixtures';

describe('Store notices', () => {
  it('says tokens are not encrypted only once a token is saved', () => {
    installFakeApi({});
    const notice = { kind: 'encryption-unavailable', message: 'This system offers no keychain.' } as const;
    act(() => useAppStore.setState({ notices: [notice], workspaces: [{ ...PERSONAL, devices: [] }] }));
    render(<StoreNotices />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    act(() => useAppStore.setState({ workspaces: [PERSONAL] }));
    expect(PERSONAL.devices.length).toBeGreaterThan(0);
    expect(screen.getByRole('alert')).toHaveTextContent(/Tokens not encrypted:\s*This system offers no keychain/);
  });
});
