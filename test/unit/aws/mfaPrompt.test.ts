import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchFailure } from '../../../src/shared/errors';
import { MfaPromptBroker } from '../../../src/main/aws/mfaPrompt';
import { WorkbenchCodes } from '../../../src/shared/errors';

afterEach(() => {
  vi.useRealTimers();
});

describe('MfaPromptBroker', () => {
  it('emits a request and resolves with the reply', async () => {
    let n = 0;
    const broker = new MfaPromptBroker({ newId: () => `req-${++n}` });
    const seen = vi.fn();
    const settled = vi.fn();
    broker.onRequest(seen);
    broker.onSettled(settled);

    const code = broker.prompt('arn:aws:iam::1:mfa/a', 'admin');
    expect(seen).toHaveBeenCalledWith({ requestId: 'req-1', profile: 'admin', mfaSerial: 'arn:aws:iam::1:mfa/a' });
    expect(broker.pending()).toHaveLength(1);
    expect(broker.reply('req-1', '123456')).toBe(true);
    await expect(code).resolves.toBe('123456');
    expect(settled).toHaveBeenCalledWith('req-1', 'answered');
    expect(broker.pending()).toEqual([]);
    expect(broker.reply('req-1', '123456')).toBe(false);
  });

  it('rejects with MfaCancelled on a null reply', async () => {
    const broker = new MfaPromptBroker({ newId: () => 'x' });
    const code = broker.prompt('serial', 'admin');
    broker.reply('x', null);
    const error = await code.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchFailure);
    expect((error as WorkbenchFailure).error.code).toBe(WorkbenchCodes.MfaCancelled);
  });

  it('gives up after the timeout and tells listeners', async () => {
    vi.useFakeTimers();
    const broker = new MfaPromptBroker({ timeoutMs: 1000, newId: () => 't' });
    const settled = vi.fn();
    broker.onSettled(settled);
    const code = broker.prompt('serial', 'admin').catch((e: WorkbenchFailure) => e.error);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(code).resolves.toMatchObject({ code: WorkbenchCodes.MfaCancelled, message: expect.stringMatching(/in time/) });
    expect(settled).toHaveBeenCalledWith('t', 'timeout');
  });

  it('cancels every open request at once, and unsubscribes listeners', async () => {
    let n = 0;
    const broker = new MfaPromptBroker({ newId: () => String(++n) });
    const listener = vi.fn();
    const off = broker.onRequest(listener);
    const a = broker.prompt('s', 'p1').catch(() => 'cancelled');
    off();
    const b = broker.prompt('s', 'p2').catch(() => 'cancelled');
    expect(listener).toHaveBeenCalledOnce();
    broker.cancelAll();
    expect(await Promise.all([a, b])).toEqual(['cancelled', 'cancelled']);
  });
});
