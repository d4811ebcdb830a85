/**
 * The service ids behind the env var suffixes and `[services]` keys are the
 * ones each SDK client declares, so AWS_ENDPOINT_URL_<ID> and `<id> =` reach
 * every client the app builds (Messaging, Pinpoint, IAM, SSO OIDC included).
 */
import { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { IAMClient } from '@aws-sdk/client-iam';
import { PinpointClient } from '@aws-sdk/client-pinpoint';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveClientConfig, SERVICE_IDS, type ServiceName } from '../../../../src/main/aws/config';
import { envFor, makeAwsHome, type AwsHome } from '../support/awsHome';

const CLIENTS: Record<ServiceName, { serviceId: string; env: string; key: string }> = {
  identity: {
    serviceId: new ChimeSDKIdentityClient({ region: 'us-east-1' }).config.serviceId,
    env: 'CHIME_SDK_IDENTITY',
    key: 'chime_sdk_identity',
  },
  messaging: {
    serviceId: new ChimeSDKMessagingClient({ region: 'us-east-1' }).config.serviceId,
    env: 'CHIME_SDK_MESSAGING',
    key: 'chime_sdk_messaging',
  },
  pinpoint: {
    serviceId: new PinpointClient({ region: 'us-east-1' }).config.serviceId,
    env: 'PINPOINT',
    key: 'pinpoint',
  },
  iam: { serviceId: new IAMClient({ region: 'us-east-1' }).config.serviceId, env: 'IAM', key: 'iam' },
  sts: { serviceId: new STSClient({ region: 'us-east-1' }).config.serviceId, env: 'STS', key: 'sts' },
  sso: { serviceId: new SSOClient({ region: 'us-east-1' }).config.serviceId, env: 'SSO', key: 'sso' },
  ssoOidc: { serviceId: new SSOOIDCClient({ region: 'us-east-1' }).config.serviceId, env: 'SSO_OIDC', key: 'sso_oidc' },
};

let home: AwsHome;
beforeAll(async () => {
  const lines = Object.values(CLIENTS).flatMap((c, i) => [
    `${c.key} =`,
    `  endpoint_url = http://127.0.0.1:${1000 + i}`,
  ]);
  home = await makeAwsHome({
    config: ['[profile p]', 'services = all', '', '[services all]', ...lines, ''].join('\n'),
  });
});
afterAll(() => home.remove());

it.each(Object.keys(CLIENTS) as ServiceName[])(
  '%s: serviceId, AWS_ENDPOINT_URL_<ID> and the [services] key',
  async (service) => {
    const c = CLIENTS[service];
    expect(SERVICE_IDS[service]).toBe(c.serviceId);
    const index = Object.keys(CLIENTS).indexOf(service);
    const fromFile = await resolveClientConfig('p', service, { env: envFor(home), homeDir: home.home });
    fromFile.destroy();
    expect(fromFile.config.endpoint).toBe(`http://127.0.0.1:${1000 + index}`);
    const fromEnv = await resolveClientConfig('p', service, {
      env: envFor(home, { [`AWS_ENDPOINT_URL_${c.env}`]: 'http://127.0.0.1:2' }),
      homeDir: home.home,
    });
    fromEnv.destroy();
    expect(fromEnv.config.endpoint).toBe('http://127.0.0.1:2');
  },
);
