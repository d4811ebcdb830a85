/** IAM Identity Center sign-in in main: device flow (signIn.ts), PKCE (browserSignIn.ts), refresh/sign-out (session.ts), keeper, token cache, fromSSO. */
export { signInWithDeviceCode } from './signIn';
export { refreshSsoToken, signOut, ssoSessionStatus } from './session';
export { CLIENT_NAME, type SsoSignInEvent, type SsoOptions, type SignInOptions, type SsoSessionInfo } from './common';
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
export { followSsoSession, type SsoSessionFollower } from './follow';
export { keepSsoSessionFresh, type SsoKeeper, type SsoKeeperOptions, type SsoKeeperState } from './keeper';
