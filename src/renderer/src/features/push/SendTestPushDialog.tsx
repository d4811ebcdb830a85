import { useEffect, useId } from 'react';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFormState } from '../../forms/useFormState';
import { UserSubject } from '../users/UserSubject';
import {
  PUSH_BODY_MAX,
  PUSH_TITLE_MAX,
  PUSH_TYPES,
  wouldNotifyWith,
  type PushType,
} from '../../../../shared/push/testPush';
import { checkTestPushForm, EMPTY_TEST_PUSH, hasProblems, type TestPushForm } from './testPushForm';
import { TestPushPlanView } from './TestPushPlanView';
import { PreferenceEditor } from './PreferenceEditor';
import { TestPushHistory } from './TestPushHistory';
import { CleanUpSection } from './CleanUpSection';
import { ChannelSenderPicker } from './ChannelSenderPicker';
import { ChannelAudience } from './ChannelAudience';

/**
 * "Send test push" on the selected user: what the send will use and create is
 * planned by main and shown first; the message is checked as typed (Title
 * 1–50, Body 1–150, attributes); "would this message notify?" comes from the
 * shared evaluator with the target's saved preference. After sending, a
 * status says "Sent" with the message id, or the error with its meaning.
 */
export function SendTestPushDialog({ onClose }: { readonly onClose: () => void }) {
  const ids = {
    title: useId(),
    body: useId(),
    type: useId(),
    attributes: useId(),
    titleMsg: useId(),
    bodyMsg: useId(),
    attrMsg: useId(),
  };
  const userArn = useAppStore((s) => s.selectedUserArn);
  const onSandbox = useAppStore((s) => s.connection?.info.kind === 'sandbox');
  const plan = useAppStore((s) => s.testPushPlan);
  const outcome = useAppStore((s) => s.testPushOutcome);
  const sending = useAppStore((s) => s.testPushSending);
  const channelArn = plan?.value?.channel.arn;
  const isMember = Boolean(channelArn && plan?.value && !plan.value.steps.some((s) => s.kind === 'addMember'));
  const preference = useAppStore((s) =>
    channelArn && userArn && s.pushPreference?.key === `${channelArn}|${userArn}` ? s.pushPreference.value : undefined,
  );
  const state = useFormState<TestPushForm>(EMPTY_TEST_PUSH);
  const form = state.values;
  const check = checkTestPushForm(form);

  useEffect(() => {
    void useAppStore.getState().planTestPush();
    return () => useAppStore.getState().resetTestPush();
  }, [userArn]);

  // Before the first send the target may not be a member yet: then no preference is set (Default).
  const decision = check.attributes
    ? undefined
    : wouldNotifyWith(isMember ? preference : undefined, check.messageAttributes);

  const submit = async () => {
    state.attempt();
    if (hasProblems(check) || !plan?.value) return;
    await useAppStore.getState().sendTestPush({
      title: form.title,
      body: form.body,
      pushType: form.pushType,
      ...(check.messageAttributes && { messageAttributes: check.messageAttributes }),
    });
  };

  const fieldAria = (id: string, msgId: string, problem: string | undefined, shown: boolean) => ({
    id,
    'aria-invalid': (problem && shown ? 'true' : 'false') as 'true' | 'false',
    'aria-describedby': msgId,
  });

  return (
    <Dialog title="Send test push" onClose={onClose} wide subject={<UserSubject userArn={userArn} />}>
      <TestPushPlanView
        plan={plan}
        onRetry={() => void useAppStore.getState().planTestPush()}
      />
      <ChannelSenderPicker />
      <ChannelAudience />
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.title}>Title</label>
            <input
              data-autofocus
              {...fieldAria(ids.title, ids.titleMsg, check.title, state.shows('title'))}
              value={form.title}
              onChange={(e) => state.setValue('title', e.target.value)}
              onBlur={() => state.blur('title')}
            />
            <span
              id={ids.titleMsg}
              className={check.title && state.shows('title') ? 'field-error' : 'field-hint'}
              role={check.title && state.shows('title') ? 'alert' : undefined}
            >
              {check.title && state.shows('title') ? check.title : `${[...form.title].length}/${PUSH_TITLE_MAX}`}
            </span>
          </div>
          <div className="field">
            <label htmlFor={ids.type}>Push type</label>
            <select
              id={ids.type}
              value={form.pushType}
              onChange={(e) => state.setValue('pushType', e.target.value as PushType)}
            >
              {PUSH_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
            <span className="field-hint">
              {form.pushType === 'VOIP' ? 'Goes to VoIP device tokens only' : 'An alert to device tokens'}
            </span>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.body}>Body</label>
          <textarea
            rows={2}
            {...fieldAria(ids.body, ids.bodyMsg, check.body, state.shows('body'))}
            value={form.body}
            onChange={(e) => state.setValue('body', e.target.value)}
            onBlur={() => state.blur('body')}
          />
          <span
            id={ids.bodyMsg}
            className={check.body && state.shows('body') ? 'field-error' : 'field-hint'}
            role={check.body && state.shows('body') ? 'alert' : undefined}
          >
            {check.body && state.shows('body') ? check.body : `${[...form.body].length}/${PUSH_BODY_MAX}`}
          </span>
        </div>
        <div className="field">
          <label htmlFor={ids.attributes}>Message attributes</label>
          <textarea
            rows={2}
            className="mono"
            spellCheck={false}
            placeholder="Optional, one KEY=VALUE per line, e.g. mention=Bob"
            {...fieldAria(ids.attributes, ids.attrMsg, check.attributes, true)}
            value={form.attributes}
            onChange={(e) => state.setValue('attributes', e.target.value)}
            onBlur={() => state.blur('attributes')}
          />
          <span
            id={ids.attrMsg}
            className={check.attributes ? 'field-error' : 'field-hint'}
            role={check.attributes ? 'alert' : undefined}
          >
            {check.attributes ?? 'Matched against a Filtered preference’s FilterRule'}
          </span>
        </div>
        {decision && (
          <p className={decision.notify ? 'notify-yes' : 'notify-no'}>
            {decision.notify ? 'This message would notify' : 'This message would not notify'} the user:{' '}
            {decision.reason}.
          </p>
        )}
        {channelArn && userArn && isMember && <PreferenceEditor channelArn={channelArn} memberArn={userArn} />}
        {!onSandbox && (
          <p className="muted small">
            On AWS the deliveries cannot be seen from here: check the device. The user’s endpoints are followed for 60 s
            after the send, so an endpoint the push turns INACTIVE shows without a click.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={sending || !plan?.value}>
            {sending ? 'Sending…' : 'Send'}
          </button>
        </div>
        <div role="status" className="push-outcome">
          {outcome?.kind === 'sent' && (
            <span className="notify-yes">
              Sent, message id <code>{outcome.sent.messageId}</code> in the channel “{outcome.channelName}”
              {outcome.sent.created.length > 0 && <> (created {outcome.sent.created.map((c) => c.text).join('; ')})</>}
              {!onSandbox && (
                <>
                  . Deliveries cannot be seen on AWS: check the device. The app follows the endpoints’ EndpointState for
                  60 s.
                </>
              )}
            </span>
          )}
        </div>
        {outcome?.kind === 'failed' && <ErrorMessage error={outcome.error} lead="Not sent." />}
      </form>
      <TestPushHistory />
      <CleanUpSection />
    </Dialog>
  );
}
