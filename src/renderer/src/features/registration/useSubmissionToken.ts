import { useCallback, useRef } from 'react';

/**
 * One ClientRequestToken per submission: the same request sent again (a
 * retry after a network error or throttling, a double click) reuses the
 * token, so the service's idempotency returns the first endpoint instead of
 * making a second. A changed request is a new submission and gets a new token.
 */
export function useSubmissionToken() {
  const current = useRef<{ key: string; token: string } | undefined>(undefined);
  const tokenFor = useCallback((request: unknown): string => {
    const key = JSON.stringify(request);
    if (current.current?.key !== key) current.current = { key, token: crypto.randomUUID() };
    return current.current.token;
  }, []);
  /** After success: the next registration is a new submission even with identical fields. */
  const forget = useCallback(() => {
    current.current = undefined;
  }, []);
  return { tokenFor, forget };
}
