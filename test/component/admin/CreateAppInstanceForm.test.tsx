import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installFakeApi } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { AdminView } from '../../../src/renderer/src/features/admin/AdminView';
import { APP_ARN, inputsOf, serverError, stubUuids } from './helpers';

afterEach(() => vi.restoreAllMocks());

describe('Create app instance', () => {
  it('refuses an empty name and a name longer than the shared shape allows, marking the field', async () => {
    const api = installFakeApi({});
    render(<AdminView />);
    const name = screen.getByLabelText('Name');
    await userEvent.click(screen.getByRole('button', { name: 'Create app instance' }));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/Name is required/);
    expect(screen.getByRole('alert')).toHaveTextContent('Name is required.');

    await userEvent.click(name);
    await userEvent.paste('x'.repeat(257));
    expect(name).toHaveAccessibleDescription(/Name must have length less than or equal to 256/);
    await userEvent.click(screen.getByRole('button', { name: 'Create app instance' }));
    expect(inputsOf(api, 'chime:CreateAppInstance')).toHaveLength(0);

    await userEvent.clear(name);
    await userEvent.type(name, 'ok');
    expect(name).not.toHaveAttribute('aria-invalid');
  });

  it('checks initial tags with the shared Tag shapes', async () => {
    const api = installFakeApi({});
    render(<AdminView />);
    await userEvent.type(screen.getByLabelText('Name'), 'demo');
    await userEvent.click(screen.getByRole('button', { name: 'Add a tag row' }));
    await userEvent.click(screen.getByLabelText('Tag 1 key'));
    await userEvent.paste('k'.repeat(129));
    await userEvent.click(screen.getByRole('button', { name: 'Create app instance' }));
    expect(screen.getByLabelText('Tag 1 key')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Tag 1 key')).toHaveAccessibleDescription(/less than or equal to 128/);
    expect(screen.getByLabelText('Tag 1 value')).toHaveAccessibleDescription(/Tag value is required/);
    expect(inputsOf(api, 'chime:CreateAppInstance')).toHaveLength(0);
  });

  it('shows the server error with its code, reuses the ClientRequestToken on retry and takes a new one for a changed request', async () => {
    stubUuids();
    let fail = true;
    const api = installFakeApi({
      'chime:CreateAppInstance': () => (fail ? serverError('ThrottledClientException', 'Rate exceeded', 429) : { AppInstanceArn: APP_ARN }),
      'pages:start': () => ({ loadId: 'x' }),
    });
    render(<AdminView />);
    await userEvent.type(screen.getByLabelText('Name'), 'demo');
    await userEvent.type(screen.getByLabelText('Metadata'), 'meta');
    await userEvent.click(screen.getByRole('button', { name: 'Create app instance' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('ThrottledClientException');
    expect(alert).toHaveTextContent('Rate exceeded');

    await userEvent.click(screen.getByRole('button', { name: 'Create app instance' }));
    await userEvent.type(screen.getByLabelText('Name'), '2');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Create app instance' }));

    const sent = inputsOf(api, 'chime:CreateAppInstance');
    expect(sent).toHaveLength(3);
    expect(sent[0]).toEqual({ Name: 'demo', Metadata: 'meta', ClientRequestToken: '00000000-0000-4000-8000-000000000001' });
    expect(sent[1]!.ClientRequestToken).toBe(sent[0]!.ClientRequestToken);
    expect(sent[2]).toMatchObject({ Name: 'demo2', ClientRequestToken: '00000000-0000-4000-8000-000000000002' });
  });

  it('reloads the list and selects the created app instance', async () => {
    const api = installFakeApi({
      'chime:CreateAppInstance': () => ({ AppInstanceArn: APP_ARN }),
      'pages:start': () => ({ loadId: 'x' }),
      'chime:DescribeAppInstance': () => ({ AppInstance: { AppInstanceArn: APP_ARN, Name: 'demo' } }),
      'chime:ListTagsForResource': () => ({ Tags: [] }),
    });
    render(<AdminView />);
    await userEvent.type(screen.getByLabelText('Name'), 'demo');
    await userEvent.click(screen.getByRole('button', { name: 'Create app instance' }));
    await waitFor(() => expect(useAppStore.getState().selectedAppInstanceArn).toBe(APP_ARN));
    const pageLoads = inputsOf(api, 'pages:start').map((i) => i.operation);
    expect(pageLoads).toEqual(expect.arrayContaining(['ListAppInstances', 'ListAppInstanceUsers']));
    expect(await screen.findByRole('tab', { name: 'Overview', selected: true })).toBeInTheDocument();
  });
});
