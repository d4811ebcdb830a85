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
        message: `Your saved data in ${notice.file} could not be read (${notice.reason}). It was kept as ${notice.movedTo} and the app started with empty workspaces.`,
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
