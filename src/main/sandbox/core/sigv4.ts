/**
 * SigV4 checks. Every signed API request must carry an `Authorization` header
 * (the service's unauthorized error otherwise), so a client that forgot to
 * sign is caught locally as it would be by AWS. With a configured key pair the
 * signature is recomputed with @smithy/signature-v4, the signer the SDK uses,
 * with the credential scope's service name and region, and compared (the
 * service's access-denied error on mismatch). The scope must name the
 * service's signing name and the served region, or the service's global
 * region (IAM and STS sign for us-east-1 whatever region is served).
 *
 * The canonical request is rebuilt from the raw, still-encoded path (the
 * signer encodes it a second time, as every non-S3 service expects) and from
 * exactly the headers the client listed in SignedHeaders.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { FaultErrors, SigningScope } from './service';

export interface SigV4Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface SignedRequest {
  readonly method: string;
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const SCOPE = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/** The credential scope of a SigV4 Authorization header (used for routing), or undefined. */
export function signingScope(authorization: string | undefined): SigningScope | undefined {
  const m = authorization ? SCOPE.exec(authorization) : null;
  return m ? { accessKeyId: m[1] ?? '', date: m[2] ?? '', region: m[3] ?? '', service: m[4] ?? '' } : undefined;
}

/** Temporary keys the sandbox issued (STS, the SSO portal): accepted by every service with their session token. */
export interface IssuedKeys {
  isIssuedKey(accessKeyId: string): boolean;
  check(
    accessKeyId: string,
    sessionToken: string | undefined,
    now: number,
  ): { readonly ok: true; readonly credential: { readonly secretAccessKey: string } } | { readonly ok: false; readonly code: 'InvalidClientTokenId' | 'ExpiredToken'; readonly message: string };
}

export interface SigningRules {
  /** The service name the scope must carry: `chime`, not the endpoint prefix `identity-chime`. */
  readonly signingName: string;
  /** Regions a scope may name: the served one, plus us-east-1 for global services. */
  readonly regions: readonly string[];
}

/**
 * Throws unless the request is signed (and, with `keys`, signed with those keys for this service and region).
 * A key the sandbox issued (`issued`) must come with its session token and be unexpired in every mode; with
 * `keys` set its signature is verified with the issued secret.
 */
export async function checkSignature(
  request: SignedRequest,
  keys: SigV4Keys | undefined,
  rules: SigningRules,
  errors: Pick<FaultErrors, 'denied' | 'unauthorized' | 'credentials'>,
  issued?: { readonly keys: IssuedKeys; readonly now: number },
): Promise<void> {
  const forbidden = errors.denied;
  const credentialError = (code: 'InvalidClientTokenId' | 'ExpiredToken' | 'SignatureDoesNotMatch', message: string) =>
    errors.credentials ? errors.credentials(code, message) : forbidden(message);
  const authorization = request.headers.authorization;
  if (!authorization) throw errors.unauthorized('Missing Authorization header: requests must be signed with SigV4');
  const scopeKey = signingScope(authorization)?.accessKeyId;
  let secret: string | undefined;
  if (issued && scopeKey && issued.keys.isIssuedKey(scopeKey)) {
    const check = issued.keys.check(scopeKey, headerValue(request.headers['x-amz-security-token']) || undefined, issued.now);
    if (!check.ok) throw credentialError(check.code, check.message);
    secret = check.credential.secretAccessKey;
  }
  if (!keys) return;
  const m = AUTH.exec(authorization);
  if (!m) throw forbidden('The Authorization header is not a SigV4 (AWS4-HMAC-SHA256) signature');
  const [, accessKeyId = '', , scopeRegion = '', scopeService, signedHeaders = '', signature = ''] = m;
  if (secret === undefined) {
    if (accessKeyId !== keys.accessKeyId) throw credentialError('InvalidClientTokenId', `The access key ID ${accessKeyId} is not known to this sandbox`);
    secret = keys.secretAccessKey;
  }
  if (scopeService !== rules.signingName) throw forbidden(`Credential should be scoped to correct service: '${rules.signingName}'`);
  if (!rules.regions.includes(scopeRegion)) throw forbidden(`Credential should be scoped to a valid region: '${rules.regions.join("' or '")}'`);
  const region = scopeRegion;
  const date = parseAmzDate(headerValue(request.headers['x-amz-date']));
  if (!date) throw forbidden('Missing or malformed X-Amz-Date header');

  const names = signedHeaders.split(';');
  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = headerValue(request.headers[name]);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(request.query.keys())) {
    const values = request.query.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: secret },
    region,
    service: rules.signingName,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const expected = await signer.sign(
    new HttpRequest({ method: request.method, path: request.rawPath, query, headers, body: request.body }),
    { signingDate: date, signableHeaders: new Set(names) },
  );
  const computed = /Signature=([0-9a-f]{64})/.exec(String(expected.headers['authorization']))?.[1] ?? '';
  if (!timingSafeEqual(Buffer.from(computed.padEnd(64)), Buffer.from(signature))) {
    throw credentialError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
  }
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}
