/**
 * Types of the values that cross IPC besides Chime outputs. Each is a
 * description for display: none may hold a key, token or secret.
 */
import type { WorkbenchError } from '../errors';
import type { ConnectionInfo, ProfileList } from '../aws/types';
import type { Workspace, Settings, WatchTarget } from '../workspace/workspace';
import type { WatchEvent, WatchHealth, HistoryEntry, WatchSummary } from '../workspace/watch';
import type { ImportSummary } from '../workspace/exportFile';

export type { ActivityEntry, CallerIdentity, MfaRequest, ProfileList, ConnectionInfo } from '../aws/types';
export type { Workspace, Settings, WatchTarget, WatchHealth, HistoryEntry, ImportSummary, WatchSummary };
export type WatchChange = WatchEvent;

/** A follow of a new endpoint (Local sandbox only): polled until `untilMs`; null where nothing validates a token (AWS). */
export type WatchFollow = { readonly untilMs: number } | null;

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  /** Whether saved device tokens are encrypted at rest (OS keychain available). */
  readonly encryptionAvailable: boolean;
  /** The embedded Local sandbox, when it runs. */
  readonly sandboxUrl?: string;
  readonly userDataDir?: string;
}

export interface ConnectionState {
  readonly info: ConnectionInfo;
  readonly status: 'connecting' | 'connected' | 'error';
  readonly error?: WorkbenchError;
  /** Set when the region is not one where Chime SDK Identity runs. */
  readonly regionWarning?: string;
}

export interface WorkspaceList {
  readonly workspaces: readonly Workspace[];
  readonly activeId?: string;
}

export interface WorkspaceRestore {
  readonly workspace: Workspace;
  readonly list: WorkspaceList;
  readonly settings: Settings;
  /** Problems met opening the stores (a recovered corrupt file, no keychain). */
  readonly notices: readonly StoreNotice[];
}

export interface StoreNotice {
  readonly kind:
    | 'store-recovered'
    | 'store-newer'
    | 'store-unavailable'
    | 'store-repaired'
    | 'store-write-failed'
    | 'encryption-unavailable'
    | 'tokens-unreadable'
    | 'import-done';
  readonly message: string;
  readonly movedTo?: string;
}

export type { ProfileList as Profiles };
