/**
 * `await-state`: polls a user's endpoints with the watcher's lister, taking a
 * token from the watcher's rate limiter before each page (so a CI job stays
 * within the account's rate budget), until the endpoint has the wanted status
 * or the timeout passes (exit 1 with the last state seen).
 */
import { Option } from 'commander';
import { ENDPOINT_STATUSES, type EndpointStatus } from '../../../shared/chime/shapes';
import type { EndpointSnapshot } from '../../../shared/workspace/watch';
import { createEndpointLister } from '../../watch/endpointLister';
import { TokenBucket } from '../../watch/rateLimiter';
import type { Timers } from '../../watch/timers';
import type { CliContext } from '../context';
import { parseDuration, formatDuration } from '../durations';
import { CliError, ExitCode, fromWorkbenchError } from '../io';
import { USER_FLAG, type Register } from '../command';
import { pollUntil } from '../wait';

export interface AwaitStateOptions {
  readonly user: string;
  readonly endpointId: string;
  readonly status: EndpointStatus;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly timers?: Timers;
}

export interface AwaitStateResult {
  readonly reached: boolean;
  /** The endpoint as last seen; undefined when it was never in the list. */
  readonly last?: EndpointSnapshot;
  readonly polls: number;
}

const describeState = (e: EndpointSnapshot | undefined) =>
  e ? `${e.status ?? 'unknown'}${e.statusReason ? ` (${e.statusReason})` : ''}` : 'not registered';

export async function awaitState(ctx: CliContext, o: AwaitStateOptions): Promise<AwaitStateResult> {
  const connections = await ctx.connections();
  // Background calls: no SDK retries (this loop polls again), logged as the watcher's.
  const lister = createEndpointLister((input, options) =>
    connections.invoke('ListAppInstanceUserEndpoints', input, { ...options, background: true }),
  );
  const bucket = new TokenBucket(o.timers ? { timers: o.timers } : {});
  let last: EndpointSnapshot | undefined;
  let polls = 0;
  let shown: string | undefined;
  const probe = async (): Promise<true | undefined> => {
    polls++;
    let token: string | undefined;
    let found: EndpointSnapshot | undefined;
    do {
      await bucket.acquire(ctx.signal).catch(() => undefined);
      const page = await lister(o.user, token, ctx.signal);
      if (!page.ok) {
        // Throttling and 5xx: the next poll tries again; anything else (a wrong ARN, no permission) ends the wait.
        if (page.error.retryable) {
          ctx.out.progress(`${page.error.code}: ${page.error.message} (polling again)`);
          return undefined;
        }
        throw fromWorkbenchError(page.error, 'ListAppInstanceUserEndpoints');
      }
      found ??= page.value.endpoints.find((e) => e.endpointId === o.endpointId);
      token = found ? undefined : page.value.NextToken;
    } while (token);
    last = found;
    const words = describeState(found);
    if (words !== shown)
      ctx.out.progress(`${o.endpointId}: ${words}${found?.status === o.status ? '' : `, waiting for ${o.status}`}`);
    shown = words;
    return found?.status === o.status ? true : undefined;
  };
  const reached = await pollUntil(probe, {
    timeoutMs: o.timeoutMs,
    intervalMs: o.intervalMs,
    signal: ctx.signal,
    ...(o.timers && { timers: o.timers }),
  });
  return { reached: reached === true, ...(last && { last }), polls };
}

export const registerAwaitState: Register = (parent, run) => {
  parent
    .command('await-state')
    .description("wait until an endpoint's state is ACTIVE or INACTIVE (exit 1 on timeout, with the last state)")
    .requiredOption(...USER_FLAG)
    .requiredOption('--endpoint-id <id>', 'the endpoint')
    .addOption(
      new Option('--status <status>', 'the state to wait for').choices(ENDPOINT_STATUSES).makeOptionMandatory(),
    )
    .option('--timeout <duration>', 'how long to wait, e.g. 60s, 2m', '60s')
    .option('--interval <duration>', 'time between polls (each poll takes a token from the rate budget)', '2s')
    .action(
      run<{ user: string; endpointId: string; status: EndpointStatus; timeout: string; interval: string }>(
        async (ctx, o) => {
          const timeoutMs = parseDuration('--timeout', o.timeout);
          const intervalMs = parseDuration('--interval', o.interval);
          const result = await awaitState(ctx, {
            user: o.user,
            endpointId: o.endpointId,
            status: o.status,
            timeoutMs,
            intervalMs,
          });
          const last = result.last ? { status: result.last.status, statusReason: result.last.statusReason } : undefined;
          if (!result.reached) {
            throw new CliError(
              `${o.endpointId} did not reach ${o.status} within ${formatDuration(timeoutMs)}; last state: ${describeState(result.last)}`,
              ExitCode.CheckFailed,
              {
                code: 'Timeout',
                endpointId: o.endpointId,
                wanted: o.status,
                ...(last && { last }),
              },
            );
          }
          ctx.out.result(
            {
              userArn: o.user,
              endpointId: o.endpointId,
              reached: true,
              status: o.status,
              ...(last?.statusReason && { statusReason: last.statusReason }),
            },
            () => `${o.endpointId}: ${describeState(result.last)}`,
          );
        },
      ),
    );
};
