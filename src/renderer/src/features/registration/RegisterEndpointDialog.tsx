import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { selectEndpoints } from '../../store/selectors';
import { Dialog } from '../../components/Dialog';
import { UserSubject } from '../users/UserSubject';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFormState } from '../../forms/useFormState';
import { useSubmission } from '../../forms/useSubmission';
import type { WorkbenchError } from '../../../../shared/errors';
import { ENDPOINTS_PER_USER } from '../../../../shared/chime/quotas';
import { FieldMessages, fieldAria } from './FieldMessages';
import { SavedDevicePicker } from './SavedDevicePicker';
import { EndpointQuotaHelp } from './EndpointQuotaHelp';
import type { RegisterEndpointInput } from '../../../../shared/ipc/chimeTypes';
import { buildRegisterRequest, deviceFromRequest } from './registrationRequest';
import { appInstanceOfUser, describedInAppInstance } from '../../store/describedEndpoints';
import { defaultFor, initialForm, pinpointArnsInUse } from './registrationDefaults';
import { TypeField } from './TypeField';
import { DeviceTokenHelp } from './DeviceTokenHelp';
import { TokenElsewhere } from './TokenElsewhere';
import { PinpointArnChoices } from './PinpointArnChoices';
import { hasErrors, isApnsType, lintRegistration, type RegistrationField, type RegistrationForm } from './tokenLinter';

/**
 * "Register endpoint": every field is linted before anything is sent (token
 * form per platform, Pinpoint ARN against the connection's region and
 * account, duplicates of the user's existing tokens); the service's own
 * answer, when it refuses, is shown with its code and message. Form state and
 * submission (busy, one request in flight, ClientRequestToken reuse on retry)
 * are the app's one form system in src/renderer/src/forms; registering and
 * saving the device are slice actions. The token's platform is checked
 * first (with a one-click switch of Type); the form starts from the last type
 * and Pinpoint app used on this AppInstance and offers the apps its endpoints
 * already use; a token known under another user is called out.
 */
export function RegisterEndpointDialog({
  onClose,
  initial,
}: {
  readonly onClose: () => void;
  /** Values to start from over the remembered defaults (a simulated device's name, type and tokens). */
  readonly initial?: Partial<RegistrationForm>;
}) {
  const ids = { name: useId(), type: useId(), deviceToken: useId(), voipDeviceToken: useId(), pinpointAppArn: useId() };
  const region = useAppStore((s) => s.connection?.info.region);
  const account = useAppStore((s) => s.identity?.value?.account);
  const userArn = useAppStore((s) => s.selectedUserArn);
  const endpoints = useAppStore(selectEndpoints);
  const workspace = useAppStore((s) => s.activeWorkspace);

  const appInstanceArn = userArn ? appInstanceOfUser(userArn) : undefined;
  const remembered = useAppStore((s) => defaultFor(appInstanceArn, s.sessionRegistrationDefaults, s.activeWorkspace));
  const state = useFormState<RegistrationForm>({ ...initialForm(remembered), ...initial });
  const { values: form, attempts } = state;
  const submission = useSubmission<{ endpointId: string }>('RegisterAppInstanceUserEndpoint');
  const [saveToLibrary, setSaveToLibrary] = useState(false);
  const [saveError, setSaveError] = useState<WorkbenchError>();
  const formRef = useRef<HTMLFormElement>(null);

  const existing = useMemo(
    () =>
      endpoints.map((e) => ({
        name: e.Name,
        endpointId: e.EndpointId,
        type: e.Type,
        deviceToken: e.EndpointAttributes?.DeviceToken,
      })),
    [endpoints],
  );
  const lint = lintRegistration(form, { region, account }, existing);
  const knownInAppInstance = appInstanceArn ? describedInAppInstance(appInstanceArn) : [];
  const arnsInUse = pinpointArnsInUse(endpoints, knownInAppInstance, remembered);
  // Platform first: a token of the other platform (or Xcode's shortened form) is called out while typing.
  const tokenNeedsPlatform = Boolean(lint.deviceToken.otherPlatform || lint.deviceToken.xcodeTruncated);
  const show = (field: RegistrationField) => state.shows(field) || (field === 'deviceToken' && tokenNeedsPlatform);
  const blur = (field: RegistrationField) => () => state.blur(field);
  const update = state.setValue;

  // A token search belongs to this dialog: closing it stops the search.
  useEffect(() => () => useAppStore.getState().clearTokenSearch(), []);

  // After a refused submit, focus moves to the first field that needs attention.
  useEffect(() => {
    if (attempts > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const submit = async () => {
    if (submission.busy || !userArn) return; // a double click never sends twice
    state.attempt();
    if (hasErrors(lint)) return;
    const request = buildRegisterRequest(form, lint);
    const { registerEndpoint, saveDevice } = useAppStore.getState();
    // useSubmission checked the request against the operation's schema before calling `send`.
    const send = (input: Record<string, unknown>) => registerEndpoint(input as unknown as RegisterEndpointInput);
    const result = await submission.submit({ ...request, AppInstanceUserArn: userArn }, send);
    if (!result?.ok) return;
    if (appInstanceArn && request.Type && request.ResourceArn) {
      void useAppStore.getState().rememberRegistration({ appInstanceArn, type: request.Type, pinpointAppArn: request.ResourceArn });
    }
    if (saveToLibrary && workspace) {
      const failed = await saveDevice(deviceFromRequest(request));
      if (failed) return setSaveError(failed);
    }
    onClose();
  };

  if (saveError) {
    return (
      <Dialog title="Register endpoint" onClose={onClose} subject={<UserSubject userArn={userArn} />}>
        <p>The endpoint was registered, but saving the device to the library failed.</p>
        <ErrorMessage error={saveError} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Register endpoint" onClose={onClose} wide subject={<UserSubject userArn={userArn} />}>
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {workspace && workspace.devices.length > 0 && (
          <SavedDevicePicker
            devices={workspace.devices}
            onPick={(d) =>
              state.patch({
                name: form.name || d.label,
                type: d.type,
                deviceToken: d.deviceToken,
                voipDeviceToken: d.voipDeviceToken ?? '',
                pinpointAppArn: d.pinpointAppArn,
              })
            }
          />
        )}
        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.name}>Endpoint name</label>
            <input
              {...fieldAria(ids.name, lint.name, show('name'))}
              value={form.name}
              onChange={(e) => update('name', e.target.value)}
              onBlur={blur('name')}
            />
            <FieldMessages id={ids.name} lint={lint.name} show={show('name')} />
          </div>
          <TypeField id={ids.type} value={form.type} onChange={(type) => update('type', type)} />
        </div>
        <div className="field">
          <label htmlFor={ids.deviceToken}>Device token</label>
          <textarea
            {...fieldAria(ids.deviceToken, lint.deviceToken, show('deviceToken'))}
            rows={2}
            spellCheck={false}
            className="mono"
            placeholder={
              isApnsType(form.type)
                ? '64 hex characters, e.g. from didRegisterForRemoteNotificationsWithDeviceToken'
                : 'FCM registration token'
            }
            value={form.deviceToken}
            onChange={(e) => update('deviceToken', e.target.value)}
            onBlur={blur('deviceToken')}
          />
          <FieldMessages id={ids.deviceToken} lint={lint.deviceToken} show={show('deviceToken')} />
          <DeviceTokenHelp lint={lint.deviceToken} onSwitch={(type) => update('type', type)} />
          {userArn && !lint.deviceToken.error && (
            <TokenElsewhere userArn={userArn} type={form.type} token={lint.deviceToken.value} />
          )}
        </div>
        {isApnsType(form.type) && (
          <div className="field">
            <label htmlFor={ids.voipDeviceToken}>VoIP device token</label>
            <textarea
              {...fieldAria(ids.voipDeviceToken, lint.voipDeviceToken, show('voipDeviceToken'))}
              rows={2}
              spellCheck={false}
              className="mono"
              placeholder="Optional: the PushKit token, 64 hex characters"
              value={form.voipDeviceToken}
              onChange={(e) => update('voipDeviceToken', e.target.value)}
              onBlur={blur('voipDeviceToken')}
            />
            <FieldMessages id={ids.voipDeviceToken} lint={lint.voipDeviceToken} show={show('voipDeviceToken')} />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.pinpointAppArn}>Pinpoint app ARN</label>
          <input
            {...fieldAria(ids.pinpointAppArn, lint.pinpointAppArn, show('pinpointAppArn'))}
            className="mono"
            spellCheck={false}
            placeholder={`arn:aws:mobiletargeting:${region ?? 'REGION'}:${account ?? 'ACCOUNT'}:apps/APP_ID`}
            value={form.pinpointAppArn}
            onChange={(e) => update('pinpointAppArn', e.target.value)}
            onBlur={blur('pinpointAppArn')}
          />
          <FieldMessages id={ids.pinpointAppArn} lint={lint.pinpointAppArn} show={show('pinpointAppArn')} />
          <PinpointArnChoices arns={arnsInUse} current={form.pinpointAppArn} onPick={(arn) => update('pinpointAppArn', arn)} />
        </div>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={form.allowMessages}
            onChange={(e) => update('allowMessages', e.target.checked)}
          />
          Allow messages
        </label>
        {workspace && (
          <label className="switch">
            <input type="checkbox" checked={saveToLibrary} onChange={(e) => setSaveToLibrary(e.target.checked)} />
            Save to device library
          </label>
        )}
        {endpoints.length >= ENDPOINTS_PER_USER && (
          <p className="field-warning">
            This user already has {endpoints.length} endpoints, the service's limit; the service will likely refuse
            another.
          </p>
        )}
        {submission.error?.code === 'ResourceLimitExceededException' ? (
          <EndpointQuotaHelp error={submission.error} />
        ) : (
          submission.error && <ErrorMessage error={submission.error} onRetry={() => void submit()} />
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {submission.busy && (
            <span role="status" className="muted">
              Registering…
            </span>
          )}
          <button type="submit" className="primary" disabled={submission.busy}>
            Register
          </button>
        </div>
      </form>
    </Dialog>
  );
}
