import { describe, expect, it } from 'vitest';
import { fail, ok, WorkbenchCodes, type Result } from '../../../src/shared/errors';
import { PAGINATED_OPERATIONS, collectPages, isPaginatedOperation, pageItemsKey, pageThrough, type Paged } from '../../../src/shared/chime/paging';

interface Input extends Paged {
  readonly Arn: string;
}
interface Page extends Paged {
  readonly Items: string[];
}

/** Three pages of two items, the token being the next offset. */
function service(pages = 3) {
  const calls: Input[] = [];
  const fetchPage = async (input: Input): Promise<Result<Page>> => {
    calls.push(input);
    const start = Number(input.NextToken ?? 0);
    const next = start + 2 < pages * 2 ? String(start + 2) : undefined;
    return ok({ Items: [`i${start}`, `i${start + 1}`], ...(next ? { NextToken: next } : {}) });
  };
  return { calls, fetchPage };
}

describe('the one paging path', () => {
  it('derives the List operations and their item members from the operations table', () => {
    expect([...PAGINATED_OPERATIONS].sort()).toEqual([
      'ListAppInstanceAdmins',
      'ListAppInstanceBots',
      'ListAppInstanceUserEndpoints',
      'ListAppInstanceUsers',
      'ListAppInstances',
    ]);
    expect(pageItemsKey('ListAppInstanceUsers')).toBe('AppInstanceUsers');
    expect(isPaginatedOperation('DescribeAppInstance')).toBe(false);
  });

  it('sends each NextToken back with the rest of the input, and stops when none comes', async () => {
    const { calls, fetchPage } = service();
    const pages = [];
    for await (const page of pageThrough(fetchPage, { Arn: 'a' })) pages.push(page);
    expect(pages).toHaveLength(3);
    expect(calls).toEqual([{ Arn: 'a' }, { Arn: 'a', NextToken: '2' }, { Arn: 'a', NextToken: '4' }]);
  });

  it('yields a failure once, last', async () => {
    let n = 0;
    const error = { code: 'ThrottledClientException', message: 'slow down', retryable: true };
    const fetchPage = async (): Promise<Result<Page>> => (n++ === 0 ? ok({ Items: ['x'], NextToken: 't' }) : fail(error));
    const pages = [];
    for await (const page of pageThrough(fetchPage, {})) pages.push(page);
    expect(pages).toEqual([ok({ Items: ['x'], NextToken: 't' }), fail(error)]);
    expect(await collectPages(fetchPage, {}, (p) => p.Items)).toEqual(fail(error));
  });

  it('collects every item, and says when the page cap cut the list short', async () => {
    expect(await collectPages(service().fetchPage, { Arn: 'a' }, (p) => p.Items)).toEqual(
      ok({ items: ['i0', 'i1', 'i2', 'i3', 'i4', 'i5'], complete: true }),
    );
    const capped = service();
    expect(await collectPages(capped.fetchPage, { Arn: 'a' }, (p) => p.Items, { maxPages: 2 })).toEqual(
      ok({ items: ['i0', 'i1', 'i2', 'i3'], complete: false }),
    );
    expect(capped.calls).toHaveLength(2);
  });

  it('answers Cancelled once the signal is aborted, without another call', async () => {
    const controller = new AbortController();
    const { calls, fetchPage } = service();
    const pages = [];
    for await (const page of pageThrough(fetchPage, { Arn: 'a' }, { signal: controller.signal })) {
      pages.push(page);
      controller.abort();
    }
    expect(calls).toHaveLength(1);
    expect(pages.at(-1)).toMatchObject({ ok: false, error: { code: WorkbenchCodes.Cancelled } });
  });
});
