import type { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import type { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';

/** The collaborators of the Chime push engine (built by the app's one client factory). */
export interface PushClients {
  readonly identity: ChimeSDKIdentityClient;
  readonly messaging: ChimeSDKMessagingClient;
}
