import { useId } from 'react';
import { ENDPOINT_TYPES, type EndpointType } from '../../../../shared/chime/shapes';

/** Which type a token belongs to, in the words of the build that produced it. */
export const TYPE_HELP: Readonly<Record<EndpointType, string>> = {
  APNS: 'APNS is for App Store and TestFlight builds (production APNs); development builds run from Xcode use APNS_SANDBOX. A sandbox token registered here turns the endpoint INACTIVE at its first push.',
  APNS_SANDBOX:
    'APNS_SANDBOX is for development builds run from Xcode (sandbox APNs); App Store and TestFlight builds use APNS. A production token registered here turns the endpoint INACTIVE at its first push.',
  GCM: 'GCM is for Android and other Firebase Cloud Messaging (FCM) tokens; an APNs token registered here turns the endpoint INACTIVE at its first push.',
};

/** "Type": the three endpoint types, with what each one is for under the field. */
export function TypeField({
  id,
  value,
  onChange,
}: {
  readonly id: string;
  readonly value: EndpointType;
  readonly onChange: (type: EndpointType) => void;
}) {
  const helpId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Type</label>
      <select id={id} value={value} aria-describedby={helpId} onChange={(e) => onChange(e.target.value as EndpointType)}>
        {ENDPOINT_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <div id={helpId} className="field-hint">
        {TYPE_HELP[value]}
      </div>
    </div>
  );
}
