import type { SliceCreator } from '../../store';

// Placeholder: this feature's state and actions are being built.
export interface AdminSlice {
  readonly adminReady?: boolean;
}

export const createAdminSlice: SliceCreator<AdminSlice> = () => ({});
