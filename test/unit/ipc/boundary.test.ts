/**
 * Issue 10, defects 3 and 4, through the app's real services and the
 * embedded sandbox: malformed Unicode is refused at the IPC boundary; every
 * SDK or transport failure the input causes has a named, documented code;
 * validation messages say what type was expected and what came, and lists
 * in messages are capped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from '../support/mainServices';
import { WorkbenchCodes, type Result } from '../../../src/shared/errors';

let t: TestServices;
const dispatch = (channel: string, input?: unknown) => t.services.dispatcher.dispatch(channel, input, true) as Promise<Result<unknown>>;
const errorOf = async (channel: string, input?: unknown) => {
  const result = await dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
};

beforeAll(async () => {
  t = await startTestServices('cew-boundary-');
  await t.call('connection:select', { connection: { kind: 'sandbox' }, region: 'us-east-1' });
});
afterAll(() => t?.close());

describe('malformed Unicode at the IPC boundary', () => {
  it('refuses a lone surrogate in a NextToken with InvalidInput naming the member', async () => {
    for (const token of ['\uD800', 'abc\uDC00', 'x\uDBFFy']) {
      const error = await errorOf('chime:ListAppInstances', { NextToken: token });
      expect(error.code).toBe(WorkbenchCodes.InvalidInput);
      expect(error.issues).toEqual([{ member: 'NextToken', message: expect.stringContaining('lone UTF-16 surrogate') }]);
    }
  });

  it('refuses a lone surrogate in an id nested in a path member, and in a member name', async () => {
    const arn = 'arn:aws:chime:us-east-1:000000000000:app-instance/a\uD83D';
    expect((await errorOf('chime:DescribeAppInstance', { AppInstanceArn: arn })).code).toBe(WorkbenchCodes.InvalidInput);
    const error = await errorOf('workspace:create', { ['n\uDC00']: 1, name: 'x' });
    expect(error.code).toBe(WorkbenchCodes.InvalidInput);
  });

  it('still accepts a well-formed astral character (a surrogate pair)', async () => {
    const error = await errorOf('chime:ListAppInstances', { NextToken: '😀' });
    expect(error.code).not.toBe(WorkbenchCodes.InvalidInput);
  });
});

describe('every failure the input causes has a named, documented code', () => {
  it('a NextToken the server refuses as too large (HTTP 431) is RequestTooLarge, not Unknown', async () => {
    // 2,048 code points is the model's limit; as 4-byte UTF-8, URL-encoded, the request line passes Node's 16 KB header limit.
    const error = await errorOf('chime:ListAppInstances', { NextToken: '😀'.repeat(2048) });
    expect(error).toMatchObject({ code: WorkbenchCodes.RequestTooLarge, httpStatus: 431, retryable: false });
  });

  it('a NextToken the service never issued is the service\'s own named error', async () => {
    const error = await errorOf('chime:ListAppInstances', { NextToken: 'made-up' });
    expect(Object.values(WorkbenchCodes)).not.toContain(error.code);
    expect(error.code).toMatch(/Exception$/);
  });
});

describe('validation messages', () => {
  it('says what type was expected and what was received, not "must not be null"', async () => {
    const error = await errorOf('chime:ListAppInstances', { NextToken: 42 });
    expect(error.issues?.[0]).toEqual({ member: 'NextToken', message: expect.stringMatching(/string.*received a number/) });
    expect(error.message).not.toContain('must not be null');
    const nested = await errorOf('workspace:create', { name: ['x'] });
    expect(nested.issues?.[0]?.message).toMatch(/expected string, received an array/);
  });

  it('keeps "must not be null" for a missing or null required member, as the service says', async () => {
    const missing = await errorOf('chime:DescribeAppInstance', {});
    expect(missing.issues?.[0]).toEqual({ member: 'AppInstanceArn', message: 'Member must not be null' });
    const nulled = await errorOf('chime:DescribeAppInstance', { AppInstanceArn: null });
    expect(nulled.issues?.[0]?.message).toBe('Member must not be null');
  });

  it('caps the unknown members it names, so 50,000 keys give a short answer', async () => {
    const input: Record<string, number> = {};
    for (let i = 0; i < 50_000; i++) input[`k${i}`] = i;
    const error = await errorOf('chime:ListAppInstances', input);
    const answer = JSON.stringify(error);
    expect(answer.length).toBeLessThan(2_000);
    expect(error.message).toContain('k0, k1');
    expect(error.message).toContain('and 49,990 more');
  });

  it('caps the number of issues reported', async () => {
    const error = await errorOf('workspace:update', { id: 'x', patch: { watchList: Array.from({ length: 1500 }, () => ({ userArn: 5 })) } });
    expect(error.issues?.length).toBeLessThanOrEqual(11);
    expect(JSON.stringify(error).length).toBeLessThan(5_000);
  });
});
