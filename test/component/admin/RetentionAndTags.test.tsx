import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installFakeApi } from '../fakeApi';
import { useAppStore } from '../../../src/renderer/src/store';
import { AdminView } from '../../../src/renderer/src/features/admin/AdminView';
import { TagsPanel } from '../../../src/renderer/src/features/admin/tags/TagsPanel';
import { APP_ARN, inputsOf, serverError } from './helpers';

const DELETION_AT = Date.UTC(2026, 0, 2, 3, 4, 5);

describe('Retention', () => {
  it('checks the 1–5475 range from the shared shape and shows when deletion starts', async () => {
    const api = installFakeApi({
      'chime:DescribeAppInstance': () => ({ AppInstance: { AppInstanceArn: APP_ARN, Name: 'Demo' } }),
      'chime:ListTagsForResource': () => ({ Tags: [] }),
      'chime:GetAppInstanceRetentionSettings': () => ({ AppInstanceRetentionSettings: {} }),
      'chime:PutAppInstanceRetentionSettings': (input) => ({
        AppInstanceRetentionSettings: input.AppInstanceRetentionSettings,
        InitiateDeletionTimestamp: DELETION_AT,
      }),
    });
    useAppStore.setState({ selectedAppInstanceArn: APP_ARN });
    render(<AdminView />);
    await userEvent.click(screen.getByRole('tab', { name: 'Retention' }));
    const days = await screen.findByLabelText('Retention days');
    expect(screen.getByText(/Not set/)).toBeInTheDocument();

    for (const [value, message] of [
      ['0', /greater than or equal to 1/],
      ['5476', /less than or equal to 5475/],
      ['ten', /Retention days must be a whole number/],
    ] as const) {
      await userEvent.clear(days);
      await userEvent.type(days, value);
      await userEvent.click(screen.getByRole('button', { name: 'Save retention' }));
      expect(days).toHaveAttribute('aria-invalid', 'true');
      expect(days).toHaveAccessibleDescription(message);
    }
    expect(inputsOf(api, 'chime:PutAppInstanceRetentionSettings')).toHaveLength(0);

    await userEvent.clear(days);
    await userEvent.type(days, '5475');
    await userEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    await waitFor(() => expect(screen.getByText('5475 days')).toBeInTheDocument());
    expect(document.querySelector(`time[datetime="${new Date(DELETION_AT).toISOString()}"]`)).not.toBeNull();
    expect(inputsOf(api, 'chime:PutAppInstanceRetentionSettings')).toEqual([
      { AppInstanceArn: APP_ARN, AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 5475 } } },
    ]);
  });
});

describe('Tags', () => {
  it('validates key and value lengths from the shared Tag shapes', async () => {
    const api = installFakeApi({ 'chime:ListTagsForResource': () => ({ Tags: [] }) });
    render(<TagsPanel resourceArn={APP_ARN} resourceLabel="app instance" />);
    await userEvent.click(screen.getByLabelText('Tag key'));
    await userEvent.paste('k'.repeat(129));
    await userEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(screen.getByLabelText('Tag key')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Tag key')).toHaveAccessibleDescription(/Tag key must have length less than or equal to 128/);
    expect(screen.getByLabelText('Tag value')).toHaveAccessibleDescription(/Tag value is required/);
    await userEvent.click(screen.getByLabelText('Tag value'));
    await userEvent.paste('v'.repeat(257));
    expect(screen.getByLabelText('Tag value')).toHaveAccessibleDescription(/less than or equal to 256/);
    expect(inputsOf(api, 'chime:TagResource')).toHaveLength(0);
  });

  it('refuses a key starting with aws:, as AWS does, in words', async () => {
    const api = installFakeApi({ 'chime:ListTagsForResource': () => ({ Tags: [] }) });
    render(<TagsPanel resourceArn={APP_ARN} resourceLabel="app instance" />);
    await userEvent.type(screen.getByLabelText('Tag key'), 'AWS:cost');
    await userEvent.type(screen.getByLabelText('Tag value'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(screen.getByLabelText('Tag key')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Tag key')).toHaveAccessibleDescription(/^Tag key: use a key not starting with aws: \(reserved for AWS\)\./);
    expect(inputsOf(api, 'chime:TagResource')).toHaveLength(0);
  });

  it('adds and removes a tag, relisting after each', async () => {
    let tags = [{ Key: 'env', Value: 'dev' }];
    const api = installFakeApi({
      'chime:ListTagsForResource': () => ({ Tags: tags }),
      'chime:TagResource': (input) => {
        tags = [...tags, ...(input as { Tags: typeof tags }).Tags];
        return {};
      },
      'chime:UntagResource': (input) => {
        tags = tags.filter((t) => !(input as { TagKeys: string[] }).TagKeys.includes(t.Key));
        return {};
      },
    });
    render(<TagsPanel resourceArn={APP_ARN} resourceLabel="app instance" />);
    await userEvent.type(screen.getByLabelText('Tag key'), 'team');
    await userEvent.type(screen.getByLabelText('Tag value'), 'push');
    await userEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await screen.findByRole('button', { name: 'Remove tag team' });
    expect(inputsOf(api, 'chime:TagResource')).toEqual([{ ResourceARN: APP_ARN, Tags: [{ Key: 'team', Value: 'push' }] }]);
    expect(screen.getByLabelText('Tag key')).toHaveValue('');

    await userEvent.click(screen.getByRole('button', { name: 'Remove tag env' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove tag env' })).not.toBeInTheDocument());
    expect(inputsOf(api, 'chime:UntagResource')).toEqual([{ ResourceARN: APP_ARN, TagKeys: ['env'] }]);
  });

  it('refuses a 51st tag in the form and shows server errors', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const api = installFakeApi({
      'chime:ListTagsForResource': () => ({ Tags: fifty }),
      'chime:TagResource': () => serverError('BadRequestException', 'Too many tags'),
    });
    render(<TagsPanel resourceArn={APP_ARN} resourceLabel="app instance" />);
    await screen.findByRole('button', { name: 'Remove tag k49' });
    await userEvent.type(screen.getByLabelText('Tag key'), 'new');
    await userEvent.type(screen.getByLabelText('Tag value'), 'v');
    expect(screen.getByRole('alert')).toHaveTextContent('already has 50 tags');
    await userEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(inputsOf(api, 'chime:TagResource')).toHaveLength(0);

    // Replacing an existing key does not add a tag, so it is allowed; the server's refusal is shown.
    await userEvent.clear(screen.getByLabelText('Tag key'));
    await userEvent.type(screen.getByLabelText('Tag key'), 'k1');
    await userEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('BadRequestException');
    expect(alert).toHaveTextContent('Too many tags');
  });
});
