import { useAppStore } from '../../../src/renderer/src/store';
import type { Endpoint } from '../../../src/renderer/src/features/endpoints/endpointsSlice';

export const USER_ARN = 'arn:aws:chime:us-east-1:000000000000:app-instance/inst-1/user/alice';
export const HEX64 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e9f0e';
export const VOIP64 = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100';
export const APP_ARN = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/0123456789abcdef0123456789abcdef';

/** A connected sandbox in us-east-1, account 000000000000, with `alice` shown and her endpoints loaded. */
export function seedStore(endpoints: Endpoint[] = []): void {
  useAppStore.setState({
    selectedUserArn: USER_ARN,
    endpoints: { key: USER_ARN, loading: false, value: endpoints },
    connection: { info: { kind: 'sandbox', region: 'us-east-1' }, status: 'connected' },
    identity: { key: 'sandbox::us-east-1', loading: false, value: { account: '000000000000', arn: 'arn:aws:iam::000000000000:root', userId: 'sandbox' } },
  });
}
