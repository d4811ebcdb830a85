/**
 * Reading a user's endpoints: every page of ListAppInstanceUserEndpoints,
 * then DescribeAppInstanceUserEndpoint for each, because the summaries carry
 * neither the device tokens nor the Pinpoint ARN nor the timestamps. The
 * slice describes only endpoints it has not described yet this session (all
 * of them on Refresh), in parallel: a user has at most 10.
 */
import { getApi } from '../../api';
import type { Result } from '../../../../shared/errors';
import type { ChimeOutput } from '../../../../shared/ipc/chimeTypes';
import type { Endpoint } from './endpointsSlice';

type Summary = NonNullable<ChimeOutput<'ListAppInstanceUserEndpoints'>['AppInstanceUserEndpoints']>[number];

/** Guards against a service that keeps returning a NextToken. */
const MAX_PAGES = 100;

export async function listAllEndpoints(userArn: string): Promise<Result<Endpoint[]>> {
  const all: Summary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await getApi()['chime:ListAppInstanceUserEndpoints']({
      AppInstanceUserArn: userArn,
      MaxResults: 50,
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
    if (!result.ok) return result;
    all.push(...(result.value.AppInstanceUserEndpoints ?? []));
    nextToken = result.value.NextToken;
    if (!nextToken) break;
  }
  return { ok: true, value: all };
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
