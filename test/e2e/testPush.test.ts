/// <reference lib="dom" />
/**
 * Issue 13 in Chromium through the harness, at 1024x700 in dark mode: open
 * "Simulated devices", send a test push to a demo user and see "Sent" and the
 * notification on the user's simulated phone; create a simulated device,
 * register it with "Register this device", and register a second phone of the
 * development environment as production: a push reaches the first, and turns
 * the other INACTIVE without a click; the dialog says how many members the
 * shared test channel notifies, and a push through a channel of the user's
 * own; clean up removes the test channels, the sender and the simulated
 * devices the app created. Screenshots under test-results/test-push/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openSession, type E2ESession } from './support/session';

const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90';

async function sendTestPush(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Send test push' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send test push' });
  await dialog.getByRole('region', { name: 'What this push will use' }).waitFor();
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect
    .poll(() => dialog.getByRole('status').textContent(), { timeout: 10_000 })
    .toMatch(/^Sent, message id \S+/);
  return dialog;
}

async function createDevice(page: Page, region: Locator, name: string, platform: string): Promise<Locator> {
  await region.getByRole('button', { name: 'New simulated device' }).click();
  const form = region.getByRole('form', { name: 'New simulated device' });
  await form.getByLabel('Platform').selectOption(platform);
  await form.getByLabel('Device name').fill(name);
  await form.getByRole('button', { name: 'Create device' }).click();
  const device = region.getByRole('listitem', { name, exact: true });
  await device.waitFor();
  return device;
}

describe('send a test push', () => {
  let s: E2ESession;
  beforeAll(async () => {
    s = await openSession({ spec: 'test-push', viewport: { width: 1024, height: 700 } });
    await s.page.emulateMedia({ colorScheme: 'dark' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('sends to a demo user and the notification lands on the simulated phone', async () => {
    const { page } = s;
    await expect.poll(() => page.getByRole('combobox', { name: 'Connection' }).inputValue()).toBe('sandbox');
    await page.getByRole('combobox', { name: 'App instance' }).selectOption({ label: 'Demo push app' });
    await page.getByRole('listitem', { name: 'Alice Appleseed' }).click();
    await page.getByRole('row', { name: "Alice's iPhone" }).waitFor();

    await page.getByRole('button', { name: 'Simulated devices' }).click();
    const region = page.getByRole('region', { name: 'Simulated devices' });
    const phone = region.getByRole('listitem', { name: "Alice's iPhone", exact: true });
    await phone.waitFor();
    await s.step('simulated devices open');

    const dialog = await sendTestPush(page, 'Hello from the e2e test');
    // Alice is a member of the demo's test channel already: nothing is created.
    await expect
      .poll(() => dialog.getByRole('region', { name: 'What this push will use' }).textContent())
      .toContain('is already a member');
    await expect.poll(() => dialog.textContent()).toContain('This message would notify the user');
    // The demo's test channel has all the demo users in it: the dialog says so.
    await expect
      .poll(() => dialog.getByRole('note', { name: 'Who is notified' }).textContent())
      .toMatch(/A channel message notifies every member whose preference allows it: “Workbench push tests” has \d+ members/);
    await s.step('sent');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await phone.getByRole('listitem', { name: 'Hello from the e2e test' }).waitFor({ timeout: 10_000 });
    await phone.scrollIntoViewIfNeeded();
    await s.step('notification on the phone');
  });

  it('registers a new simulated device, and a wrong-environment endpoint turns INACTIVE after a push', async () => {
    const { page } = s;
    const region = page.getByRole('region', { name: 'Simulated devices' });

    // A development phone, registered as it is (APNS_SANDBOX) through "Register this device".
    const good = await createDevice(page, region, 'E2E dev iPhone', 'APNS_SANDBOX');
    await good.getByRole('button', { name: 'Register this device' }).click();
    let form = page.getByRole('dialog', { name: 'Register endpoint' });
    expect(await form.getByLabel('Endpoint name').inputValue()).toBe('E2E dev iPhone');
    expect(await form.getByLabel('Type').inputValue()).toBe('APNS_SANDBOX');
    expect(await form.getByLabel('Device token', { exact: true }).inputValue()).toMatch(/^[0-9a-f]{64}$/);
    await form.getByLabel('Pinpoint app ARN').fill(PINPOINT);
    await s.step('register form filled from the device');
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('row', { name: 'E2E dev iPhone' }).waitFor();

    // Another development phone registered as production (APNS): the wrong environment.
    const wrong = await createDevice(page, region, 'E2E wrong env iPhone', 'APNS_SANDBOX');
    await wrong.getByRole('button', { name: 'Register this device' }).click();
    form = page.getByRole('dialog', { name: 'Register endpoint' });
    await form.getByLabel('Type').selectOption('APNS');
    await form.getByLabel('Pinpoint app ARN').fill(PINPOINT);
    await form.getByRole('button', { name: 'Register', exact: true }).click();
    const wrongRow = page.getByRole('row', { name: 'E2E wrong env iPhone' });
    await wrongRow.waitFor();
    await expect.poll(() => wrongRow.textContent()).toContain('ACTIVE');

    const dialog = await sendTestPush(page, 'Two endpoints');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await good.getByRole('listitem', { name: 'Two endpoints' }).waitFor({ timeout: 10_000 });
    // No click: the watcher follows the user's endpoints after the send.
    await wrongRow.getByText('INACTIVE (INVALID_DEVICE_TOKEN)', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await wrong.getByRole('listitem', { name: 'Two endpoints' }).count()).toBe(0);
    // Each row says what happened to its last push.
    await expect
      .poll(() => page.getByRole('row', { name: 'E2E dev iPhone' }).textContent())
      .toMatch(/delivered \d\d:\d\d:\d\d/);
    await expect
      .poll(() => wrongRow.textContent())
      .toMatch(/failed \d\d:\d\d:\d\d: .*\(endpoint turned INACTIVE INVALID_DEVICE_TOKEN\)/);
    await s.step('one delivered, the wrong environment inactive');
    await good.scrollIntoViewIfNeeded();
    await s.step('the notification on the registered device');
  });

  it('sends through a channel of the user’s own, keeps the history and cleans up what the workbench created', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Send test push' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send test push' });
    await dialog.getByRole('note', { name: 'Who is notified' }).getByRole('button', { name: 'Use a channel of my own' }).click();
    await expect
      .poll(() => dialog.getByRole('region', { name: 'What this push will use' }).textContent())
      .toContain('whose only members are the sender (moderator) and');
    expect(await dialog.getByLabel('Channel', { exact: true }).inputValue()).toBe('own');
    await dialog.getByLabel('Title').fill('Only for Alice');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 10_000 })
      .toMatch(/^Sent, message id \S+ in the channel “Workbench push tests for alice” \(created the channel "Workbench push tests for alice"/);
    await expect
      .poll(() => dialog.getByLabel('Who is notified').textContent())
      .toContain('its only members are the sender and this user');
    await s.step('sent through a channel of my own');
    const history = dialog.getByRole('region', { name: 'Recent test pushes' });
    await expect.poll(() => history.textContent()).toContain('Two endpoints');
    expect(await history.textContent()).toContain('Hello from the e2e test');

    const cleanUp = dialog.getByRole('region', { name: 'Clean up' });
    await cleanUp.getByRole('button', { name: 'Clean up…' }).click();
    await expect.poll(() => cleanUp.textContent()).toContain('Will remove');
    const planned = (await cleanUp.textContent()) ?? '';
    expect(planned).toContain('the sender user workbench-push-sender');
    expect(planned).toContain('the simulated device "E2E dev iPhone" on the Local sandbox');
    expect(planned).toContain('the simulated device "E2E wrong env iPhone" on the Local sandbox');
    // The demo's own phones were not made by the app.
    expect(planned).not.toContain("Alice's iPhone");
    expect(planned.match(/the channel arn:/g)).toHaveLength(2);
    await cleanUp.scrollIntoViewIfNeeded();
    await s.step('clean up plan');
    await cleanUp.getByRole('button', { name: /^Remove/ }).click();
    await expect
      .poll(() => cleanUp.getByRole('status').textContent())
      .toMatch(/^Removed the channel .* the sender user workbench-push-sender; the simulated device "E2E dev iPhone" on the Local sandbox; the simulated device "E2E wrong env iPhone" on the Local sandbox\.$/);
    const devices = page.getByRole('region', { name: 'Simulated devices' });
    await expect.poll(() => devices.getByRole('listitem', { name: 'E2E dev iPhone', exact: true }).count()).toBe(0);
    expect(await devices.getByRole('listitem', { name: "Alice's iPhone", exact: true }).count()).toBe(1);
    // The next push would create them again, and says so first.
    await expect
      .poll(() => dialog.getByRole('region', { name: 'What this push will use' }).textContent())
      .toContain('Create the AppInstanceUser "workbench-push-sender"');
    await s.step('cleaned up');
  });
});
