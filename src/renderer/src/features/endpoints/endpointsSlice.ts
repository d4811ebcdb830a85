import type { SliceCreator } from '../../store';

// Placeholder: this feature's state and actions are being built.
export interface EndpointsSlice {
  readonly endpointsReady?: boolean;
}

export const createEndpointsSlice: SliceCreator<EndpointsSlice> = () => ({});
