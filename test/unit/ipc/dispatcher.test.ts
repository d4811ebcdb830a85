import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher';
import { toWorkbenchError } from '../../../src/main/aws/errors';
import { fail, ok } from '../../../src/shared/errors';

const handlers = {
  'app:info': () => ok({ version: '1', platform: 'test', encryptionAvailable: false }),
  'workspace:create': ({ name }: { name: string }) => ok({ id: 'w1', name }),
  'workspace:rename': () => fail({ code: 'NotFound', message: 'No such workspace', retryable: false }),
  'activity:clear': () => {
    throw new Error('disk on fire');
  },
} as unknown as Handlers;

const dispatcher = createDispatcher({ handlers, mapError: (e) => toWorkbenchError(e) });

describe('IPC dispatcher', () => {
  it('calls the handler with the parsed input and wraps the value', async () => {
    await expect(dispatcher.dispatch('workspace:create', { name: '  Team  ' }, true)).resolves.toEqual({ ok: true, value: { id: 'w1', name: 'Team' } });
  });

  it('refuses calls from any sender but the app window, before touching the payload', async () => {
    const result = await dispatcher.dispatch('app:info', undefined, false);
    expect(result).toMatchObject({ ok: false, error: { code: 'ForbiddenSender', retryable: false } });
  });

  it('refuses unknown channels, including prototype names', async () => {
    for (const channel of ['nope:nope', '__proto__', 'constructor', 42]) {
      const result = await dispatcher.dispatch(channel, undefined, true);
      expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    }
  });

  it('validates payloads with the channel schema and names the member', async () => {
    const result = await dispatcher.dispatch('workspace:create', { name: '', extra: 1 }, true);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('InvalidInput');
    expect(result.error.issues?.map((i) => i.member)).toContain('name');
    expect(result.error.message).toMatch(/extra/);
  });

  it('validates Chime inputs with the operation schema (shared with the sandbox and the forms)', async () => {
    const result = await dispatcher.dispatch('chime:CreateAppInstanceUser', { AppInstanceArn: 'nope', AppInstanceUserId: '-x', Name: ' ', ClientRequestToken: 'ab' }, true);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues?.map((i) => i.member).sort()).toEqual(['AppInstanceArn', 'AppInstanceArn', 'AppInstanceUserId', 'Name'].sort());
  });

  it('passes a handler\'s failed Result through as it is, and maps only what is thrown unexpectedly', async () => {
    await expect(dispatcher.dispatch('workspace:rename', { id: 'w1', name: 'x' }, true)).resolves.toEqual({
      ok: false,
      error: { code: 'NotFound', message: 'No such workspace', retryable: false },
    });
    const unexpected = await dispatcher.dispatch('activity:clear', undefined, true);
    expect(unexpected).toMatchObject({ ok: false, error: { message: expect.stringContaining('disk on fire') } });
  });
});
