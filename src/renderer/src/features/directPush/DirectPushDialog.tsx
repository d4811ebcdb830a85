import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { APNS_PUSH_TYPES, type ApnsPushType } from '../../../../shared/push/directPush';
import type { WorkbenchError } from '../../../../shared/errors';
import type { DirectPushFailure, DirectPushOutcome, KeyFileKind } from '../../../../shared/ipc/directPushContract';
import {
  initialForm,
  payloadSize,
  prioritiesFor,
  PRIORITY_TEXT,
  hostsOf,
  tokenFor,
  toPush,
  validate,
  withSaved,
  type DirectPushForm,
  type DirectPushTarget,
  type FormField,
} from './directPushForm';
import { formatPayload, templateFor } from './payloadTemplates';
import { DirectPushAnswer } from './DirectPushAnswer';
import { KeyFileField } from './KeyFileField';
import { PayloadLibrary } from './PayloadLibrary';
import { ComparisonView } from './ComparisonView';
import type { Comparison } from '../../../../shared/push/compareWithChime';

interface Props {
  readonly target: DirectPushTarget;
  readonly onClose: () => void;
}

type Sent =
  | { outcome: DirectPushOutcome }
  | { failure: DirectPushFailure }
  | { comparison: Comparison }
  | { compareError: WorkbenchError };

/**
 * Straight to APNs or FCM, beside the Chime path: the same token, so a failure
 * here is Apple's or Google's answer, not Chime's. Keys are chosen in main's
 * file chooser; the fields are checked as the person types, with main's rules.
 */
export function DirectPushDialog({ target, onClose }: Props) {
  const settings = useAppStore((s) => s.directPushSettings);
  const workspaceId = useAppStore((s) => s.activeWorkspace?.id);
  const onSandbox = useAppStore((s) => s.connection?.info.kind === 'sandbox');
  const [form, setForm] = useState<DirectPushForm>(() => initialForm(target));
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent>();
  const [chooseError, setChooseError] = useState<WorkbenchError>();
  const [unlockError, setUnlockError] = useState<string>();
  const id = useId();

  // Saved settings fill what the person has not typed yet, once they arrive.
  useEffect(() => {
    let live = true;
    void useAppStore
      .getState()
      .loadDirectPushSettings()
      .then((saved) => {
        if (live && saved) setForm((f) => withSaved(f, saved));
      });
    return () => {
      live = false;
    };
  }, [workspaceId]);
  const loaded = settings?.key === workspaceId ? settings?.value : undefined;

  const errors = validate(form);
  const show = (field: FormField) => (submitted || touched.has(field) ? errors[field] : undefined);
  const touch = (field: FormField) => setTouched((t) => new Set(t).add(field));
  const patch = (next: Partial<DirectPushForm>, field?: FormField) => {
    setForm((f) => ({ ...f, ...next }));
    if (field) touch(field);
  };

  const setPushType = (pushType: ApnsPushType) => {
    const pristine = form.payloadText === formatPayload(templateFor('apns', form.pushType).payload);
    patch(
      {
        pushType,
        token: tokenFor(target, pushType) || form.token,
        ...(pristine && { payloadText: formatPayload(templateFor('apns', pushType).payload) }),
      },
      'pushType',
    );
    touch('priority');
  };

  const setService = (service: 'apns' | 'fcm') =>
    patch({ service, payloadText: formatPayload(templateFor(service, form.pushType).payload) });

  const choose = async (kind: KeyFileKind) => {
    setChooseError(undefined);
    const result = await useAppStore.getState().chooseDirectPushKey(kind);
    if (!result.ok) return setChooseError(result.error);
    if (!result.value) return;
    const chosen = result.value;
    patch(kind === 'apnsKey' ? { apnsKey: chosen } : kind === 'apnsCert' ? { apnsCert: chosen } : { serviceAccount: chosen }, kind);
  };

  /**
   * The form to send, after sending a locked certificate's passphrase to main (once: it is cleared from the
   * form whatever the answer); undefined when something is missing or the passphrase was refused.
   */
  const ready = async (): Promise<DirectPushForm | undefined> => {
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return undefined;
    const cert = form.apnsCert;
    if (form.service !== 'apns' || form.keyType !== 'certificate' || !cert?.locked) return form;
    const passphrase = form.passphrase;
    setForm((f) => ({ ...f, passphrase: '' }));
    setUnlockError(undefined);
    const unlocked = await useAppStore.getState().unlockDirectPushCertificate(cert.handle, passphrase);
    if (!unlocked.ok) {
      setUnlockError(unlocked.error.message);
      return undefined;
    }
    const next = { ...form, passphrase: '', apnsCert: unlocked.value };
    setForm((f) => ({ ...f, apnsCert: unlocked.value }));
    return next;
  };

  const send = async () => {
    setBusy(true);
    setSent(undefined);
    const toSend = await ready();
    if (!toSend) return setBusy(false);
    const result = await useAppStore.getState().sendDirectPush(toPush(toSend), hostsOf(toSend));
    setBusy(false);
    setSent(result.ok ? { outcome: result.value } : { failure: result.error });
  };

  /** The same title and body through Chime to the endpoint's user, then straight to the token. */
  const compare = async () => {
    const endpoint = target.endpoint;
    if (!endpoint) return;
    setBusy(true);
    setSent(undefined);
    const toSend = await ready();
    if (!toSend) return setBusy(false);
    const result = await useAppStore.getState().compareWithChime(
      {
        ...endpoint,
        ...(target.deviceToken && { deviceToken: target.deviceToken }),
        ...(target.voipDeviceToken && { voipDeviceToken: target.voipDeviceToken }),
      },
      toPush(toSend),
      hostsOf(toSend),
    );
    setBusy(false);
    setSent(result.ok ? { comparison: result.value } : { compareError: result.error });
  };

  const size = payloadSize(form);
  const field = (name: FormField) => ({
    id: `${id}-${name}`,
    'aria-invalid': show(name) ? ('true' as const) : undefined,
    'aria-describedby': show(name) ? `${id}-${name}-error` : undefined,
    onBlur: () => touch(name),
  });
  const message = (name: FormField) =>
    show(name) ? (
      <div id={`${id}-${name}-error`} role="alert" className="field-error">
        {show(name)}
      </div>
    ) : null;

  return (
    <Dialog title="Direct push" onClose={onClose} wide subject={<>To {target.label}, straight to APNs or FCM (not through Chime)</>}>
      <form
        className="form direct-push"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-service`}>Service</label>
            <select id={`${id}-service`} value={form.service} onChange={(e) => setService(e.target.value as 'apns' | 'fcm')}>
              <option value="apns">APNs</option>
              <option value="fcm">FCM</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-token`}>{form.service === 'apns' && form.pushType === 'voip' ? 'VoIP device token' : 'Device token'}</label>
            <input
              {...field('token')}
              className="mono"
              spellCheck={false}
              value={form.token}
              onChange={(e) => patch({ token: e.target.value }, 'token')}
            />
            {message('token')}
          </div>
        </div>
        {form.service === 'apns' ? (
          <>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${id}-keyType`}>Key type</label>
                <select
                  id={`${id}-keyType`}
                  value={form.keyType}
                  onChange={(e) => patch({ keyType: e.target.value as DirectPushForm['keyType'] })}
                >
                  <option value="token">Token key (.p8)</option>
                  <option value="certificate">Certificate (.p12)</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-topic`}>Topic</label>
                <input
                  {...field('topic')}
                  spellCheck={false}
                  placeholder={
                    form.keyType === 'certificate'
                      ? 'from the certificate, or the app’s bundle id'
                      : 'the app’s bundle id, e.g. com.example.app'
                  }
                  value={form.topic}
                  onChange={(e) => patch({ topic: e.target.value }, 'topic')}
                />
                {message('topic')}
              </div>
            </div>
            {form.keyType === 'token' ? (
              <div className="form-row form-row-3">
                <KeyFileField
                  label="Key file (.p8)"
                  chosen={form.apnsKey}
                  error={show('apnsKey')}
                  onChoose={() => void choose('apnsKey')}
                />
                <div className="field">
                  <label htmlFor={`${id}-keyId`}>Key ID</label>
                  <input
                    {...field('keyId')}
                    className="mono"
                    spellCheck={false}
                    value={form.keyId}
                    onChange={(e) => patch({ keyId: e.target.value.trim() }, 'keyId')}
                  />
                  {message('keyId')}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-teamId`}>Team ID</label>
                  <input
                    {...field('teamId')}
                    className="mono"
                    spellCheck={false}
                    value={form.teamId}
                    onChange={(e) => patch({ teamId: e.target.value.trim() }, 'teamId')}
                  />
                  {message('teamId')}
                </div>
              </div>
            ) : (
              <div className="form-row">
                <KeyFileField
                  label="Certificate file (.p12)"
                  chosen={form.apnsCert}
                  error={show('apnsCert')}
                  onChoose={() => void choose('apnsCert')}
                />
                {form.apnsCert?.locked ? (
                  <div className="field">
                    <label htmlFor={`${id}-passphrase`}>Certificate passphrase</label>
                    <input
                      {...field('passphrase')}
                      aria-invalid={unlockError || show('passphrase') ? 'true' : undefined}
                      aria-describedby={unlockError || show('passphrase') ? `${id}-passphrase-error` : undefined}
                      type="password"
                      autoComplete="off"
                      value={form.passphrase}
                      onChange={(e) => {
                        setUnlockError(undefined);
                        patch({ passphrase: e.target.value }, 'passphrase');
                      }}
                    />
                    {unlockError || show('passphrase') ? (
                      <div id={`${id}-passphrase-error`} role="alert" className="field-error">
                        {unlockError ?? show('passphrase')}
                      </div>
                    ) : (
                      <div className="field-hint">Sent once to open the certificate; never saved.</div>
                    )}
                  </div>
                ) : (
                  form.apnsCert && (
                    <div className="field">
                      <span className="field-label">Certificate</span>
                      <p className="field-hint">Open: pushes use it until the app quits.</p>
                    </div>
                  )
                )}
              </div>
            )}
            <div className="form-row form-row-3">
              <div className="field">
                <label htmlFor={`${id}-environment`}>Environment</label>
                <select
                  id={`${id}-environment`}
                  value={form.environment}
                  onChange={(e) => patch({ environment: e.target.value as DirectPushForm['environment'] })}
                >
                  <option value="sandbox">Sandbox</option>
                  <option value="production">Production</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-pushType`}>Push type</label>
                <select {...field('pushType')} value={form.pushType} onChange={(e) => setPushType(e.target.value as ApnsPushType)}>
                  {APNS_PUSH_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {type}
                    </option>
                  ))}
                </select>
                {message('pushType')}
              </div>
              <div className="field">
                <label htmlFor={`${id}-priority`}>Priority</label>
                <select
                  {...field('priority')}
                  value={form.priority}
                  onChange={(e) => patch({ priority: Number(e.target.value) as 10 | 5 | 1 }, 'priority')}
                >
                  {([10, 5, 1] as const).map((p) => (
                    <option key={p} value={p}>
                      {PRIORITY_TEXT[p]}
                    </option>
                  ))}
                </select>
                {message('priority') ?? (
                  <div className="field-hint">
                    Allowed for {form.pushType}: {prioritiesFor(form.pushType).join(', ')}.
                  </div>
                )}
              </div>
            </div>
          </>
        ) : (
          <KeyFileField
            label="Service account file"
            chosen={form.serviceAccount}
            error={show('serviceAccount')}
            onChoose={() => void choose('serviceAccount')}
          />
        )}
        {chooseError && <ErrorMessage error={chooseError} />}
        {settings?.error && <ErrorMessage lead="The saved direct-push settings could not be loaded." error={settings.error} />}
        {loaded && !loaded.keysEncrypted && (
          <p className="field-warning">
            Key files you send with are saved for this workspace without encryption: this system offers no keychain.
          </p>
        )}
        {loaded && loaded.unreadableKeys.length > 0 && (
          <p className="field-warning">A saved key file cannot be decrypted on this machine: choose it again.</p>
        )}
        <div className="field">
          <label htmlFor={`${id}-payload`}>Payload</label>
          <textarea
            {...field('payload')}
            aria-describedby={[show('payload') && `${id}-payload-error`, `${id}-payload-size`].filter(Boolean).join(' ')}
            className="mono"
            rows={7}
            spellCheck={false}
            value={form.payloadText}
            onChange={(e) => patch({ payloadText: e.target.value }, 'payload')}
          />
          {message('payload')}
          <div id={`${id}-payload-size`} className={size.bytes > size.limit ? 'field-error' : 'field-hint'}>
            {size.bytes} of {size.limit} bytes
          </div>
        </div>
        <PayloadLibrary
          service={form.service}
          pushType={form.pushType}
          payloadText={form.payloadText}
          saved={loaded?.payloads ?? []}
          onPick={(text, pushType) => {
            if (pushType) setPushType(pushType);
            patch({ payloadText: text }, 'payload');
          }}
        />
        <details className="direct-push-advanced" open={Boolean(form.apnsHost || form.fcmHost) || undefined}>
          <summary>Advanced</summary>
          <div className="form-row">
            {(['apnsHost', 'fcmHost'] as const).map((name) => (
              <div className="field" key={name}>
                <label htmlFor={`${id}-${name}`}>{name === 'apnsHost' ? 'APNs host' : 'FCM host'}</label>
                <input
                  {...field(name)}
                  aria-describedby={show(name) ? `${id}-${name}-error` : `${id}-hosts-hint`}
                  className="mono"
                  spellCheck={false}
                  placeholder={name === 'apnsHost' ? 'https://api.push.apple.com' : 'https://fcm.googleapis.com'}
                  value={form[name]}
                  onChange={(e) => patch({ [name]: e.target.value }, name)}
                />
                {message(name)}
              </div>
            ))}
          </div>
          <div id={`${id}-hosts-hint`} className="field-hint">
            A corporate relay in place of Apple’s or Google’s host (the APNs host serves both environments); empty: theirs.
            {onSandbox && ' On the Local sandbox its emulators are used instead.'}
          </div>
        </details>
        {sent && 'outcome' in sent && <DirectPushAnswer outcome={sent.outcome} />}
        {sent && 'failure' in sent && <DirectPushAnswer failure={sent.failure} />}
        {sent && 'comparison' in sent && <ComparisonView comparison={sent.comparison} />}
        {sent && 'compareError' in sent && <ErrorMessage lead="Nothing was sent." error={sent.compareError} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
          {busy && (
            <span role="status" className="muted">
              Sending…
            </span>
          )}
          {target.endpoint && (
            <button
              type="button"
              disabled={busy}
              title="Send the payload’s title and body through Chime to this endpoint’s user and straight to its token, side by side"
              onClick={() => void compare()}
            >
              Compare with Chime
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            Send
          </button>
        </div>
      </form>
    </Dialog>
  );
}
