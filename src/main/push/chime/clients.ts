import type { ServiceClients } from '../../aws/chimeClient';

/** The collaborators of the Chime push engine, from the app's one client factory (`ConnectionManager.clients()`). */
export type PushClients = Pick<ServiceClients, 'identity' | 'messaging'>;
