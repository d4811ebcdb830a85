/** Shared fixtures of the admin component tests. */
import { vi } from 'vitest';
import type { FakeApi } from '../fakeApi';

export const APP_ARN = 'arn:aws:chime:us-east-1:000000000000:app-instance/abc-123';
export const USER_ARN = `${APP_ARN}/user/alice`;
export const BOT_ARN = `${APP_ARN}/bot/bot-1`;

/** Inputs sent on one channel, in order. */
export function inputsOf(api: FakeApi, channel: string): Array<Record<string, unknown>> {
  return api.calls.filter((c) => c.channel === channel).map((c) => c.input as Record<string, unknown>);
}

/** Deterministic, distinguishable ClientRequestTokens. */
export function stubUuids(): void {
  let n = 0;
  vi.spyOn(crypto, 'randomUUID').mockImplementation(() => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` as `${string}-${string}-${string}-${string}-${string}`);
}

export const serverError = (code: string, message: string, httpStatus = 400) => ({ ok: false as const, error: { code, message, httpStatus, requestId: 'req-1', retryable: false } });
