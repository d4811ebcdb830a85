/**
 * Direct push, the main-process engine behind the "Direct push" dialog and
 * `push apns` / `push fcm`: validates the input with the shared schema, reads
 * the key files named in it, and sends through the long-lived APNs and FCM
 * clients. Answers are Results carrying only non-secret values (status,
 * ids, reason, advice, labels of the credentials used); no error message
 * quotes a key file.
 */
import { toValidationIssues } from '../../../shared/chime/schema';
import { WorkbenchCodes, type WorkbenchError } from '../../../shared/errors';
import type { ZodError } from 'zod';
import { apnsAdvice, type PushAdvice } from '../../../shared/push/directPushAdvice';
import { directPushSchema, type ApnsDirectPush, type FcmDirectPush } from '../../../shared/push/directPush';
import { ApnsClient, ApnsConnectionError, type ApnsAnswer, type ApnsClientOptions } from './apnsClient';
import {
  DirectPushCredentialError,
  loadApnsCertificate,
  loadApnsKey,
  loadServiceAccount,
  type KeySource,
} from './credentials';
import { FcmAuthError, FcmClient, type FcmAnswer, type FcmClientOptions } from './fcmClient';
import { PushProxyError } from './network';
import { createTransport, type ProxyResolver, type Transport } from '../../aws/config/transport';

export type DirectPushAnswer = (ApnsAnswer | FcmAnswer) & {
  /** "AuthKey_ABC123DEFG.p8 · Team ABCDE12345", "cert.p12 · Apple Push Services: com.x", "sa@p.iam… · p" */
  readonly credentialLabel: string;
};

/** A failure before the push service answered; `reason` + `advice` when the push was refused client-side. */
export interface DirectPushError extends WorkbenchError {
  readonly reason?: string;
  readonly advice?: PushAdvice;
}

export type DirectPushResult =
  { readonly ok: true; readonly value: DirectPushAnswer } | { readonly ok: false; readonly error: DirectPushError };

export interface DirectPushServiceOptions {
  readonly apns?: ApnsClientOptions;
  readonly fcm?: FcmClientOptions;
  /** The proxy for a URL ('' = direct), as for AWS calls (the OS settings in the app); default: the environment. */
  readonly proxyForUrl?: ProxyResolver;
}

export class DirectPushService {
  readonly apns: ApnsClient;
  readonly fcm: FcmClient;
  readonly #transport: Transport;

  constructor(options: DirectPushServiceOptions = {}) {
    // The network layer every AWS client uses: the same proxy choice, and its agent for FCM's HTTP/1.1.
    this.#transport = createTransport(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {});
    const { proxyForUrl, agent } = this.#transport;
    this.apns = new ApnsClient({ proxyForUrl, ...options.apns });
    this.fcm = new FcmClient({ proxyForUrl, agent, ...options.fcm });
  }

  /**
   * Validates `input` (the shared `directPushSchema`), reads the key files it names, sends. Never throws.
   * `resolveFile` maps the file fields to key sources: the app passes the handles of files main already
   * holds (so a renderer can never make main read a path of its choosing); by default they are paths.
   */
  async send(input: unknown, resolveFile: (file: string) => KeySource = (file) => file): Promise<DirectPushResult> {
    const parsed = directPushSchema.safeParse(input);
    if (!parsed.success)
      return { ok: false, error: invalidInput(parsed.error, (input as { service?: unknown } | null)?.service) };
    try {
      return {
        ok: true,
        value:
          parsed.data.service === 'apns'
            ? await this.sendApns(parsed.data, resolveFile)
            : await this.sendFcm(parsed.data, resolveFile),
      };
    } catch (error) {
      return { ok: false, error: toError(error) };
    }
  }

  close(): void {
    this.apns.close();
    this.#transport.destroy();
  }

  private async sendApns(push: ApnsDirectPush, resolveFile: (file: string) => KeySource): Promise<DirectPushAnswer> {
    const credentials =
      push.auth.kind === 'token'
        ? await loadApnsKey(resolveFile(push.auth.keyFile), push.auth.keyId, push.auth.teamId)
        : await loadCertificate(resolveFile(push.auth.certFile), push.auth.passphrase);
    const topic = push.topic ?? (credentials.kind === 'certificate' ? credentials.topic : undefined);
    if (!topic)
      throw new DirectPushCredentialError('Enter the topic (the app’s bundle id): the certificate does not name one.');
    const answer = await this.apns.send({
      token: push.token.toLowerCase(),
      credentials,
      topic,
      environment: push.environment,
      pushType: push.pushType,
      ...(push.priority !== undefined && { priority: push.priority }),
      ...(push.expiration !== undefined && { expiration: push.expiration }),
      ...(push.collapseId !== undefined && { collapseId: push.collapseId }),
      body: JSON.stringify(push.payload),
    });
    return { ...answer, credentialLabel: credentials.label };
  }

  private async sendFcm(push: FcmDirectPush, resolveFile: (file: string) => KeySource): Promise<DirectPushAnswer> {
    const account = await loadServiceAccount(resolveFile(push.serviceAccountFile));
    const answer = await this.fcm.send({
      token: push.token,
      account,
      message: push.payload,
      ...(push.validateOnly !== undefined && { validateOnly: push.validateOnly }),
    });
    return { ...answer, credentialLabel: account.label };
  }
}

/** The push's passphrase (the command line), else the one the certificate was unlocked with in main (the app). */
function loadCertificate(source: KeySource, passphrase: string | undefined) {
  return loadApnsCertificate(source, passphrase ?? (typeof source === 'string' ? undefined : source.passphrase));
}

/** Client-side refusals keep Apple's reason name, so the answer reads like APNs' own and takes the same advice. */
const CLIENT_SIDE_REASON: Readonly<Record<string, string>> = {
  priority: 'BadPriority',
  payload: 'PayloadTooLarge',
  collapseId: 'BadCollapseId',
  token: 'BadDeviceToken',
  topic: 'MissingTopic',
};

function invalidInput(error: ZodError, service: unknown): DirectPushError {
  const first = error.issues[0];
  const field = typeof first?.path[0] === 'string' ? first.path[0] : '';
  const tooLarge = field === 'payload' && first?.path.length === 1 && /bytes/.test(first.message);
  const reason =
    service !== 'apns'
      ? undefined
      : field === 'payload'
        ? tooLarge
          ? 'PayloadTooLarge'
          : undefined
        : CLIENT_SIDE_REASON[field];
  return {
    code: WorkbenchCodes.InvalidInput,
    message: first?.message ?? 'The push is not valid.',
    retryable: false,
    issues: toValidationIssues(error),
    ...(reason !== undefined && { reason, advice: apnsAdvice(reason) }),
  };
}

function toError(error: unknown): DirectPushError {
  if (error instanceof DirectPushCredentialError) return { code: error.code, message: error.message, retryable: false };
  if (error instanceof FcmAuthError)
    return { code: error.code, message: error.message, retryable: false, advice: error.advice };
  if (error instanceof ApnsConnectionError) return { code: error.code, message: error.message, retryable: true };
  if (error instanceof PushProxyError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof Error && error.name === 'TimeoutError')
    return { code: WorkbenchCodes.Timeout, message: 'The push service did not answer in time.', retryable: true };
  const message = error instanceof Error ? error.message : String(error);
  return { code: WorkbenchCodes.NetworkError, message: `The push could not be sent: ${message}`, retryable: true };
}
