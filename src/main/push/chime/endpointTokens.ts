/**
 * A user's endpoints with their device tokens, for matching sandbox
 * deliveries to endpoint rows (ListAppInstanceUserEndpoints has no tokens, so
 * each endpoint is described: one List plus one Describe per endpoint).
 */
import {
  DescribeAppInstanceUserEndpointCommand,
  ListAppInstanceUserEndpointsCommand,
  type ChimeSDKIdentityClient,
} from '@aws-sdk/client-chime-sdk-identity';
import type { EndpointTokens } from '../../../shared/push/deliveries';

export async function endpointTokensOf(identity: ChimeSDKIdentityClient, userArn: string): Promise<EndpointTokens[]> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await identity.send(new ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: userArn, MaxResults: 50, NextToken }));
    for (const e of page.AppInstanceUserEndpoints ?? []) if (e.EndpointId) ids.push(e.EndpointId);
    NextToken = page.NextToken;
  } while (NextToken);
  const out: EndpointTokens[] = [];
  for (const endpointId of ids) {
    const { AppInstanceUserEndpoint: e } = await identity.send(new DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId: endpointId }));
    out.push({ userArn, endpointId, deviceToken: e?.EndpointAttributes?.DeviceToken, voipDeviceToken: e?.EndpointAttributes?.VoipDeviceToken });
  }
  return out;
}
