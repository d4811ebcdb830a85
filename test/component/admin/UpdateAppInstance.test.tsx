import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installFakeApi } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { AdminView } from '../../../src/renderer/src/features/admin/AdminView';
import { APP_ARN, inputsOf } from './helpers';

describe('Edit app instance', () => {
  it('describes the instance, validates the name and sends name and metadata together (no token: the API takes none)', async () => {
    const api = installFakeApi({
      'chime:DescribeAppInstance': () => ({ AppInstance: { AppInstanceArn: APP_ARN, Name: 'Demo', Metadata: 'old', CreatedTimestamp: 1_700_000_000_000 } }),
      'chime:ListTagsForResource': () => ({ Tags: [] }),
      'chime:UpdateAppInstance': () => ({ AppInstanceArn: APP_ARN }),
      'pages:start': () => ({ loadId: 'x' }),
    });
    useAppStore.setState({ selectedAppInstanceArn: APP_ARN });
    render(<AdminView />);
    const name = await screen.findByLabelText('Name');
    expect(name).toHaveValue('Demo');
    await userEvent.clear(name);
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(inputsOf(api, 'chime:UpdateAppInstance')).toHaveLength(0);

    await userEvent.type(name, 'Renamed');
    await userEvent.clear(screen.getByLabelText('Metadata'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(inputsOf(api, 'chime:UpdateAppInstance')).toEqual([{ AppInstanceArn: APP_ARN, Name: 'Renamed', Metadata: '' }]));
  });
});
