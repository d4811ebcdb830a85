/**
 * Store notices in words for the user: a store that had to be recovered or a
 * keychain that is missing must be said, never swallowed.
 */
import type { StoreNotice } from './persistence';
import type { StoreNotice as NoticeForUi } from '../../shared/ipc/appTypes';

export function describeStoreNotice(notice: StoreNotice): NoticeForUi {
  switch (notice.kind) {
    case 'store-recovered':
      return {
        kind: notice.kind,
        movedTo: notice.movedTo,
        message: `Your saved ${notice.what} in ${notice.file} could not be read: ${notice.reason}. It was kept as ${notice.movedTo} and the app started with empty ${notice.what}.`,
      };
    case 'store-newer':
      return {
        kind: notice.kind,
        movedTo: notice.movedTo,
        message: `Your saved ${notice.what} in ${notice.file} were written by a newer version of the app (layout ${notice.version}), which this version cannot read without losing data. The file was set aside unchanged as ${notice.movedTo} and this version started with empty ${notice.what}. Update the app and move the file back to get them again.`,
      };
    case 'store-unavailable':
      return {
        kind: notice.kind,
        message: `Your saved ${notice.what} in ${notice.file} cannot be used: ${notice.reason}. The app works without it, but changes to ${notice.what} are kept in memory only and are lost when you quit. Fix the file and restart the app.`,
      };
    case 'store-repaired':
      return {
        kind: notice.kind,
        message: `Your saved workspaces in ${notice.file} were repaired, nothing was removed: ${notice.details.slice(0, 5).join('; ')}${notice.details.length > 5 ? `; and ${notice.details.length - 5} more` : ''}.`,
      };
    case 'store-write-failed':
      return {
        kind: notice.kind,
        message: `Your workspaces could not be saved to ${notice.file} (${notice.reason}). Your changes are kept while the app runs; the next change tries to save again.`,
      };
    case 'tokens-unreadable':
      return {
        kind: notice.kind,
        message: `${notice.deviceIds.length} saved device token(s) could not be decrypted (the OS keychain changed?). The devices are kept; re-enter their tokens.`,
      };
    case 'encryption-unavailable':
      return {
        kind: notice.kind,
        message: 'This system offers no keychain to the app, so saved device tokens are stored unencrypted in the app data folder.',
      };
  }
}
