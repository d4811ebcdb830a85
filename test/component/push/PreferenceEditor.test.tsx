import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PreferenceEditor } from '../../../src/renderer/src/features/push/PreferenceEditor';
import { installFakeApi } from '../fakeApi';
import { USER_ARN, seedStore } from '../registration/fixtures';
import { CHANNEL_ARN } from './fixtures';

function setup() {
  seedStore();
  const api = installFakeApi({
    'push:getPreference': () => ({ mode: 'Default' as const }),
    'push:setPreference': ({ preference }) => preference,
  });
  const user = userEvent.setup();
  render(<PreferenceEditor channelArn={CHANNEL_ARN} memberArn={USER_ARN} />);
  return { api, user, editor: screen.getByRole('group', { name: 'Push preference in this channel' }) };
}

describe('membership preference editor', () => {
  it('checks the FilterRule as it is typed and names the problem', async () => {
    const { api, user, editor } = setup();
    await waitFor(() => expect(within(editor).getByRole('radio', { name: 'Default' })).toBeChecked());
    await user.click(within(editor).getByRole('radio', { name: 'Filtered' }));
    expect(within(editor).getByRole('alert')).toHaveTextContent(
      'Filtered needs a FilterRule, e.g. {"mention":["Bob"]}',
    );
    const rule = within(editor).getByLabelText('FilterRule');
    await user.click(rule);
    await user.paste('{"mention":"Bob"}');
    expect(rule).toHaveAttribute('aria-invalid', 'true');
    expect(within(editor).getByRole('alert')).toHaveTextContent(
      'FilterRule: "mention" needs a non-empty list of values',
    );
    expect(within(editor).getByRole('button', { name: 'Save preference' })).toBeDisabled();
    await user.clear(rule);
    await user.paste('{"mention":["Bob"]}');
    expect(rule).toHaveAttribute('aria-invalid', 'false');
    expect(within(editor).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(editor).getByRole('button', { name: 'Save preference' }));
    await waitFor(() => expect(api.calls.some((c) => c.channel === 'push:setPreference')).toBe(true));
    expect(api.calls.find((c) => c.channel === 'push:setPreference')?.input).toEqual({
      channelArn: CHANNEL_ARN,
      memberArn: USER_ARN,
      preference: { mode: 'Filtered', filterRule: '{"mention":["Bob"]}' },
    });
    await waitFor(() => expect(within(editor).getByRole('button', { name: 'Save preference' })).toBeDisabled());
  });

  it('sets Mute as NONE without a FilterRule', async () => {
    const { api, user, editor } = setup();
    await waitFor(() => expect(within(editor).getByRole('radio', { name: 'Default' })).toBeChecked());
    await user.click(within(editor).getByRole('radio', { name: 'Mute' }));
    expect(editor).toHaveTextContent('NONE: no message notifies');
    await user.click(within(editor).getByRole('button', { name: 'Save preference' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.channel === 'push:setPreference')?.input).toMatchObject({
        preference: { mode: 'Mute' },
      }),
    );
  });
});
