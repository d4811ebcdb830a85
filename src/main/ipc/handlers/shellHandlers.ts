/**
 * External links leave the app only through here: https, and only to hosts
 * on the allow-list (AWS documentation and consoles, the project's pages).
 */
import { fail, ok } from '../../../shared/errors';
import { isAllowedExternalUrl } from '../../platform/linkPolicy';

export { isAllowedExternalUrl };

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
