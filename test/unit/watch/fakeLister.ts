import { fail, ok, type WorkbenchError } from '../../../src/shared/errors';
import type { EndpointSnapshot } from '../../../src/shared/workspace/watch';
import type { EndpointLister } from '../../../src/main/watch/endpointWatcher';

export const userArn = (n: number) => `arn:aws:chime:us-east-1:000000000000:app-instance/app/user/user-${n}`;
export const endpoint = (id: string, extra: Partial<EndpointSnapshot> = {}): EndpointSnapshot => ({
  endpointId: id,
  name: `phone ${id}`,
  type: 'APNS',
  allowMessages: 'ALL',
  status: 'ACTIVE',
  ...extra,
});

/** An in-memory ListAppInstanceUserEndpoints: pages, throttling on demand, and a log of every call. */
export class FakeService {
  readonly users = new Map<string, EndpointSnapshot[]>();
  readonly calls: { userArn: string; at: number; nextToken?: string }[] = [];
  pageSize = 50;
  /** Calls to fail with ThrottledClientException before answering again. */
  throttleNext = 0;
  failWith: ((userArn: string) => WorkbenchError | undefined) | undefined;
  latencyMs = 0;

  addUsers(count: number, endpointsEach: number): string[] {
    return Array.from({ length: count }, (_, i) => {
      const arn = userArn(i);
      this.users.set(arn, Array.from({ length: endpointsEach }, (_, j) => endpoint(`u${i}-e${j}`)));
      return arn;
    });
  }

  set(arn: string, endpointId: string, change: Partial<EndpointSnapshot>): void {
    const list = this.users.get(arn)!;
    const i = list.findIndex((e) => e.endpointId === endpointId);
    list[i] = { ...list[i]!, ...change };
  }

  readonly lister: EndpointLister = async (arn, nextToken, signal) => {
    this.calls.push({ userArn: arn, at: Date.now(), ...(nextToken ? { nextToken } : {}) });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    if (this.throttleNext > 0) {
      this.throttleNext--;
      return fail({ code: 'ThrottledClientException', message: 'Rate exceeded', httpStatus: 429, retryable: true });
    }
    const failure = this.failWith?.(arn);
    if (failure) return fail(failure);
    const all = this.users.get(arn) ?? [];
    const start = nextToken ? Number(nextToken) : 0;
    const endpoints = all.slice(start, start + this.pageSize).map((e) => ({ ...e }));
    const next = start + this.pageSize < all.length ? String(start + this.pageSize) : undefined;
    return ok(next ? { endpoints, NextToken: next } : { endpoints });
  };
}
