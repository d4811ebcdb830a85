import type { EndpointType } from '../../../../shared/chime/shapes';
import type { FieldLint } from './tokenLinter';

/**
 * The lines that print an APNs token whole. Since iOS 13 `deviceToken.description`
 * (and Xcode's debugger) shows `{length = 32, bytes = 0x… ... …}`, dropping the
 * middle bytes; Apple's documentation treats the token as opaque Data, so the
 * app must hex-encode it itself.
 */
export const PRINT_TOKEN_SNIPPETS = [
  {
    language: 'Swift',
    code: 'print(deviceToken.map { String(format: "%02x", $0) }.joined())',
  },
  {
    language: 'Objective-C',
    code: 'NSMutableString *hex = [NSMutableString string]; const unsigned char *b = deviceToken.bytes; for (NSUInteger i = 0; i < deviceToken.length; i++) [hex appendFormat:@"%02x", b[i]]; NSLog(@"%@", hex);',
  },
] as const;

/**
 * What helps with a token the linter recognised as not this type's: a
 * one-click switch of Type (platform first), or, for Xcode's shortened
 * description, the one line that prints the whole token.
 */
export function DeviceTokenHelp({
  lint,
  onSwitch,
}: {
  readonly lint: FieldLint;
  readonly onSwitch: (type: EndpointType) => void;
}) {
  if (lint.otherPlatform === 'GCM') {
    return (
      <div className="inline-actions">
        <button type="button" onClick={() => onSwitch('GCM')}>
          Switch to GCM
        </button>
      </div>
    );
  }
  if (lint.otherPlatform === 'APNS') {
    return (
      <div className="inline-actions">
        <button type="button" onClick={() => onSwitch('APNS')}>
          Switch to APNS
        </button>
        <button type="button" onClick={() => onSwitch('APNS_SANDBOX')}>
          Switch to APNS_SANDBOX
        </button>
      </div>
    );
  }
  if (!lint.xcodeTruncated) return null;
  return (
    <section aria-label="Print the whole token" className="field-hint">
      <p>
        In <code>didRegisterForRemoteNotificationsWithDeviceToken</code>, print the token as hex and paste the line it
        logs:
      </p>
      {PRINT_TOKEN_SNIPPETS.map((s) => (
        <figure key={s.language} className="snippet">
          <figcaption>{s.language}</figcaption>
          <pre aria-label={`${s.language} snippet`} className="mono">
            {s.code}
          </pre>
        </figure>
      ))}
    </section>
  );
}
