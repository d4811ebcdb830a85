import type { WatchChange } from '../../../src/shared/ipc/appTypes';
import { APP_ARN, HEX64, USER_ARN } from '../registration/fixtures';

export { USER_ARN };

export const IPHONE = {
  AppInstanceUserArn: USER_ARN,
  EndpointId: 'ep-ios',
  Name: 'iPhone',
  Type: 'APNS_SANDBOX',
  ResourceArn: APP_ARN,
  EndpointAttributes: { DeviceToken: HEX64 },
  AllowMessages: 'ALL',
  EndpointState: { Status: 'ACTIVE' },
  CreatedTimestamp: Date.UTC(2024, 0, 2),
  LastUpdatedTimestamp: Date.UTC(2024, 0, 2),
} as const;

export const PIXEL = {
  ...IPHONE,
  EndpointId: 'ep-android',
  Name: 'Pixel',
  Type: 'GCM',
} as const;

const summary = ({ AppInstanceUserArn, EndpointId, Name, Type, AllowMessages, EndpointState }: typeof IPHONE | typeof PIXEL) => ({
  AppInstanceUserArn,
  EndpointId,
  Name,
  Type,
  AllowMessages,
  EndpointState,
});

/** Chime stubs for the user detail over a mutable list, so a reload can see a new endpoint. */
export function endpointStubs(endpoints: Array<typeof IPHONE | typeof PIXEL>) {
  return {
    'chime:DescribeAppInstanceUser': () => ({ AppInstanceUser: { AppInstanceUserArn: USER_ARN, Name: 'Alice' } }),
    'chime:ListAppInstanceUserEndpoints': () => ({ AppInstanceUserEndpoints: endpoints.map(summary) }),
    'chime:DescribeAppInstanceUserEndpoint': (input: unknown) => ({
      AppInstanceUserEndpoint: endpoints.find((e) => e.EndpointId === (input as { EndpointId: string }).EndpointId),
    }),
  };
}

export function inactiveFlip(at: number): WatchChange {
  return {
    kind: 'state-changed',
    userArn: USER_ARN,
    endpointId: 'ep-ios',
    at,
    before: { endpointId: 'ep-ios', name: 'iPhone', status: 'ACTIVE', allowMessages: 'ALL' },
    after: { endpointId: 'ep-ios', name: 'iPhone', status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN', allowMessages: 'ALL' },
  };
}
