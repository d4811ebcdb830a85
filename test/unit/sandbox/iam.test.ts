/** IAM through the real sandbox (startSandbox serving eu-west-1, IAM signed for us-east-1) and the real IAMClient. */
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  type EvaluationResult,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IamState, matchesIam, pushRoleAllows, pushRoleArn, PUSH_ROLE_NAME, seedPushRole } from '../../../src/main/sandbox/iam';
import { decodeQueryParams } from '../../../src/main/sandbox/protocols/query';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';

const ACCOUNT = '000000000000';
const CHIME_TRUST = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'messaging.chime.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const USER_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
});
const SEND_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:SendMessages', Resource: `arn:aws:mobiletargeting:*:${ACCOUNT}:apps/*/messages` }],
});
const APP_MESSAGES = `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/0123456789abcdef0123456789abcdef/messages`;

let state: IamState;
let server: RunningSandbox;
let iam: IAMClient;

async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; Code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  // The real sandbox serving eu-west-1; IAMClient signs for us-east-1 (IAM is global).
  server = await startSandbox({ port: 0, region: 'eu-west-1', now: () => Date.parse('2026-11-30T12:00:00Z') });
  iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'secret' }, maxAttempts: 1 });
});

afterAll(async () => {
  iam.destroy();
  await server.close();
});

beforeEach(() => {
  state = new IamState();
  server.account.iam = state;
});

describe('roles', () => {
  it('creates a role and answers it back as IAM does (ARN, id, URL-encoded trust policy, tags)', async () => {
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: CHIME_TRUST, Description: 'push', Tags: [{ Key: 'team', Value: 'mobile' }] }),
    );
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/${PUSH_ROLE_NAME}`);
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.CreateDate?.toISOString()).toBe('2026-11-30T12:00:00.000Z');

    const got = await iam.send(new GetRoleCommand({ RoleName: PUSH_ROLE_NAME }));
    // JS v3 hands the encoded text through (aws-sdk-js-v3#1945); IAM encodes RFC 3986.
    expect(got.Role?.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22%3A%222008-10-17%22/);
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? '')).toBe(CHIME_TRUST);
    expect(got.Role?.Description).toBe('push');
    expect(got.Role?.MaxSessionDuration).toBe(3600);
    expect(got.Role?.Path).toBe('/');
    expect(got.Role?.Tags).toEqual([{ Key: 'team', Value: 'mobile' }]);
  });

  it('puts the path into the ARN, and lists roles by path prefix in pages', async () => {
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'r1', Path: '/service-role/', AssumeRolePolicyDocument: USER_TRUST }));
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/service-role/r1`);
    await iam.send(new CreateRoleCommand({ RoleName: 'r0', AssumeRolePolicyDocument: USER_TRUST, Tags: [{ Key: 'a', Value: 'b' }] }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r2', Path: '/service-role/', AssumeRolePolicyDocument: USER_TRUST }));
    const first = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    expect(first.Roles?.map((r) => r.RoleName)).toEqual(['r0', 'r1']);
    expect(first.Roles?.[0]?.Tags).toBeUndefined();
    const rest = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(rest.Roles?.map((r) => r.RoleName)).toEqual(['r2']);
    expect(rest.IsTruncated).toBe(false);
    expect((await iam.send(new ListRolesCommand({ PathPrefix: '/service-role/' }))).Roles?.map((r) => r.RoleName)).toEqual(['r1', 'r2']);
    const foreign = await rejection(iam.send(new ListRolesCommand({ Marker: first.Marker, PathPrefix: '/service-role/' })));
    expect(foreign.name).toBe('ValidationError');
  });

  it('refuses a second role of the same name, ignoring case (409 EntityAlreadyExists)', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'Pusher', AssumeRolePolicyDocument: CHIME_TRUST }));
    const error = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'pusher', AssumeRolePolicyDocument: CHIME_TRUST })));
    expect(error.name).toBe('EntityAlreadyExistsException');
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error.message).toBe('Role with name pusher already exists.');
  });

  it('enforces model constraints as ValidationError (pattern, required, range)', async () => {
    const badName = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'has space', AssumeRolePolicyDocument: CHIME_TRUST })));
    expect(badName.name).toBe('ValidationError');
    expect(badName.$metadata.httpStatusCode).toBe(400);
    expect(badName.message).toContain("at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern");

    const long = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'r'.repeat(65), AssumeRolePolicyDocument: CHIME_TRUST })));
    expect(long.message).toBe(`1 validation error detected: Value '${'r'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`);

    const missing = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'x' } as never)));
    expect(missing.message).toBe("1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");

    const tooShort = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'x', AssumeRolePolicyDocument: CHIME_TRUST, MaxSessionDuration: 60 })));
    expect(tooShort.message).toContain("Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600");
    expect(state.roles.size).toBe(0);
  });

  it('refuses malformed trust policies (MalformedPolicyDocument)', async () => {
    const cases: [string, string][] = [
      ['{not json', 'Syntax errors in policy.'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }), 'Missing required field Principal'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] }), 'Has prohibited field Resource'],
      [JSON.stringify({ Statement: [{ Effect: 'Maybe', Principal: '*', Action: 'sts:AssumeRole' }] }), 'Invalid effect: Maybe'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'AssumeRole' }] }), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
    ];
    for (const [document, message] of cases) {
      const error = await rejection(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: document })));
      expect(error.name, document).toBe('MalformedPolicyDocumentException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(message);
    }
  });

  it('answers NoSuchEntity (404) for a role that does not exist', async () => {
    const error = await rejection(iam.send(new GetRoleCommand({ RoleName: 'ghost' })));
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe('The role with name ghost cannot be found.');
  });

  it('replaces the trust policy with UpdateAssumeRolePolicy, validating it', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: USER_TRUST }));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: CHIME_TRUST }));
    const got = await iam.send(new GetRoleCommand({ RoleName: 'r' }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? '')).toBe(CHIME_TRUST);
    const error = await rejection(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r', PolicyDocument: SEND_POLICY })));
    expect(error.name).toBe('MalformedPolicyDocumentException');
  });

  it('refuses to delete a role with policies (DeleteConflict) and deletes it once they are gone', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: CHIME_TRUST }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'send', PolicyDocument: SEND_POLICY }));
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'managed', PolicyDocument: SEND_POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: policy.Policy?.Arn }));

    const inline = await rejection(iam.send(new DeleteRoleCommand({ RoleName: 'r' })));
    expect(inline.name).toBe('DeleteConflictException');
    expect(inline.$metadata.httpStatusCode).toBe(409);
    expect(inline.message).toBe('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'send' }));
    const attached = await rejection(iam.send(new DeleteRoleCommand({ RoleName: 'r' })));
    expect(attached.message).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: policy.Policy?.Arn }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r' }));
    expect((await rejection(iam.send(new GetRoleCommand({ RoleName: 'r' })))).name).toBe('NoSuchEntityException');
  });
});

describe('inline role policies', () => {
  it('puts, gets (URL-encoded), lists in pages and deletes', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: CHIME_TRUST }));
    for (const name of ['c', 'a', 'b']) await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: name, PolicyDocument: SEND_POLICY }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'r', PolicyName: 'a' }));
    // RFC 3986: `*` is encoded too (encodeURIComponent would leave it).
    expect(got.PolicyDocument).toBe(encodeURIComponent(SEND_POLICY).replaceAll('*', '%2A'));
    expect(got.RoleName).toBe('r');

    const first = await iam.send(new ListRolePoliciesCommand({ RoleName: 'r', MaxItems: 2 }));
    expect(first.PolicyNames).toEqual(['a', 'b']);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListRolePoliciesCommand({ RoleName: 'r', MaxItems: 2, Marker: first.Marker }));
    expect(second.PolicyNames).toEqual(['c']);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();

    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'a' }));
    const gone = await rejection(iam.send(new GetRolePolicyCommand({ RoleName: 'r', PolicyName: 'a' })));
    expect(gone.name).toBe('NoSuchEntityException');
    expect(gone.message).toBe('The role policy with name a cannot be found.');
    expect((await rejection(iam.send(new DeleteRolePolicyCommand({ RoleName: 'r', PolicyName: 'a' })))).name).toBe('NoSuchEntityException');
  });

  it('refuses identity policies without resources or with a principal', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: CHIME_TRUST }));
    const noResource = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:SendMessages' }] });
    const e1 = await rejection(iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: noResource })));
    expect(e1.message).toBe('Policy statement must contain resources.');
    const e2 = await rejection(iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: CHIME_TRUST })));
    expect(e2.message).toBe('Policy document should not specify a principal.');
  });

  it('answers NoSuchEntity when the role is missing', async () => {
    const error = await rejection(iam.send(new PutRolePolicyCommand({ RoleName: 'ghost', PolicyName: 'p', PolicyDocument: SEND_POLICY })));
    expect(error.name).toBe('NoSuchEntityException');
  });
});

describe('managed policies', () => {
  it('creates, gets, reads version v1, lists in pages, attaches and detaches', async () => {
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'AmazonChimePushNotificationPolicy', PolicyDocument: SEND_POLICY, Path: '/push/' }));
    const arn = created.Policy?.Arn ?? '';
    expect(arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/push/AmazonChimePushNotificationPolicy`);
    expect(created.Policy?.DefaultVersionId).toBe('v1');
    expect(created.Policy?.PolicyId).toMatch(/^ANPA/);
    await iam.send(new CreatePolicyCommand({ PolicyName: 'other', PolicyDocument: SEND_POLICY }));

    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(decodeURIComponent(version.PolicyVersion?.Document ?? '')).toBe(SEND_POLICY);
    expect(version.PolicyVersion?.IsDefaultVersion).toBe(true);
    expect((await rejection(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })))).name).toBe('NoSuchEntityException');

    const dup = await rejection(iam.send(new CreatePolicyCommand({ PolicyName: 'other', PolicyDocument: SEND_POLICY })));
    expect(dup.name).toBe('EntityAlreadyExistsException');

    const page1 = await iam.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1 }));
    const page2 = await iam.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1, Marker: page1.Marker }));
    expect([...(page1.Policies ?? []), ...(page2.Policies ?? [])].map((p) => p.PolicyName)).toEqual(['AmazonChimePushNotificationPolicy', 'other']);
    expect(page2.IsTruncated).toBe(false);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))).Policies).toEqual([]);
    expect((await iam.send(new ListPoliciesCommand({ PathPrefix: '/push/' }))).Policies?.map((p) => p.PolicyName)).toEqual(['AmazonChimePushNotificationPolicy']);

    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: CHIME_TRUST }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn })); // idempotent
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(1);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AmazonChimePushNotificationPolicy', PolicyArn: arn }]);
    expect((await iam.send(new ListPoliciesCommand({ OnlyAttached: true }))).Policies?.map((p) => p.PolicyName)).toEqual(['AmazonChimePushNotificationPolicy']);

    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r' }))).AttachedPolicies).toEqual([]);
    const notAttached = await rejection(iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn })));
    expect(notAttached.name).toBe('NoSuchEntityException');

    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    const attachedConflict = await rejection(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(attachedConflict.name).toBe('DeleteConflictException');
    expect(attachedConflict.message).toBe('Cannot delete a policy attached to entities.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r', PolicyArn: arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect((await rejection(iam.send(new GetPolicyCommand({ PolicyArn: arn })))).name).toBe('NoSuchEntityException');
  });

  it('refuses unknown and invalid policy ARNs', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: CHIME_TRUST }));
    const missing = await rejection(iam.send(new AttachRolePolicyCommand({ RoleName: 'r', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/nope` })));
    expect(missing.name).toBe('NoSuchEntityException');
    expect(missing.message).toBe(`Policy arn:aws:iam::${ACCOUNT}:policy/nope does not exist or is not attachable.`);
    const invalid = await rejection(iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:s3:::not-a-policy-arn' })));
    expect(invalid.name).toBe('InvalidInputException');
    expect(invalid.$metadata.httpStatusCode).toBe(400);
  });
});

describe('SimulatePrincipalPolicy', () => {
  it('evaluates Allow, explicit Deny and implicit deny over inline and attached policies with wildcards', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: CHIME_TRUST }));
    await iam.send(new PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'send', PolicyDocument: SEND_POLICY }));
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'mobiletargeting:Delete*', Resource: '*' }, { Effect: 'Allow', Action: 'mobiletargeting:*', Resource: '*' }] });
    const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'guard', PolicyDocument: deny }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyArn: managed.Policy?.Arn }));

    const result = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: pushRoleArn(ACCOUNT),
        ActionNames: ['mobiletargeting:SendMessages', 'mobiletargeting:deleteapp', 'sns:Publish'],
        ResourceArns: [APP_MESSAGES],
      }),
    );
    const byAction: Record<string, EvaluationResult> = Object.fromEntries((result.EvaluationResults ?? []).map((r) => [r.EvalActionName, r]));
    expect(byAction['mobiletargeting:SendMessages']?.EvalDecision).toBe('allowed');
    expect(byAction['mobiletargeting:SendMessages']?.EvalResourceName).toBe(APP_MESSAGES);
    expect(byAction['mobiletargeting:SendMessages']?.MatchedStatements?.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([
      ['send', 'role'],
      ['guard', 'user-managed'],
    ]);
    expect(byAction['mobiletargeting:deleteapp']?.EvalDecision).toBe('explicitDeny');
    expect(byAction['sns:Publish']?.EvalDecision).toBe('implicitDeny');
    expect(byAction['sns:Publish']?.MatchedStatements).toEqual([]);
  });

  it('treats a resource the statements do not cover as an implicit deny, and reports condition keys it lacks', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: CHIME_TRUST }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'send', PolicyDocument: SEND_POLICY }));
    const conditional = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'cond', PolicyDocument: conditional }));
    const arn = `arn:aws:iam::${ACCOUNT}:role/r`;

    const other = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['mobiletargeting:SendMessages'], ResourceArns: ['arn:aws:sns:us-east-1:000000000000:t'] }));
    expect(other.EvaluationResults?.[0]?.EvalDecision).toBe('implicitDeny');

    const missing = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['mobiletargeting:GetApp'] }));
    expect(missing.EvaluationResults?.[0]?.EvalDecision).toBe('implicitDeny');
    expect(missing.EvaluationResults?.[0]?.MissingContextValues).toEqual(['aws:RequestedRegion']);

    const given = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['mobiletargeting:GetApp'],
        ContextEntries: [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['us-east-1'], ContextKeyType: 'string' }],
      }),
    );
    expect(given.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
  });

  it('answers NoSuchEntity for a role that does not exist and InvalidInput for a non-role ARN', async () => {
    const missing = await rejection(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/ghost`, ActionNames: ['sns:Publish'] })));
    expect(missing.name).toBe('NoSuchEntityException');
    const user = await rejection(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:s3:::bucket-name-long`, ActionNames: ['sns:Publish'] })));
    expect(user.name).toBe('InvalidInputException');
  });
});

describe('pushRoleAllows', () => {
  const arn = pushRoleArn(ACCOUNT);
  const untrusting = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

  it('walks missing → untrusted → not permitted → ok', async () => {
    expect(pushRoleAllows(state, arn)).toMatchObject({ ok: false, problem: 'missing' });

    await iam.send(new CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: untrusting }));
    expect(pushRoleAllows(state, arn)).toMatchObject({
      ok: false,
      problem: 'untrusted',
      reason: 'Unable to send messages. Please verify IAM Trust Relationships on ServiceRoleForAmazonChimePushNotification.',
    });

    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyDocument: CHIME_TRUST }));
    expect(pushRoleAllows(state, arn)).toMatchObject({
      ok: false,
      problem: 'not-permitted',
      reason: 'Unable to send messages. Please verify IAM Permissions Policy on ServiceRoleForAmazonChimePushNotification.',
    });

    await iam.send(new PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'send', PolicyDocument: SEND_POLICY }));
    expect(pushRoleAllows(state, arn)).toEqual({ ok: true });
    expect(pushRoleAllows(state, arn, { resourceArn: APP_MESSAGES })).toEqual({ ok: true });
    // The policy covers this account's apps only.
    expect(pushRoleAllows(state, arn, { resourceArn: 'arn:aws:mobiletargeting:us-east-1:111111111111:apps/x/messages' })).toMatchObject({ ok: false, problem: 'not-permitted' });
  });

  it('honours an explicit Deny and a trust condition on aws:SourceAccount', async () => {
    const conditioned = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { Service: 'messaging.chime.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } } }],
    });
    await iam.send(new CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: conditioned }));
    await iam.send(new PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'send', PolicyDocument: SEND_POLICY }));
    expect(pushRoleAllows(state, arn)).toMatchObject({ ok: false, problem: 'untrusted' });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyDocument: conditioned.replace('111111111111', ACCOUNT) }));
    expect(pushRoleAllows(state, arn)).toEqual({ ok: true });

    const deny = JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'mobiletargeting:*', Resource: '*' }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'deny', PolicyDocument: deny }));
    expect(pushRoleAllows(state, arn, { resourceArn: APP_MESSAGES })).toMatchObject({ ok: false, problem: 'not-permitted' });
    expect(pushRoleAllows(state, arn)).toMatchObject({ ok: false, problem: 'not-permitted' });
  });
});

describe('seedPushRole', () => {
  it('builds the guide\'s push role and each misconfiguration the doctor looks for', async () => {
    const arn = seedPushRole(state, { accountId: ACCOUNT, now: () => 0 });
    expect(arn).toBe(pushRoleArn(ACCOUNT));
    expect(pushRoleAllows(state, arn, { resourceArn: APP_MESSAGES })).toEqual({ ok: true });
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: PUSH_ROLE_NAME }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['AmazonChimePushNotificationPolicy']);

    const untrusted = seedPushRole(state, { accountId: ACCOUNT, now: () => 0, variant: 'untrusted', roleName: 'PushUntrusted' });
    expect(pushRoleAllows(state, untrusted)).toMatchObject({ ok: false, problem: 'untrusted' });
    const bare = seedPushRole(state, { accountId: ACCOUNT, now: () => 0, variant: 'no-permission', roleName: 'PushBare' });
    expect(pushRoleAllows(state, bare)).toMatchObject({ ok: false, problem: 'not-permitted' });
  });
});

describe('wire and state', () => {
  it('answers an unknown action with the query XML error (400 InvalidAction, Type Sender, RequestId)', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261130/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00' },
      body: 'Action=ListUsers&Version=2010-05-08',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/xml');
    const text = await response.text();
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><ErrorResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation ListUsers for version 2010-05-08<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it('writes a result in the query XML envelope, with timestamps in whole seconds', async () => {
    const body = new URLSearchParams({ Action: 'CreateRole', Version: '2010-05-08', RoleName: 'wire', AssumeRolePolicyDocument: CHIME_TRUST, 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261130/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00' },
      body: body.toString(),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><CreateRoleResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/"><CreateRoleResult><Role>/);
    expect(text).toContain('<CreateDate>2026-11-30T12:00:00Z</CreateDate>');
    expect(text).toContain('<Tags><member><Key>k</Key><Value>v</Value></member></Tags>');
    expect(text).toMatch(/<\/CreateRoleResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/CreateRoleResponse>$/);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('matches IAM requests by the credential scope, and by Version when unsigned', () => {
    const base = { method: 'POST', path: '/', query: new URLSearchParams(), body: 'Action=GetRole&Version=2010-05-08' };
    const signed = (service: string) => ({ ...base, headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `AWS4-HMAC-SHA256 Credential=AKID/20261130/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=ab` } });
    expect(matchesIam(signed('iam'))).toBe(true);
    expect(matchesIam(signed('sts'))).toBe(false);
    expect(matchesIam({ ...base, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).toBe(true);
    expect(matchesIam({ ...base, body: 'Action=GetCallerIdentity&Version=2011-06-15', headers: {} })).toBe(false);
    expect(matchesIam({ ...signed('iam'), method: 'GET' })).toBe(false);
  });

  it('decodes nested query lists and maps', () => {
    const params = new URLSearchParams('Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Value=2&A.member.1=x&M.entry.1.key=k&M.entry.1.value=v&Empty=');
    expect(decodeQueryParams(new Map(params))).toEqual({
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
      A: ['x'],
      M: { k: 'v' },
      Empty: '',
    });
  });

  it('round-trips the state through toJSON/fromJSON', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: CHIME_TRUST, Tags: [{ Key: 'a', Value: 'b' }] }));
    await iam.send(new PutRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'send', PolicyDocument: SEND_POLICY }));
    const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'm', PolicyDocument: SEND_POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyArn: managed.Policy?.Arn }));
    const before = await iam.send(new GetRoleCommand({ RoleName: PUSH_ROLE_NAME }));

    state = IamState.fromJSON(JSON.parse(JSON.stringify(state)));
    server.account.iam = state;
    const after = await iam.send(new GetRoleCommand({ RoleName: PUSH_ROLE_NAME }));
    expect(after.Role).toEqual(before.Role);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: PUSH_ROLE_NAME }))).PolicyNames).toEqual(['send']);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: PUSH_ROLE_NAME }))).AttachedPolicies?.[0]?.PolicyName).toBe('m');
    expect(pushRoleAllows(state, pushRoleArn(ACCOUNT))).toEqual({ ok: true });
    expect(() => IamState.fromJSON({ version: 2 })).toThrow();
  });
});
