/** The doctor against the sandbox with the real SDK clients: delivery preferences, and AWS errors as verdicts. */
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import { describe, expect, it } from 'vitest';
import { runDoctor } from './imports';
import { check, checksOf, doctor, TARGET, useBench } from './harness';
import { story, type Story } from './support';

const bench = useBench();

describe('delivery preferences', () => {
  const prefs = (s: Story, PushNotifications: msg.PushNotificationPreferences) =>
    bench().clients.messaging.send(
      new msg.PutChannelMembershipPreferencesCommand({
        ChannelArn: s.channelArn,
        MemberArn: s.userArn,
        ChimeBearer: s.userArn,
        Preferences: { PushNotifications },
      }),
    );

  it('NONE in the tagged test channel: Fail naming the channel, with put-channel-membership-preferences', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    await prefs(s, { AllowNotifications: 'NONE' });
    const c = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Delivery preferences');
    expect(c.verdict).toBe('fail');
    expect(c.detail).toContain(`the test channel ${s.channelArn} (tagged workbench:purpose=push-test)`);
    expect(c.fix?.commands[0]).toBe(
      `aws chime-sdk-messaging put-channel-membership-preferences --channel-arn ${s.channelArn} --member-arn ${s.userArn} --chime-bearer ${s.userArn} --preferences '{"PushNotifications":{"AllowNotifications":"ALL"}}' --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
  });

  it('FILTERED: the shared evaluator judges the given message attributes', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    await prefs(s, { AllowNotifications: 'FILTERED', FilterRule: JSON.stringify({ mention: ['phone-owner'] }) });
    const matching = check(
      await checksOf(bench(), {
        userArn: s.userArn,
        endpointId,
        messageAttributes: { mention: { StringValues: ['phone-owner'] } },
      }),
      'Delivery preferences',
    );
    expect(matching).toMatchObject({ verdict: 'pass' });
    expect(matching.detail).toMatch(/FilterRule matches the message attributes/);
    const other = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Delivery preferences');
    expect(other.verdict).toBe('fail');
    expect(other.detail).toMatch(/a message without attributes does not notify the user: FilterRule does not match/);
  });

  it('a given channel is used and named; no tagged channel and none given is a Warning', async () => {
    const s = await story(bench(), { tagged: false });
    const endpointId = await s.register({});
    const untagged = check(await checksOf(bench(), { userArn: s.userArn, endpointId }), 'Delivery preferences');
    expect(untagged.verdict).toBe('warning');
    expect(untagged.detail).toMatch(/member of no channel tagged workbench:purpose=push-test/);
    const report = await doctor(bench(), { userArn: s.userArn, endpointId, channelArn: s.channelArn });
    expect(report.channel).toEqual({ arn: s.channelArn, how: 'given' });
    expect(report.endpoints[0]?.checks.find((c) => c.name === 'Delivery preferences')).toMatchObject({
      verdict: 'pass',
      detail: expect.stringContaining(`the channel ${s.channelArn}`),
    });
  });
});

describe('delivery preferences: membership', () => {
  it('a given channel the user is not a member of: Fail with create-channel-membership', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    const other = await bench().clients.messaging.send(
      new msg.CreateChannelCommand({
        AppInstanceArn: s.appInstanceArn,
        Name: 'Elsewhere',
        Mode: 'RESTRICTED',
        Privacy: 'PRIVATE',
        ChimeBearer: s.senderArn,
        ClientRequestToken: 'elsewhere-1',
      }),
    );
    const c = check(
      await checksOf(bench(), { userArn: s.userArn, endpointId, channelArn: other.ChannelArn }),
      'Delivery preferences',
    );
    expect(c).toMatchObject({
      verdict: 'fail',
      detail: `The user is not a member of the channel ${other.ChannelArn}: pushes for messages sent there never reach them.`,
    });
    expect(c.fix?.commands[0]).toBe(
      `aws chime-sdk-messaging create-channel-membership --channel-arn ${other.ChannelArn} --member-arn ${s.userArn} --type DEFAULT --chime-bearer MODERATOR_OR_ADMIN_ARN --region us-east-1 --endpoint-url http://127.0.0.1:4566`,
    );
    // Applying it (as the channel's creator, a moderator) makes the check pass.
    await bench().clients.messaging.send(
      new msg.CreateChannelMembershipCommand({
        ChannelArn: other.ChannelArn,
        MemberArn: s.userArn,
        Type: 'DEFAULT',
        ChimeBearer: s.senderArn,
      }),
    );
    expect(
      check(
        await checksOf(bench(), { userArn: s.userArn, endpointId, channelArn: other.ChannelArn }),
        'Delivery preferences',
      ).verdict,
    ).toBe('pass');
  });

  it('deny=chime:GetChannelMembershipPreferences on a channel the user is in: a Warning, not a Fail', async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    bench().faults('deny=chime:GetChannelMembershipPreferences');
    const c = check(
      await checksOf(bench(), { userArn: s.userArn, endpointId, channelArn: s.channelArn }),
      'Delivery preferences',
    );
    expect(c.verdict).toBe('warning');
    expect(c.detail).toMatch(/^couldn't check: needs `chime:GetChannelMembershipPreferences`/);
  });
});

describe('AWS errors are verdicts, never crashes', () => {
  it("throttling on every call (after the client's retries): Warnings saying so; the listing failure alone is a Result error", async () => {
    const s = await story(bench());
    const endpointId = await s.register({});
    bench().faults('throttle=1');
    const checks = await checksOf(bench(), { userArn: s.userArn, endpointId });
    expect(check(checks, 'Endpoint state')).toMatchObject({ verdict: 'warning' });
    expect(check(checks, 'Endpoint state').detail).toMatch(
      /^couldn't check: DescribeAppInstanceUserEndpoint failed \(ThrottledClientException: .*\); this may pass if you run the doctor again\.$/,
    );
    expect(check(checks, 'Delivery preferences').verdict).toBe('warning');
    expect([...checks.values()].some((c) => c.verdict === 'fail')).toBe(false);
    const whole = await runDoctor({ userArn: s.userArn }, { clients: bench().clients, cliTarget: TARGET });
    expect(whole).toMatchObject({ ok: false, error: { code: 'ThrottledClientException', retryable: true } });
  });
});

describe('cancelling', () => {
  it('an aborted run answers a Cancelled error value, without throwing', async () => {
    const s = await story(bench());
    await s.register({});
    const controller = new AbortController();
    controller.abort();
    const result = await runDoctor({ userArn: s.userArn }, { clients: bench().clients, cliTarget: TARGET, signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
  });
});
