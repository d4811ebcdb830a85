/**
 * Reading a user's endpoints: every page of ListAppInstanceUserEndpoints,
 * then DescribeAppInstanceUserEndpoint for each, because the summaries carry
 * neither the device tokens nor the Pinpoint ARN nor the timestamps. The
 * slice describes only endpoints it has not described yet this session (all
 * of them on Refresh), in parallel: a user has at most 10.
 */
import { getApi } from '../../api';
import type { Result } from '../../../../shared/errors';
import { listAll } from '../pages/listAll';
import type { Endpoint } from './endpointsSlice';

export async function listAllEndpoints(userArn: string): Promise<Result<Endpoint[]>> {
  const listed = await listAll('ListAppInstanceUserEndpoints', { AppInstanceUserArn: userArn });
  return listed.ok ? { ok: true, value: listed.value.items } : listed;
}

/**
 * Each endpoint described; when a Describe fails (e.g. the endpoint was
 * deregistered meanwhile) the summary stands in, so one bad row does not hide
 * the others.
 */
export async function describeEndpoints(userArn: string, endpoints: readonly Endpoint[]): Promise<Endpoint[]> {
  const described = await Promise.all(
    endpoints.map(async (summary) => {
      if (!summary.EndpointId) return summary;
      const result = await getApi()['chime:DescribeAppInstanceUserEndpoint']({
        AppInstanceUserArn: userArn,
        EndpointId: summary.EndpointId,
      });
      return result.ok && result.value.AppInstanceUserEndpoint
        ? { ...summary, ...result.value.AppInstanceUserEndpoint }
        : summary;
    }),
  );
  return described;
}
