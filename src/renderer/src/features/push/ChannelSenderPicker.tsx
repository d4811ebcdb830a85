import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PUSH_SENDER_ID, PUSH_TEST_CHANNEL_NAME } from '../../../../shared/push/testPush';
import type { PlanChoice } from './pushSlice';

/** Select values that are not ARNs. */
const SHARED = '';
const OWN = 'own';
const OTHER = 'other';
/** A select of 100,000 users helps nobody: the first ones are offered, any other is typed. */
export const SENDER_USERS_MAX = 200;

/**
 * "Any channel the developer picks" and "any user or bot": selects of the
 * channels the target is in and those the sender sees, and of the
 * AppInstance's users (already loaded) and bots, with a typed ARN as the
 * fallback. A pick re-plans at once, so the plan view always says what the
 * send will use.
 */
export function ChannelSenderPicker() {
  const ids = { channel: useId(), sender: useId(), channelArn: useId(), senderArn: useId() };
  const userArn = useAppStore((s) => s.selectedUserArn);
  const users = useAppStore((s) => s.users);
  const choices = useAppStore((s) => s.pushChoices);
  const picked = useAppStore((s) => s.pushPlanChoice);
  const [typed, setTyped] = useState({ channel: false, sender: false, channelArn: '', senderArn: '' });

  useEffect(() => {
    void useAppStore.getState().loadPushChoices(picked.senderArn);
  }, [userArn, picked.senderArn]);

  const channels = choices?.value?.channels ?? [];
  const bots = choices?.value?.bots ?? [];
  const senders = users.filter((u) => u.AppInstanceUserArn && u.AppInstanceUserArn !== userArn).slice(0, SENDER_USERS_MAX);
  const plan = (next: PlanChoice) => void useAppStore.getState().planTestPush(next);

  const channelValue = typed.channel
    ? OTHER
    : picked.channelArn
      ? channels.some((c) => c.arn === picked.channelArn)
        ? picked.channelArn
        : OTHER
      : picked.ownChannel
        ? OWN
        : SHARED;
  const senderValue = typed.sender
    ? OTHER
    : picked.senderArn
      ? senders.some((u) => u.AppInstanceUserArn === picked.senderArn) || bots.some((b) => b.arn === picked.senderArn)
        ? picked.senderArn
        : OTHER
      : SHARED;

  const pickChannel = (value: string) => {
    setTyped({ ...typed, channel: value === OTHER });
    if (value === OTHER) return; // planned once an ARN is typed
    plan({ senderArn: picked.senderArn, ...(value === OWN ? { ownChannel: true } : value ? { channelArn: value } : {}) });
  };
  const pickSender = (value: string) => {
    setTyped({ ...typed, sender: value === OTHER });
    if (value === OTHER) return;
    plan({ ...picked, senderArn: value || undefined });
  };

  return (
    <section className="push-choice" aria-label="Channel and sender">
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.channel}>Channel</label>
          <select id={ids.channel} value={channelValue} onChange={(e) => pickChannel(e.target.value)}>
            <option value={SHARED}>The test channel ({PUSH_TEST_CHANNEL_NAME})</option>
            <option value={OWN}>A channel of this user’s own (only the sender and this user)</option>
            {channels.length > 0 && (
              <optgroup label="Channels">
                {channels.map((c) => (
                  <option key={c.arn} value={c.arn}>
                    {c.name}
                    {c.targetIsMember ? ' (member)' : ''}
                  </option>
                ))}
              </optgroup>
            )}
            <option value={OTHER}>Another channel (type its ARN)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.sender}>Sender</label>
          <select id={ids.sender} value={senderValue} onChange={(e) => pickSender(e.target.value)}>
            <option value={SHARED}>{PUSH_SENDER_ID} (created if missing)</option>
            {senders.length > 0 && (
              <optgroup label="Users">
                {senders.map((u) => (
                  <option key={u.AppInstanceUserArn} value={u.AppInstanceUserArn}>
                    {u.Name || u.AppInstanceUserArn}
                  </option>
                ))}
              </optgroup>
            )}
            {bots.length > 0 && (
              <optgroup label="Bots">
                {bots.map((b) => (
                  <option key={b.arn} value={b.arn}>
                    {b.name} (bot)
                  </option>
                ))}
              </optgroup>
            )}
            <option value={OTHER}>Another user or bot (type its ARN)</option>
          </select>
        </div>
      </div>
      {(channelValue === OTHER || senderValue === OTHER) && (
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            plan({
              ...picked,
              ...(channelValue === OTHER && { channelArn: typed.channelArn || undefined, ownChannel: false }),
              ...(senderValue === OTHER && { senderArn: typed.senderArn || undefined }),
            });
          }}
        >
          {channelValue === OTHER && (
            <label>
              Channel ARN
              <input
                className="mono"
                spellCheck={false}
                value={typed.channelArn}
                onChange={(e) => setTyped({ ...typed, channelArn: e.target.value.trim() })}
              />
            </label>
          )}
          {senderValue === OTHER && (
            <label>
              Sender ARN
              <input
                className="mono"
                spellCheck={false}
                value={typed.senderArn}
                onChange={(e) => setTyped({ ...typed, senderArn: e.target.value.trim() })}
              />
            </label>
          )}
          <button type="submit" className="small">
            Plan with these
          </button>
        </form>
      )}
      {choices?.error && <ErrorMessage error={choices.error} lead="Could not list the channels and bots to pick from." />}
    </section>
  );
}
