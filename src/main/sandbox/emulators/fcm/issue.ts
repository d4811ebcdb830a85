/**
 * The Firebase console, for the sandbox: a project's service-account key.
 *
 *   POST /_sandbox/fcm-projects {"ProjectId"} → {"ServiceAccount":{…}}
 *
 * The service-account JSON has every member Google's has; its `token_uri`
 * is the sandbox's OAuth2 token endpoint (`<sandbox>/_fcm/token`), so the
 * Google auth libraries that honour `token_uri` need no other setting.
 * Issuing again for the same project adds a key to the same service
 * account (as "Generate new private key" does); the sandbox keeps only the
 * public half.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { answering, type ControlAnswer } from '../../core/controls';
import { badRequest } from '../../core/errors';
import { parseBody } from '../../core/body';
import { newRsaKeyPair } from '../ca';
import type { PushCredentials } from '../credentials';

/** The OAuth2 token endpoint's path on the sandbox's main port. */
export const FCM_TOKEN_PATH = '/_fcm/token';
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export interface ServiceAccountJson {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

const body = z.strictObject({ ProjectId: z.string().regex(PROJECT_ID, 'a Firebase project id: 6–30 lowercase letters, digits and hyphens, starting with a letter') });

export function issueFcmProject(
  credentials: PushCredentials,
  input: { ProjectId: string },
  options: { baseUrl: string; now?: () => number },
): { ServiceAccount: ServiceAccountJson } {
  const parsed = body.safeParse(input);
  if (!parsed.success) throw badRequest(`Expected {"ProjectId"}: ${z.prettifyError(parsed.error)}`);
  const { ProjectId } = parsed.data;
  const created = new Date((options.now ?? Date.now)()).toISOString();
  const existing = credentials.fcmProject(ProjectId);
  const project = existing ?? {
    ProjectId,
    ProjectNumber: String(randomInt(100_000_000_000, 999_999_999_999)),
    ClientEmail: `firebase-adminsdk-${randomBytes(3).toString('hex').slice(0, 5)}@${ProjectId}.iam.gserviceaccount.com`,
    ClientId: `1${Array.from({ length: 20 }, () => randomInt(0, 10)).join('')}`,
    Keys: [],
  };
  const keys = newRsaKeyPair();
  const PrivateKeyId = randomBytes(20).toString('hex');
  credentials.putFcmProject({ ...project, Keys: [...project.Keys, { PrivateKeyId, PublicKeyPem: keys.publicKeyPem, Created: created }] });
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    ServiceAccount: {
      type: 'service_account',
      project_id: ProjectId,
      private_key_id: PrivateKeyId,
      private_key: keys.privateKeyPem,
      client_email: project.ClientEmail,
      client_id: project.ClientId,
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: `${base}${FCM_TOKEN_PATH}`,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(project.ClientEmail)}`,
      universe_domain: 'googleapis.com',
    },
  };
}

export interface FcmIssueContext {
  readonly credentials: PushCredentials;
  /** The sandbox's main URL (`http://127.0.0.1:PORT`), where the token endpoint is mounted. */
  readonly baseUrl: string;
  readonly now?: () => number;
}

/** `POST /_sandbox/fcm-projects`; undefined for other targets. */
export function handleFcmIssueControl(ctx: FcmIssueContext, method: string, target: string, bodyText: string): ControlAnswer | undefined {
  if (method !== 'POST' || target.split('?')[0] !== '/_sandbox/fcm-projects') return undefined;
  return answering(() => ({ status: 200, body: { ...issueFcmProject(ctx.credentials, parseBody(bodyText) as never, ctx) } }));
}
