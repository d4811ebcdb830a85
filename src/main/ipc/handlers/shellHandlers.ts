/**
 * External links leave the app only through here: https, and only to hosts
 * on the allow-list (AWS documentation and consoles, the project's pages).
 */
import { fail, ok } from '../../../shared/errors';

export const EXTERNAL_HOST_ALLOW_LIST = ['docs.aws.amazon.com', 'console.aws.amazon.com', 'aws.amazon.com', 'github.com'] as const;

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return EXTERNAL_HOST_ALLOW_LIST.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

export function shellHandlers(openExternal: (url: string) => Promise<void>) {
  return {
    'shell:openExternal': async ({ url }: { url: string }) => {
      if (!isAllowedExternalUrl(url)) {
        return fail({ code: 'InvalidInput', message: `Links to ${url} are not opened: only https links to AWS documentation and consoles are allowed.`, retryable: false });
      }
      await openExternal(url);
      return ok({ opened: true });
    },
  };
}
