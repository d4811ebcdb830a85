/**
 * One table: what an APNs reason or an FCM error code means, and what to do,
 * in plain words. Used by main (attached to every answer), the dialog and the
 * command line. Reasons and codes from push-wire-reference.md §1 and §2.
 */
import type { ApnsEnvironment } from './directPush';

export interface PushAdvice {
  /** What happened, in plain words. */
  readonly explanation: string;
  /** What to do about it. */
  readonly fix: string;
}

export interface AdviceContext {
  readonly environment?: ApnsEnvironment;
}

type Row = PushAdvice | ((ctx: AdviceContext) => PushAdvice);

const other = (env: ApnsEnvironment | undefined) => (env === 'production' ? 'Sandbox' : 'Production');

export const APNS_ADVICE: Readonly<Record<string, Row>> = {
  BadDeviceToken: ({ environment }) =>
    environment === 'production'
      ? {
          explanation:
            'APNs Production does not know this token. Most often it is a development build’s token (Xcode run), which only Sandbox accepts.',
          fix: 'This is a development build’s token: use Sandbox (and register it with Chime as APNS_SANDBOX). If it fails there too, copy the token again from the device.',
        }
      : environment === 'sandbox'
        ? {
            explanation:
              'APNs Sandbox does not know this token. Most often it is a TestFlight or App Store build’s token, which only Production accepts.',
            fix: 'This is a release build’s token: use Production (and register it with Chime as APNS). If it fails there too, copy the token again from the device.',
          }
        : {
            explanation: 'APNs does not know this token in this environment.',
            fix: `Switch Environment to ${other(environment)}, or copy the token again from the device.`,
          },
  DeviceTokenNotForTopic: {
    explanation:
      'The token belongs to another app than the topic names (or a VoIP token was sent to the app topic, or an app token to a PushKit topic).',
    fix: 'Set Topic to this app’s bundle id, and use the VoIP token only for voip pushes.',
  },
  TopicDisallowed: {
    explanation: 'The key or certificate is not allowed to push to this topic.',
    fix: 'Use a key or certificate made for this bundle id (a topic-specific key covers only its apps), or correct the Topic.',
  },
  Unregistered: {
    explanation: 'The app was uninstalled or the token is no longer valid (Apple dates it in the timestamp).',
    fix: 'Stop pushing to this token and remove the endpoint; the app registers a new token when it is installed again.',
  },
  ExpiredToken: {
    explanation: 'The device token has expired.',
    fix: 'Remove the endpoint and use the new token the app registers.',
  },
  BadPriority: {
    explanation: 'The priority does not fit the push type (background pushes must be 5; VoIP pushes 10).',
    fix: 'Choose the priority the push type takes: 5 for background, 10 for voip, 10 or 5 for alerts.',
  },
  PayloadTooLarge: {
    explanation: 'The payload is larger than APNs takes (4096 bytes; 5120 for VoIP).',
    fix: 'Shorten the payload, or send less data and let the app fetch the rest.',
  },
  PayloadEmpty: { explanation: 'The payload is empty.', fix: 'Send a JSON object, at least {"aps":{}}.' },
  BadCollapseId: { explanation: 'The collapse id is longer than 64 bytes.', fix: 'Use a shorter collapse id.' },
  BadExpirationDate: {
    explanation: 'The expiration is not a UNIX time in seconds.',
    fix: 'Leave Expiration empty, 0 (try once), or a UNIX time in seconds.',
  },
  BadMessageId: { explanation: 'The apns-id is not a lower-case UUID.', fix: 'Leave apns-id empty so APNs makes one.' },
  BadTopic: {
    explanation: 'The topic is not a valid bundle id.',
    fix: 'Set Topic to the app’s bundle id, such as com.example.app.',
  },
  MissingTopic: {
    explanation: 'No apns-topic was sent and the credentials cover several topics.',
    fix: 'Set Topic to the app’s bundle id.',
  },
  InvalidPushType: {
    explanation:
      'The push type does not fit the topic or the authentication (voip needs the .voip topic; location and Live Activities need token authentication).',
    fix: 'Choose the push type that matches the payload; the workbench adds the topic suffix it needs.',
  },
  MissingDeviceToken: { explanation: 'No device token was sent.', fix: 'Enter the device token.' },
  DuplicateHeaders: { explanation: 'A header was sent twice.', fix: 'This is a client bug: report it.' },
  IdleTimeout: { explanation: 'The connection was idle too long.', fix: 'Send again: a new connection is opened.' },
  BadCertificate: {
    explanation: 'APNs did not accept the certificate.',
    fix: 'Create a new APNs certificate for this app in your Apple developer account and export it with its key as .p12.',
  },
  BadCertificateEnvironment: {
    explanation:
      'The certificate is for the other environment (a development "Sandbox" certificate cannot push to Production).',
    fix: 'Use Sandbox with this certificate, or a "Sandbox & Production" certificate.',
  },
  InvalidProviderToken: {
    explanation:
      'APNs could not verify the token signed with your key: the Key ID, Team ID or key file do not belong together, or the key was revoked.',
    fix: 'Check that Key ID is the .p8 file’s key (AuthKey_<KeyID>.p8) and Team ID is your team’s, then send again.',
  },
  ExpiredProviderToken: {
    explanation: 'The signed provider token is older than an hour (or the computer’s clock is wrong).',
    fix: 'Check the computer’s clock; the workbench signs a new token every 50 minutes.',
  },
  MissingProviderToken: {
    explanation: 'No provider token was sent and the connection has no certificate.',
    fix: 'Choose a key file (.p8) or a certificate (.p12).',
  },
  UnrelatedKeyIdInToken: {
    explanation: 'A key of another team was used on a connection bound to a team.',
    fix: 'Send again: the workbench opens one connection per team and key.',
  },
  BadEnvironmentKeyIdInToken: {
    explanation: 'This key is limited to the other environment.',
    fix: `Switch Environment, or use a key made for both environments.`,
  },
  TooManyProviderTokenUpdates: {
    explanation: 'Provider tokens were renewed more often than every 20 minutes.',
    fix: 'Wait a few minutes and send again.',
  },
  Forbidden: {
    explanation: 'APNs refused the request for an unstated reason.',
    fix: 'Check the key or certificate and the topic.',
  },
  BadPath: { explanation: 'The request path is wrong.', fix: 'This is a client bug: report it.' },
  MethodNotAllowed: { explanation: 'APNs takes only POST.', fix: 'This is a client bug: report it.' },
  TooManyRequests: {
    explanation: 'Too many pushes to this device token in a short time.',
    fix: 'Wait a little and send again.',
  },
  InternalServerError: { explanation: 'APNs had an internal error.', fix: 'Send again later.' },
  ServiceUnavailable: { explanation: 'APNs is unavailable.', fix: 'Send again later.' },
  Shutdown: { explanation: 'The APNs server was shutting down.', fix: 'Send again: a new connection is opened.' },
};

export const FCM_ADVICE: Readonly<Record<string, Row>> = {
  UNREGISTERED: {
    explanation:
      'FCM does not know this registration token: the app was uninstalled, its data cleared, or the token expired.',
    fix: 'Remove the endpoint and use the new token the app registers.',
  },
  SENDER_ID_MISMATCH: {
    explanation: 'The token belongs to another Firebase project than the service account’s.',
    fix: 'Use the service account of the Firebase project the app is built with (its google-services.json project id).',
  },
  INVALID_ARGUMENT: {
    explanation: 'FCM rejected the message: a field is invalid, or the token is not an FCM registration token.',
    fix: 'Check the payload fields FCM names and that the token is the app’s FCM token (not an APNs token).',
  },
  QUOTA_EXCEEDED: {
    explanation: 'Too many messages: to this device, or for the project.',
    fix: 'Wait a minute and send again; send fewer messages to one device.',
  },
  UNAUTHENTICATED: {
    explanation: 'FCM did not accept the access token.',
    fix: 'Create a new key for the service account in the Firebase console and choose that file.',
  },
  PERMISSION_DENIED: {
    explanation: 'The service account may not send messages for this project.',
    fix: 'Use a service account of this project with the Firebase Cloud Messaging API Admin role (cloudmessaging.messages.create).',
  },
  THIRD_PARTY_AUTH_ERROR: {
    explanation: 'FCM could not authenticate to APNs or the web push service for this project.',
    fix: 'Upload a valid APNs key or certificate in the Firebase console (Project settings → Cloud Messaging).',
  },
  NOT_FOUND: {
    explanation: 'FCM does not know this token or project.',
    fix: 'Check the project id and the registration token.',
  },
  UNAVAILABLE: { explanation: 'FCM is unavailable.', fix: 'Send again later.' },
  INTERNAL: { explanation: 'FCM had an internal error.', fix: 'Send again later.' },
  UNSPECIFIED_ERROR: {
    explanation: 'FCM gave no reason.',
    fix: 'Send again; if it keeps failing, check the message and the token.',
  },
  invalid_grant: {
    explanation:
      'Google refused the service account’s key (deleted or disabled key, or the computer’s clock is wrong).',
    fix: 'Create a new key for the service account in the Firebase console and check the computer’s clock.',
  },
};

const unknown = (code: string): PushAdvice => ({
  explanation: `The service answered ${code}.`,
  fix: 'Check the request; see the service’s documentation for this code.',
});

export function apnsAdvice(reason: string, ctx: AdviceContext = {}): PushAdvice {
  const row = APNS_ADVICE[reason];
  if (!row) return unknown(reason);
  return typeof row === 'function' ? row(ctx) : row;
}

export function fcmAdvice(code: string): PushAdvice {
  const row = FCM_ADVICE[code];
  if (!row) return unknown(code);
  return typeof row === 'function' ? row({}) : row;
}
