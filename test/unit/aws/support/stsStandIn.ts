/**
 * A loopback stand-in for AWS STS (Query protocol, XML answers): AssumeRole
 * and GetCallerIdentity, enough for the SDK's own role assumer and for
 * "Who am I". It records each request so tests can see MFA codes and keys.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsRequest {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  /** The access key id from the SigV4 Authorization header. */
  readonly accessKeyId: string | undefined;
}

export interface StsStandIn {
  readonly url: string;
  readonly requests: StsRequest[];
  /** Issued session credentials expire this long after issue (default 1 hour). */
  sessionSeconds: number;
  /** When set, AssumeRole refuses any other TokenCode. */
  expectedMfaCode: string | undefined;
  close(): Promise<void>;
}

let issued = 0;

export async function startStsStandIn(): Promise<StsStandIn> {
  const requests: StsRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const accessKeyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
      const action = params.Action ?? '';
      requests.push({ action, params, accessKeyId });
      const reply = answer(action, params, accessKeyId, standIn);
      res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': `sts-${requests.length}` });
      res.end(reply.xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const standIn: StsStandIn = {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessionSeconds: 3600,
    expectedMfaCode: undefined,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standIn;
}

function answer(action: string, p: Record<string, string>, accessKeyId: string | undefined, sts: StsStandIn) {
  const ns = 'https://sts.amazonaws.com/doc/2011-06-15/';
  if (action === 'AssumeRole') {
    if (sts.expectedMfaCode !== undefined && p.TokenCode !== sts.expectedMfaCode) {
      const error = '<Type>Sender</Type><Code>AccessDenied</Code><Message>MultiFactorAuthentication failed with invalid MFA one time pass code.</Message>';
      return { status: 403, xml: `<ErrorResponse xmlns="${ns}"><Error>${error}</Error><RequestId>denied</RequestId></ErrorResponse>` };
    }
    issued++;
    const expiration = new Date(Date.now() + sts.sessionSeconds * 1000).toISOString();
    const session = (p.RoleSessionName ?? 'session').replace(/[^\w-]/g, '');
    const xml =
      `<AssumeRoleResponse xmlns="${ns}"><AssumeRoleResult><Credentials>` +
      `<AccessKeyId>ASIAROLE${issued}</AccessKeyId><SecretAccessKey>role-secret-${issued}</SecretAccessKey>` +
      `<SessionToken>role-session-token-${issued}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
      `<AssumedRoleUser><Arn>${(p.RoleArn ?? '').replace(':iam:', ':sts:').replace(':role/', ':assumed-role/')}/${session}</Arn>` +
      `<AssumedRoleId>AROAEXAMPLE:${session}</AssumedRoleId></AssumedRoleUser>` +
      `</AssumeRoleResult><ResponseMetadata><RequestId>assume-${issued}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
    return { status: 200, xml };
  }
  if (action === 'GetCallerIdentity') {
    const xml =
      `<GetCallerIdentityResponse xmlns="${ns}"><GetCallerIdentityResult>` +
      `<Arn>arn:aws:iam::123456789012:user/${accessKeyId ?? 'anonymous'}</Arn><UserId>AIDA${accessKeyId ?? ''}</UserId>` +
      `<Account>123456789012</Account></GetCallerIdentityResult>` +
      `<ResponseMetadata><RequestId>whoami</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    return { status: 200, xml };
  }
  return { status: 400, xml: `<ErrorResponse xmlns="${ns}"><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></ErrorResponse>` };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
