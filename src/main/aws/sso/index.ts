/** IAM Identity Center sign-in in main: see signIn.ts, tokenCache.ts, target.ts, credentials.ts. */
export {
  signInWithDeviceCode,
  refreshSsoToken,
  signOut,
  ssoSessionStatus,
  CLIENT_NAME,
  type SsoSignInEvent,
  type SsoOptions,
  type SignInOptions,
  type SsoSessionInfo,
} from './signIn';
export {
  resolveSsoTarget,
  isAllowedVerificationUri,
  SsoConfigError,
  DEFAULT_SSO_SCOPES,
  type SsoTarget,
} from './target';
export { ssoCacheFile, cliTimestamp, type CachedTokenInfo } from './tokenCache';
export { createSsoCredentialsProvider, type SsoCredentials } from './credentials';
export { signInWithBrowser, AUTHORIZATION_CODE_GRANT, type BrowserSignInOptions } from './browserSignIn';
export { keepSsoSessionFresh, type SsoKeeper, type SsoKeeperOptions, type SsoKeeperState } from './keeper';
