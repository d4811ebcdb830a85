/**
 * Clipboard writes can fail: the permission may be refused, or the page may
 * not be focused (Chromium rejects writeText from a background page). Callers
 * get a boolean and fall back to showing the text for a manual copy.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
