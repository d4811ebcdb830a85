/** Issue 10: the external-link allow-list names exact hosts and paths, with room for the SSO sign-in pages. */
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isRecentGesture, USER_GESTURE_WINDOW_MS } from '../../../src/main/platform/linkPolicy';

describe('external link allow-list', () => {
  it.each([
    'https://docs.aws.amazon.com/chime-sdk/latest/APIReference/Welcome.html',
    'https://docs.aws.amazon.com/pinpoint/latest/userguide/channels.html',
    'https://console.aws.amazon.com/chime-sdk/home',
    'https://us-east-1.console.aws.amazon.com/pinpoint/home',
    'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
    'https://device.sso.eu-central-1.amazonaws.com/',
    'https://d-1234567890.awsapps.com/start',
    'https://my-company.awsapps.com/start/#/',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    ['any github.com page (the app links to none)', 'https://github.com/aws/aws-sdk-js-v3'],
    ['a github.com subdomain', 'https://gist.github.com/x'],
    ['an explicit port', 'https://docs.aws.amazon.com:8443/chime-sdk/'],
    ['a docs path the app does not link to', 'https://docs.aws.amazon.com/'],
    ['a prefix that is not a folder', 'https://docs.aws.amazon.com/chime-sdk-evil/'],
    ['a console path outside the managed services', 'https://console.aws.amazon.com/billing/home'],
    ['aws.amazon.com marketing pages', 'https://aws.amazon.com/chime/'],
    ['a non-region console subdomain', 'https://evil.console.aws.amazon.com/chime-sdk/'],
    ['a non-region device page', 'https://device.sso.evil.amazonaws.com/'],
    ['a nested awsapps host', 'https://a.b.awsapps.com/start'],
    ['an awsapps page other than the portal', 'https://d-1234567890.awsapps.com/logout'],
    ['http', 'http://docs.aws.amazon.com/chime-sdk/'],
    ['credentials in the URL', 'https://user:pass@docs.aws.amazon.com/chime-sdk/'],
    ['a look-alike host', 'https://docs.aws.amazon.com.evil.example/chime-sdk/'],
  ])('refuses %s', (_why, url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('window.open only after a user gesture', () => {
  it('accepts a gesture within the window, not before or without one', () => {
    expect(isRecentGesture(undefined, 1000)).toBe(false);
    expect(isRecentGesture(1000, 1000 + USER_GESTURE_WINDOW_MS)).toBe(true);
    expect(isRecentGesture(1000, 1001 + USER_GESTURE_WINDOW_MS)).toBe(false);
    expect(isRecentGesture(2000, 1000)).toBe(false);
  });
});
