/** The doctor's pure rules: region, trust policy reading, token variants, the report helpers. */
import { describe, expect, it } from 'vitest';
import { buildAwsCliCommand } from '../../../src/shared/aws/cli';
import {
  appInstanceWhere,
  regionCheck,
  tokenCheck,
  voipTokenCheck,
  type EndpointRecord,
} from '../../../src/main/doctor/endpointChecks';
import {
  CHECK_NAMES,
  doctorExitCode,
  evaluateTrust,
  fixText,
  formatDoctorText,
  toDoctorJson,
  worstVerdict,
} from './imports';

const TARGET = { kind: 'profile' as const, profile: 'dev', region: 'eu-central-1' };
const USER = 'arn:aws:chime:us-east-1:111122223333:app-instance/abc/user/u1';
const endpoint = (over: Partial<EndpointRecord>): EndpointRecord => ({
  userArn: USER,
  endpointId: 'e1',
  type: 'APNS',
  resourceArn: 'arn:aws:mobiletargeting:us-east-1:111122223333:apps/0123456789abcdef0123456789abcdef',
  deviceToken: 'ab'.repeat(32),
  ...over,
});

describe('region', () => {
  it('reads region and account from the user ARN; Chime SDK messaging regions pass, others fail, a non-user ARN fails', () => {
    expect(appInstanceWhere(USER)).toEqual({ region: 'us-east-1', account: '111122223333' });
    expect(regionCheck(appInstanceWhere(USER)).verdict).toBe('pass');
    const west = regionCheck(appInstanceWhere(USER.replace('us-east-1', 'eu-west-1')));
    expect(west.verdict).toBe('fail');
    expect(west.detail).toBe(
      'The AppInstance is in eu-west-1; Amazon Chime SDK messaging runs in us-east-1 and eu-central-1 only.',
    );
    expect(regionCheck(appInstanceWhere('arn:aws:chime:us-east-1:111122223333:app-instance/abc')).verdict).toBe('fail');
  });
});

describe('trust policy', () => {
  const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
  const chime = { Service: 'messaging.chime.amazonaws.com' };

  it('accepts the documented trust, URL-encoded as GetRole answers it, and service lists and action wildcards', () => {
    expect(
      evaluateTrust(encodeURIComponent(doc({ Effect: 'Allow', Principal: chime, Action: 'sts:AssumeRole' }))),
    ).toEqual({ allowed: true });
    expect(
      evaluateTrust(
        doc({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', chime.Service] }, Action: ['sts:*'] }),
      ).allowed,
    ).toBe(true);
    // A single statement object instead of a list.
    expect(
      evaluateTrust(JSON.stringify({ Statement: { Effect: 'Allow', Principal: chime, Action: '*' } })).allowed,
    ).toBe(true);
  });

  it('refuses another principal, another action, a Deny, a missing or broken document', () => {
    expect(
      evaluateTrust(
        doc({ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      ),
    ).toMatchObject({ allowed: false, why: expect.stringMatching(/does not allow messaging\.chime/) });
    expect(evaluateTrust(doc({ Effect: 'Allow', Principal: chime, Action: 'sts:TagSession' })).allowed).toBe(false);
    expect(
      evaluateTrust(
        doc(
          { Effect: 'Allow', Principal: chime, Action: 'sts:AssumeRole' },
          { Effect: 'Deny', Principal: '*', Action: 'sts:*' },
        ),
      ),
    ).toMatchObject({ allowed: false, why: expect.stringMatching(/denies/) });
    expect(evaluateTrust(undefined).allowed).toBe(false);
    expect(evaluateTrust('%7Bnot json').allowed).toBe(false);
  });

  it('an Allow under conditions passes with a note that the doctor did not evaluate them', () => {
    const v = evaluateTrust(
      doc({
        Effect: 'Allow',
        Principal: chime,
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      }),
    );
    expect(v).toMatchObject({ allowed: true, note: expect.stringMatching(/conditions the doctor does not evaluate/) });
  });
});

describe('tokens', () => {
  it('an APNs token on a GCM endpoint suggests APNS_SANDBOX; spaces in an APNs token are named; junk gets the expected shape', () => {
    const gcm = tokenCheck(endpoint({ type: 'GCM' }), TARGET);
    expect(gcm.detail).toMatch(/looks like an APNs token/);
    expect(gcm.fix?.commands[1]).toContain('--type APNS_SANDBOX');
    expect(gcm.fix?.commands[1]).toContain('--profile dev --region eu-central-1');
    expect(tokenCheck(endpoint({ deviceToken: `<${'ab'.repeat(16)} ${'ab'.repeat(16)}>` }), TARGET).detail).toMatch(
      /not as APNs wants it/,
    );
    expect(tokenCheck(endpoint({ deviceToken: 'hello' }), TARGET).detail).toMatch(/64 hex characters/);
  });

  it('VoIP: a GCM endpoint never gets VoIP pushes (a Warning); a malformed VoIP token fails; a good one passes', () => {
    expect(voipTokenCheck(endpoint({ type: 'GCM', deviceToken: 'x' }), TARGET, true)?.verdict).toBe('warning');
    expect(voipTokenCheck(endpoint({ voipDeviceToken: 'nothex' }), TARGET, false)?.verdict).toBe('fail');
    expect(voipTokenCheck(endpoint({ voipDeviceToken: 'ef'.repeat(32) }), TARGET, true)?.verdict).toBe('pass');
    expect(voipTokenCheck(endpoint({}), TARGET, false)).toBeUndefined();
  });
});

describe('report', () => {
  it('worst verdict, and the JSON fix as the words then the commands', () => {
    expect(worstVerdict([{ verdict: 'pass' }, { verdict: 'warning' }])).toBe('warning');
    expect(worstVerdict([{ verdict: 'warning' }, { verdict: 'fail' }])).toBe('fail');
    expect(worstVerdict([])).toBe('pass');
    const fix = { text: 'Do this.', commands: ['aws a b', 'aws c d'] };
    expect(fixText(fix)).toBe('Do this.\naws a b\naws c d');
    const json = toDoctorJson({
      userArn: USER,
      endpoints: [
        { endpointId: 'e1', checks: [{ name: 'Allow messages', verdict: 'fail', detail: 'x', fix, uses: ['u'] }] },
      ],
    });
    expect(json).toEqual({
      schemaVersion: 1,
      endpoints: [
        {
          endpointId: 'e1',
          checks: [{ name: 'Allow messages', verdict: 'fail', detail: 'x', fix: 'Do this.\naws a b\naws c d' }],
        },
      ],
    });
  });

  it('the generic CLI builder: another service, structures as JSON, file:// values verbatim through --cli-input-json', () => {
    expect(
      buildAwsCliCommand('iam', 'PutRolePolicy', { RoleName: 'R', PolicyDocument: 'file://policy.json' }, TARGET),
    ).toBe(
      `aws iam put-role-policy --role-name R --cli-input-json '{"PolicyDocument":"file://policy.json"}' --profile dev --region eu-central-1`,
    );
    expect(
      buildAwsCliCommand(
        'pinpoint',
        'UpdateApnsSandboxChannel',
        { ApplicationId: 'a', APNSSandboxChannelRequest: { Enabled: true } },
        { kind: 'sandbox' },
      ),
    ).toBe(
      `aws pinpoint update-apns-sandbox-channel --application-id a --apns-sandbox-channel-request '{"Enabled":true}'`,
    );
  });
});

describe('command line helpers', () => {
  const report = (verdicts: ('pass' | 'warning' | 'fail')[]) => ({
    userArn: USER,
    channel: { arn: 'arn:c', how: 'tagged' as const },
    endpoints: [
      {
        endpointId: 'e1',
        name: 'Phone',
        checks: verdicts.map((verdict, i) => ({
          name: CHECK_NAMES[i] ?? 'Region',
          verdict,
          detail: `d${i}`,
          uses: [`Call${i} (svc:Call${i})`],
          ...(verdict === 'fail' && { fix: { text: 'Do it.', commands: ['aws x y'] } }),
        })),
      },
    ],
  });

  it('exit code: 1 on a Fail; on a Warning only with --fail-on warning', () => {
    expect(doctorExitCode(report(['pass', 'pass']))).toBe(0);
    expect(doctorExitCode(report(['pass', 'warning']))).toBe(0);
    expect(doctorExitCode(report(['pass', 'warning']), 'warning')).toBe(1);
    expect(doctorExitCode(report(['fail', 'pass']))).toBe(1);
  });

  it('text: the summary, the channel, one line per check with its word and calls, the fix below', () => {
    expect(formatDoctorText(report(['pass', 'fail']))).toBe(
      [
        `${USER}: 0 of 1 endpoint ready`,
        'Delivery preferences checked in the tagged test channel arn:c',
        '',
        'Endpoint e1 (Phone)',
        '  Pass     Endpoint state: d0 [Call0 (svc:Call0)]',
        '  Fail     Allow messages: d1 [Call1 (svc:Call1)]',
        '           Fix: Do it.',
        '             aws x y',
      ].join('\n'),
    );
  });
});
