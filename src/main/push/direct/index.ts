export {
  DirectPushService,
  type DirectPushAnswer,
  type DirectPushError,
  type DirectPushResult,
  type DirectPushServiceOptions,
} from './directPushService';
export {
  ApnsClient,
  ApnsConnectionError,
  APPLE_HOSTS,
  type ApnsAnswer,
  type ApnsClientOptions,
  type ApnsPush,
} from './apnsClient';
export {
  FcmClient,
  FcmAuthError,
  FCM_HOST,
  FCM_SCOPE,
  parseRpcError,
  type FcmAnswer,
  type FcmClientOptions,
  type FcmPush,
} from './fcmClient';
export { ProviderTokens, PROVIDER_TOKEN_MIN_INTERVAL_MS, PROVIDER_TOKEN_RENEW_AFTER_MS } from './providerToken';
export {
  DirectPushCredentialError,
  legacyP12Message,
  loadApnsCertificate,
  loadApnsKey,
  loadServiceAccount,
  type ApnsCertificate,
  type ApnsSigningKey,
  type KeySource,
  type ServiceAccount,
} from './credentials';
export { sandboxDirectPushOptions } from './sandboxHosts';
