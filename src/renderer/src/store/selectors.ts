/**
 * Selectors more than one feature reads. They live beside the store, not in a
 * feature folder, so features can share them without importing each other.
 */
import type { Endpoint } from '../../../shared/ipc/chimeTypes';
import { NONE, type Resource } from './resource';

/** The rows shown: the selected user's endpoints, or none (the same empty list, so selectors stay stable). */
export const selectEndpoints = (s: { readonly endpoints: Resource<readonly Endpoint[]> }): readonly Endpoint[] => s.endpoints.value ?? NONE;
