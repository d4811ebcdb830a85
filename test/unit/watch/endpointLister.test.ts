import { describe, expect, it } from 'vitest';
import { createEndpointLister, type ListEndpoints } from '../../../src/main/watch/endpointLister';
import { fail, ok } from '../../../src/shared/errors';

describe('the one endpoint lister', () => {
  it('asks for 50 per page, passes the token and signal on, and drops enum values the app does not know', async () => {
    const calls: Parameters<ListEndpoints>[] = [];
    const list: ListEndpoints = async (input, options) => {
      calls.push([input, options]);
      return ok({
        $metadata: {},
        NextToken: 'next',
        AppInstanceUserEndpoints: [
          { EndpointId: 'e1', Name: 'phone', Type: 'APNS', AllowMessages: 'ALL', EndpointState: { Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' } },
          { EndpointId: 'e2', Type: 'FUTURE_TYPE' as 'GCM', EndpointState: { Status: 'SOMETHING_NEW' as 'ACTIVE' } },
          { Name: 'no id' },
        ],
      });
    };
    const signal = new AbortController().signal;
    const page = await createEndpointLister(list)('arn:user', 'tok', signal);
    expect(calls).toEqual([[{ AppInstanceUserArn: 'arn:user', MaxResults: 50, NextToken: 'tok' }, { signal }]]);
    expect(page).toEqual(
      ok({
        NextToken: 'next',
        endpoints: [
          { endpointId: 'e1', name: 'phone', type: 'APNS', allowMessages: 'ALL', status: 'INACTIVE', statusReason: 'INVALID_DEVICE_TOKEN' },
          { endpointId: 'e2' },
        ],
      }),
    );
  });

  it('answers the mapped error as it came, so the watcher can trust its retryable flag', async () => {
    const error = { code: 'ThrottledClientException', message: 'Rate exceeded', httpStatus: 429, retryable: true };
    const page = await createEndpointLister(async () => fail(error))('arn:user');
    expect(page).toEqual(fail(error));
  });
});
