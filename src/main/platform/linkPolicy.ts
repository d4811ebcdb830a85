/**
 * Which https pages the app may hand to the OS browser (checklist 15), as
 * exact hosts and path prefixes rather than "any subdomain of github.com":
 * an opened URL runs in the user's browser with the user's sessions, so a
 * renderer that could open any path on a broad host could, say, start an
 * OAuth grant there. Ports, credentials in the URL and http are refused.
 *
 * The rules cover the pages the app links to (AWS documentation and the
 * consoles of the services it manages) and the IAM Identity Center pages a
 * profile's SSO sign-in sends the user to: the device verification page
 * (`device.sso.<region>.amazonaws.com`) and an access portal
 * (`<directory id or alias>.awsapps.com/start`).
 */
import { isRegionName } from '../../shared/aws/regions';
import { isAllowedVerificationUri } from '../aws/sso/target';

interface LinkRule {
  /** The host exactly, or a function of it (for region- or id-shaped hosts). */
  readonly host: string | ((host: string) => boolean);
  /** Allowed path prefixes; each ends in `/` so `/chime-sdk` cannot match `/chime-sdk-evil`. */
  readonly paths: readonly string[];
}

const CONSOLE_PATHS = ['/chime-sdk/', '/pinpoint/', '/iam/', '/iamv2/', '/singlesignon/', '/console/'];
const region = isRegionName;

export const EXTERNAL_LINK_RULES: readonly LinkRule[] = [
  { host: 'docs.aws.amazon.com', paths: ['/chime-sdk/', '/chime/', '/pinpoint/', '/sdkref/', '/cli/', '/IAM/', '/singlesignon/', '/general/', '/sns/'] },
  { host: 'console.aws.amazon.com', paths: CONSOLE_PATHS },
  // Region consoles: us-east-1.console.aws.amazon.com
  { host: (h) => h.endsWith('.console.aws.amazon.com') && region(h.slice(0, -'.console.aws.amazon.com'.length)), paths: CONSOLE_PATHS },
  // The SSO device-authorization verification page (verificationUriComplete of StartDeviceAuthorization).
  { host: (h) => /^device\.sso\.[^.]+\.amazonaws\.com$/.test(h) && region(h.split('.')[2] ?? ''), paths: ['/'] },
  // An IAM Identity Center access portal: d-xxxxxxxxxx or an alias, as the start URL names it.
  { host: (h) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.awsapps\.com$/.test(h), paths: ['/start/', '/start'] },
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port !== '') return false;
  return EXTERNAL_LINK_RULES.some((rule) => hostMatches(rule, url.hostname) && rule.paths.some((p) => pathMatches(url.pathname, p)));
}

function hostMatches(rule: LinkRule, host: string): boolean {
  return typeof rule.host === 'string' ? host === rule.host : rule.host(host);
}

/** `/start` matches exactly; `/chime-sdk/` matches itself and below. */
function pathMatches(pathname: string, prefix: string): boolean {
  return prefix.endsWith('/') ? pathname.startsWith(prefix) : pathname === prefix;
}

/**
 * The pages an SSO sign-in started by main may open (never a URL from the
 * renderer): Identity Center's device page, an access portal, the OIDC
 * `/authorize` page, and a loopback page only when the profile signs in at a
 * sandbox on this machine.
 */
export function isAllowedSignInPage(raw: string, { sandbox }: { readonly sandbox: boolean }): boolean {
  return isAllowedVerificationUri(raw, { allowLoopback: sandbox });
}

/**
 * A page may ask for a new window only right after the user clicked or typed
 * (Chromium's "transient user activation"); a script opening links on its own
 * is refused. Main learns of input from the web contents' `input-event`.
 */
export const USER_GESTURE_WINDOW_MS = 1000;
const GESTURES = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'char', 'gestureTap', 'touchEnd', 'pointerUp']);

export function isUserGesture(inputType: string): boolean {
  return GESTURES.has(inputType);
}

export function isRecentGesture(lastGestureAt: number | undefined, now: number): boolean {
  return lastGestureAt !== undefined && now - lastGestureAt >= 0 && now - lastGestureAt <= USER_GESTURE_WINDOW_MS;
}
