import type { RegisterEndpointInput } from '../ipc/chimeTypes';
import type { DeviceInput } from '../workspace/workspace';
import { WORKSPACE_LIMITS } from '../workspace/workspace';
import { isApnsType, type RegistrationForm, type RegistrationLint } from './tokenLinter';

export const EMPTY_FORM: RegistrationForm = {
  name: '',
  type: 'APNS_SANDBOX',
  deviceToken: '',
  voipDeviceToken: '',
  pinpointAppArn: '',
  allowMessages: true,
};

/** The request as it will be sent (normalised values), without its ClientRequestToken. */
export function buildRegisterRequest(
  form: RegistrationForm,
  lint: RegistrationLint,
): Omit<RegisterEndpointInput, 'ClientRequestToken' | 'AppInstanceUserArn'> {
  const voip = isApnsType(form.type) ? lint.voipDeviceToken.value : '';
  return {
    ...(lint.name.value ? { Name: lint.name.value } : {}),
    Type: form.type,
    ResourceArn: lint.pinpointAppArn.value,
    EndpointAttributes: { DeviceToken: lint.deviceToken.value, ...(voip ? { VoipDeviceToken: voip } : {}) },
    AllowMessages: form.allowMessages ? 'ALL' : 'NONE',
  };
}

/** What "Save to device library" stores: the device's tokens and app, labelled by the endpoint name. */
export function deviceFromRequest(request: ReturnType<typeof buildRegisterRequest>): DeviceInput {
  const voip = request.EndpointAttributes?.VoipDeviceToken;
  return {
    label: (request.Name || `${request.Type} device`).slice(0, WORKSPACE_LIMITS.label),
    type: request.Type ?? 'APNS',
    deviceToken: request.EndpointAttributes?.DeviceToken ?? '',
    ...(voip ? { voipDeviceToken: voip } : {}),
    pinpointAppArn: request.ResourceArn ?? '',
  };
}
