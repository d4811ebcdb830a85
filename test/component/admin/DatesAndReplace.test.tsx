/** Issue 11 polish: retention and expiration show actual dates; adding an existing tag key says it replaces the value. */
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { installFakeApi } from '../fakeApi';
import { TagsPanel } from '../../../src/renderer/src/features/admin/tags/TagsPanel';
import { RetentionForm } from '../../../src/renderer/src/features/admin/retention/RetentionForm';
import { RetentionSummary } from '../../../src/renderer/src/features/admin/retention/RetentionSummary';
import { ExpirationForm } from '../../../src/renderer/src/features/admin/users/ExpirationForm';
import { formatDateTime } from '../../../src/renderer/src/components/timeFormat';
import { APP_ARN, USER_ARN } from './helpers';

const DAY = 86_400_000;
const CREATED = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('dates instead of only numbers of days', () => {
  it('expiration says on which date the user expires, and previews a typed value', async () => {
    installFakeApi({});
    render(
      <ExpirationForm
        user={{ AppInstanceUserArn: USER_ARN, CreatedTimestamp: CREATED, ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: 'CREATED_TIMESTAMP' } }}
      />,
    );
    const form = screen.getByRole('form', { name: 'Expiration' });
    expect(form).toHaveTextContent(`Expires 30 days after its creation, on ${formatDateTime(CREATED + 30 * DAY)}.`);
    await userEvent.clear(screen.getByLabelText('Expiration days'));
    await userEvent.type(screen.getByLabelText('Expiration days'), '3650');
    expect(form).toHaveTextContent(`With 3650 days it would expire on ${formatDateTime(CREATED + 3650 * DAY)}.`);
  });

  it('retention says which messages go: those sent before a date', async () => {
    installFakeApi({});
    const retention = { AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 7 } } };
    render(<RetentionSummary value={retention} />);
    const summary = screen.getByLabelText('Current retention');
    expect(within(summary).getByText('Deletes messages sent before')).toBeInTheDocument();
    expect(within(summary).getByText(formatDateTime(new Date(Date.now() - 7 * DAY)).slice(0, 6), { exact: false })).toBeInTheDocument();
    render(<RetentionForm appInstanceArn={APP_ARN} current={retention} />);
    await userEvent.clear(screen.getByLabelText('Retention days'));
    await userEvent.type(screen.getByLabelText('Retention days'), '30');
    expect(screen.getByRole('form', { name: 'Retention settings' })).toHaveTextContent(
      /With 30 days, channel messages sent before .+ would be deleted\./,
    );
  });
});

describe('adding a tag whose key exists', () => {
  it('says it replaces the value, naming the current one', async () => {
    installFakeApi({ 'chime:ListTagsForResource': () => ({ Tags: [{ Key: 'env', Value: 'dev' }] }) });
    render(<TagsPanel resourceArn={APP_ARN} resourceLabel="app instance" />);
    await screen.findByRole('button', { name: 'Remove tag env' });
    await userEvent.type(screen.getByLabelText('Tag key'), 'env');
    expect(screen.getByRole('status')).toHaveTextContent('A tag with the key “env” exists (value “dev”): adding it replaces the value.');
  });
});
