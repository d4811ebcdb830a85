/// <reference lib="dom" />
/**
 * Issue 14's user flow in Chromium through the harness, at 1024x700 in dark
 * mode: on the demo user Hank (channel preferences NONE), "Check push
 * readiness" on his endpoint row shows "Delivery preferences" as Fail with
 * its fix; "Copy fix as AWS CLI" says Copied and the clipboard holds the
 * command; the same call the command makes, sent through the SDK, fixes it,
 * and the re-run shows Pass and the endpoint ready. Screenshots under
 * test-results/doctor/.
 */
import { ChimeSDKMessagingClient, PutChannelMembershipPreferencesCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/main/sandbox';
import { openSession, type E2ESession } from './support/session';

const ROW = "Hank's iPhone (notifications off)";

/** An option's value in a copied command (`--channel-arn X`), quotes removed. */
function option(command: string, name: string): string {
  const match = new RegExp(`--${name}[ =]+('[^']*'|"[^"]*"|\\S+)`).exec(command);
  expect(match, `--${name} in ${command}`).not.toBeNull();
  return match![1]!.replace(/^['"]|['"]$/g, '');
}

describe('push readiness (the doctor)', () => {
  let s: E2ESession;
  beforeAll(async () => {
    s = await openSession({ spec: 'doctor', viewport: { width: 1024, height: 700 } });
    await s.page.emulateMedia({ colorScheme: 'dark' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('finds Hank\'s muted membership, copies the fix, and passes once it is applied', async () => {
    const { page } = s;
    await expect.poll(() => page.getByRole('combobox', { name: 'Connection' }).inputValue()).toBe('sandbox');
    await page.getByRole('combobox', { name: 'App instance' }).selectOption({ label: 'Demo push app' });
    await page.getByRole('searchbox', { name: 'Search users' }).fill('hank');
    await page.getByRole('listitem', { name: 'Hank Hill' }).click();
    const row = page.getByRole('row', { name: ROW });
    await row.waitFor();
    await s.step('hank selected');

    // 1. The row's button opens the region; the checks arrive with their verdicts.
    await row.getByRole('button', { name: 'Check push readiness' }).click();
    const region = page.getByRole('region', { name: 'Push readiness' });
    await region.getByText('0 of 1 endpoint ready').waitFor();
    const preferences = region.getByRole('listitem').filter({ hasText: 'Delivery preferences' });
    await expect.poll(() => preferences.textContent()).toMatch(/^Fail/);
    expect(await preferences.textContent()).toContain('Fix:');
    // Every other check passes: the muted membership is Hank's one problem.
    const verdicts = await region.getByRole('listitem').evaluateAll((items) => items.map((i) => i.textContent ?? ''));
    expect(verdicts.filter((t) => t.startsWith('Fail'))).toHaveLength(1);
    await preferences.scrollIntoViewIfNeeded();
    await s.step('delivery preferences fail');

    // 2. Copy the fix: the app's "Copied", and the command in the clipboard.
    await preferences.getByRole('button', { name: 'Copy fix as AWS CLI' }).click();
    await preferences.getByText('Copied').waitFor();
    await s.step('fix copied');
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toMatch(/^aws chime-sdk-messaging put-channel-membership-preferences /);
    expect(command).toContain(`--endpoint-url ${s.harness.services.sandboxUrl}`);
    expect(command).toContain('--region us-east-1');
    expect(command).toContain('AllowNotifications');
    expect(command).toContain('ALL');
    const channelArn = option(command, 'channel-arn');
    const memberArn = option(command, 'member-arn');
    expect(memberArn).toMatch(/\/user\/hank$/);
    expect(option(command, 'chime-bearer')).toBe(memberArn);

    // 3. Apply it through the SDK (the call the copied command makes; the AWS CLI may not be installed here).
    const messaging = new ChimeSDKMessagingClient({
      region: 'us-east-1',
      endpoint: s.harness.services.sandboxUrl,
      credentials: SANDBOX_CREDENTIALS,
    });
    await messaging.send(
      new PutChannelMembershipPreferencesCommand({
        ChannelArn: channelArn,
        MemberArn: memberArn,
        ChimeBearer: memberArn,
        Preferences: { PushNotifications: { AllowNotifications: 'ALL' } },
      }),
    );
    messaging.destroy();

    // 4. The re-run passes.
    await region.getByRole('button', { name: 'Re-run' }).click();
    await region.getByText('1 of 1 endpoint ready').waitFor();
    await expect.poll(() => preferences.textContent()).toMatch(/^Pass/);
    await region.getByRole('heading', { name: 'Push readiness' }).scrollIntoViewIfNeeded();
    await s.step('re-run passes');

    // 5. The VoIP toggle re-runs asking about VoIP: Hank's endpoint has no VoIP token.
    await region.getByRole('switch', { name: 'VoIP' }).check();
    const voipToken = region.getByRole('listitem').filter({ hasText: 'VoIP device token' });
    await expect.poll(() => voipToken.textContent()).toMatch(/^(Fail|Warning)/);
    await s.step('voip toggle');
  });
});
