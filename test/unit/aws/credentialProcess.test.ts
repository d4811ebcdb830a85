/**
 * Issue 10, defect 1: a failing credential_process must not leak its stderr
 * (or its command line) into the error that whoami, every AWS call, the
 * activity log and its export carry. The error names the profile and the
 * kind of failure.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialsProvider } from '../../../src/main/aws/credentials';
import { parseProcessOutput } from '../../../src/main/aws/credentialProcess';
import { WorkbenchFailure } from '../../../src/shared/errors';
import { toWorkbenchError } from '../../../src/main/aws/errors';
import { WorkbenchCodes, type WorkbenchError } from '../../../src/shared/errors';
import { envFor, makeAwsHome, type AwsHome } from './support/awsHome';

const STDERR_SECRET = 'HELPER-STDERR-SECRET-do-not-leak';
const ARG_SECRET = 'HELPER-ARG-SECRET-do-not-leak';

let home: AwsHome;
beforeAll(async () => {
  const script = (name: string, body: string) => {
    const file = join(home.home, name);
    return writeFile(file, body).then(() => `"${process.execPath}" "${file}"`);
  };
  home = await makeAwsHome({});
  const exits = await script('exits.cjs', `process.stderr.write('debug: token=${STDERR_SECRET}\\n'); process.exit(3);`);
  const garbage = await script('garbage.cjs', `process.stdout.write('not json ${STDERR_SECRET}'); process.stderr.write('${STDERR_SECRET}');`);
  const slow = await script('slow.cjs', `setTimeout(() => {}, 10_000);`);
  const good = await script('good.cjs', `process.stdout.write(JSON.stringify({Version:1,AccessKeyId:'AKIAPROC',SecretAccessKey:'s'}));`);
  await writeFile(
    home.configFile,
    [
      `[profile exits]\ncredential_process = ${exits} --token ${ARG_SECRET}`,
      `[profile garbage]\ncredential_process = ${garbage}`,
      `[profile slow]\ncredential_process = ${slow}`,
      `[profile good]\ncredential_process = ${good}`,
      `[profile chained]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = exits`,
    ].join('\n'),
  );
});
afterAll(() => home.remove());

async function failureOf(profile: string, extra: { processTimeoutMs?: number } = {}): Promise<WorkbenchError> {
  const thrown = await createCredentialsProvider({ env: envFor(home), homeDir: home.home, region: 'us-east-1', profile, ...extra })().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(WorkbenchFailure);
  return (thrown as WorkbenchFailure).error;
}

function expectClean(error: WorkbenchError): void {
  const json = JSON.stringify(error);
  expect(json).not.toContain(STDERR_SECRET);
  expect(json).not.toContain(ARG_SECRET);
  expect(error.code).toBe(WorkbenchCodes.CredentialsUnavailable);
}

describe('credential_process failures', () => {
  it('names the profile and the exit code, never the stderr or the command line', async () => {
    const error = await failureOf('exits');
    expectClean(error);
    expect(error.message).toContain('profile "exits"');
    expect(error.message).toContain('exited with code 3');
  });

  it('says "not valid JSON" without echoing what was printed', async () => {
    const error = await failureOf('garbage');
    expectClean(error);
    expect(error.message).toContain('not valid JSON');
  });

  it('stops a helper that does not answer and says so', async () => {
    const error = await failureOf('slow', { processTimeoutMs: 300 });
    expectClean(error);
    expect(error.message).toMatch(/did not answer within/);
  });

  it('keeps the helper output out of a source_profile chain failure too', async () => {
    const error = await failureOf('chained');
    expectClean(error);
    expect(error.message).toContain('credential_process');
  });

  it('still resolves a working helper', async () => {
    const creds = await createCredentialsProvider({ env: envFor(home), homeDir: home.home, profile: 'good' })();
    expect(creds).toMatchObject({ accessKeyId: 'AKIAPROC', secretAccessKey: 's' });
  });

  it('validates the helper JSON as the SDK does', () => {
    expect(() => parseProcessOutput('p', '{"Version":2}')).toThrow(/Version/);
    expect(() => parseProcessOutput('p', '{"Version":1,"AccessKeyId":"a"}')).toThrow(/SecretAccessKey/);
    expect(() => parseProcessOutput('p', '{"Version":1,"AccessKeyId":"a","SecretAccessKey":"b","Expiration":"2000-01-01T00:00:00Z"}')).toThrow(/expired/);
  });

  it('maps the SDK\'s own "Command failed" message without its output', () => {
    const sdk = Object.assign(new Error(`Command failed: fetch --token ${ARG_SECRET}\n${STDERR_SECRET}`), { name: 'CredentialsProviderError' });
    expectClean(toWorkbenchError(sdk, { profile: 'x' }));
  });
});

describe('secrets in outside text', () => {
  it('masks credential-shaped text in any mapped error message', async () => {
    const { redactSecrets } = await import('../../../src/main/aws/errors');
    const leaky = [
      'failed with AKIAABCDEFGHIJKLMNOP and ASIAZZZZZZZZZZZZZZZZ',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'url https://x.example/cb?token=abcdef123456&x=1',
      'password: "hunter2-long"',
      'Authorization: Bearer abcdefghijklmnop.qrs',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.signature-part',
    ];
    for (const text of leaky) {
      const out = redactSecrets(text);
      for (const secret of ['ABCDEFGHIJKLMNOP', 'ZZZZZZZZZZZZZZZZ', 'wJalrXUtnFEMI', 'abcdef123456', 'hunter2-long', 'abcdefghijklmnop', 'eyJzdWIi']) {
        expect(out, text).not.toContain(secret);
      }
    }
    expect(redactSecrets('ConflictException: The request could not be processed')).toBe('ConflictException: The request could not be processed');
    const mapped = toWorkbenchError(Object.assign(new Error('boom token=SECRETSECRET'), { name: 'Weird' }));
    expect(mapped.message).not.toContain('SECRETSECRET');
  });
});
