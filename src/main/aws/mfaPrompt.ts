/**
 * Asks the user for an MFA code. The credential provider calls `prompt`; the
 * broker emits a request that main forwards to the renderer's dialog over IPC,
 * and the dialog answers with `reply(requestId, code)` (null = Cancel). A
 * request nobody answers is given up after a timeout so a resolution never
 * hangs forever.
 */
import { randomUUID } from 'node:crypto';
import { WorkbenchCodes, WorkbenchFailure } from '../../shared/errors';
import type { MfaRequest } from '../../shared/aws/types';

/** Resolves with the code typed by the user; rejects with WorkbenchCodes.MfaCancelled on cancel. */
export type MfaPrompt = (mfaSerial: string, profile: string) => Promise<string>;

export interface MfaPromptBrokerOptions {
  /** How long to wait for an answer (default 5 minutes, longer than a TOTP window on purpose). */
  readonly timeoutMs?: number;
  readonly newId?: () => string;
}

/** Why a request ended: the renderer closes its dialog on any of them. */
export type MfaSettlement = 'answered' | 'cancelled' | 'timeout';

interface Pending {
  readonly request: MfaRequest;
  readonly resolve: (code: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class MfaPromptBroker {
  readonly #timeoutMs: number;
  readonly #newId: () => string;
  readonly #pending = new Map<string, Pending>();
  readonly #requestListeners = new Set<(request: MfaRequest) => void>();
  readonly #settledListeners = new Set<(requestId: string, how: MfaSettlement) => void>();

  constructor(options: MfaPromptBrokerOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 5 * 60_000;
    this.#newId = options.newId ?? randomUUID;
  }

  /** Subscribe to code requests; returns the unsubscribe function. */
  onRequest(listener: (request: MfaRequest) => void): () => void {
    this.#requestListeners.add(listener);
    return () => this.#requestListeners.delete(listener);
  }

  /** Subscribe to the end of a request (answer, cancel or timeout). */
  onSettled(listener: (requestId: string, how: MfaSettlement) => void): () => void {
    this.#settledListeners.add(listener);
    return () => this.#settledListeners.delete(listener);
  }

  /** The MfaPrompt to hand to the credentials provider. */
  readonly prompt: MfaPrompt = (mfaSerial, profile) =>
    new Promise<string>((resolve, reject) => {
      const request: MfaRequest = { requestId: this.#newId(), profile, mfaSerial };
      const timer = setTimeout(() => this.#settle(request.requestId, 'timeout'), this.#timeoutMs);
      this.#pending.set(request.requestId, { request, resolve, reject, timer });
      for (const listener of this.#requestListeners) listener(request);
    });

  /** The dialog's answer. Returns false when the request is unknown or already settled. */
  reply(requestId: string, code: string | null): boolean {
    const pending = this.#pending.get(requestId);
    if (!pending) return false;
    if (code === null) return this.#settle(requestId, 'cancelled');
    this.#forget(pending);
    pending.resolve(code.trim());
    this.#emitSettled(requestId, 'answered');
    return true;
  }

  /** Requests still waiting for the user (e.g. to re-show the dialog after a reload). */
  pending(): MfaRequest[] {
    return [...this.#pending.values()].map((p) => p.request);
  }

  /** Cancel every open request (on connection switch or shutdown). */
  cancelAll(): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id, 'cancelled');
  }

  #settle(requestId: string, how: 'cancelled' | 'timeout'): boolean {
    const pending = this.#pending.get(requestId);
    if (!pending) return false;
    this.#forget(pending);
    const { profile } = pending.request;
    const message =
      how === 'timeout'
        ? `No MFA code was entered for profile "${profile}" in time.`
        : `MFA code entry was cancelled for profile "${profile}".`;
    pending.reject(new WorkbenchFailure({ code: WorkbenchCodes.MfaCancelled, message, retryable: true }));
    this.#emitSettled(requestId, how);
    return true;
  }

  #forget(pending: Pending): void {
    clearTimeout(pending.timer);
    this.#pending.delete(pending.request.requestId);
  }

  #emitSettled(requestId: string, how: MfaSettlement): void {
    for (const listener of this.#settledListeners) listener(requestId, how);
  }
}
