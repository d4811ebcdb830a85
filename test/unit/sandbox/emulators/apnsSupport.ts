/** A provider's side of APNs for the emulator tests: node:http2 with the sandbox CA trusted, JWTs made with jose. */
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { importPKCS8, SignJWT } from 'jose';

export interface ApnsAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: { reason?: string; timestamp?: number } | undefined;
}

export function connectApns(url: string, caPem: string, tls: { pfx?: Buffer; passphrase?: string } = {}): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const client = connect(url, { ca: caPem, ...tls });
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

export function send(
  client: ClientHttp2Session,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined = '{"aps":{"alert":{"title":"Hi","body":"There"}}}',
  method = 'POST',
): Promise<ApnsAnswer> {
  return new Promise((resolve, reject) => {
    const req = client.request({ ':method': method, ':path': path, ...headers });
    const chunks: Buffer[] = [];
    let responseHeaders: IncomingHttpHeaders = {};
    req.on('response', (h) => (responseHeaders = h));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(responseHeaders[':status']), headers: responseHeaders, body: text ? (JSON.parse(text) as ApnsAnswer['body']) : undefined });
    });
    req.on('error', reject);
    if (body !== undefined && method === 'POST') req.end(body);
    else req.end();
  });
}

/** A provider token as apns2/pushy make it: ES256, kid, iss = team, iat. */
export async function providerToken(p8: string, keyId: string, teamId: string, iatSeconds: number): Promise<string> {
  const key = await importPKCS8(p8, 'ES256');
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: keyId }).setIssuer(teamId).setIssuedAt(iatSeconds).sign(key);
}
