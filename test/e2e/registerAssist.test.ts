/// <reference lib="dom" />
/**
 * Issue 11, items 7, 13, 15 and 18 in Chromium through the harness: the
 * register form detects the platform first and switches Type in one click,
 * shows how to print a whole token for Xcode's shortened description, starts
 * from the last type and Pinpoint app of the AppInstance, and warns about a
 * device token already registered under another user, with a search across
 * the AppInstance. Screenshots under test-results/register-assist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2ESession } from './support/session';

const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90';
const DEVICE_TOKEN = '5ca1ab1e'.repeat(8);
const FCM = `e2eInstance:APA91b${'Q'.repeat(140)}`;

describe('register assist', () => {
  let s: E2ESession;
  beforeAll(async () => {
    s = await openSession({ spec: 'register-assist' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('platform first, remembered defaults, and one token under two users', async () => {
    const { page } = s;
    await expect.poll(() => page.getByRole('combobox', { name: 'Connection' }).inputValue()).toBe('sandbox');
    await page.getByRole('combobox', { name: 'App instance' }).selectOption({ label: 'Demo push app' });

    // 1. Bob registers a phone as APNS (App Store build), which the form explains.
    await page.getByRole('listitem', { name: 'Bob Builder' }).click();
    await page.getByRole('row', { name: "Bob's dev iPad (VoIP)" }).waitFor();
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    let form = page.getByRole('dialog', { name: 'Register endpoint' });
    await expect.poll(() => form.textContent()).toContain('For user Bob Builder (bob)');
    await form.getByLabel('Type').selectOption('APNS');
    await expect.poll(() => form.textContent()).toContain('APNS is for App Store and TestFlight builds');
    await form.getByLabel('Endpoint name').fill('Shared iPhone');

    // 2. An FCM token under APNS: named at once, never "Normalised to", Switch to GCM and back.
    await form.getByLabel('Device token', { exact: true }).fill(FCM);
    await form.getByRole('button', { name: 'Switch to GCM' }).waitFor();
    expect(await form.getByText(/Normalised to/).count()).toBe(0);
    await s.step('fcm token under APNS');
    await form.getByRole('button', { name: 'Switch to GCM' }).click();
    await expect.poll(() => form.getByLabel('Type').inputValue()).toBe('GCM');

    // 3. Xcode's shortened description: the lines that print the whole token.
    await form.getByLabel('Type').selectOption('APNS');
    await form.getByLabel('Device token', { exact: true }).fill('{length = 32, bytes = 0x5ca1ab1e 5ca1ab1e ... 5ca1ab1e 5ca1ab1e }');
    await form.getByRole('region', { name: 'Print the whole token' }).waitFor();
    expect(await form.getByText(/Normalised to/).count()).toBe(0);
    await s.step('xcode truncated description');

    await form.getByLabel('Device token', { exact: true }).fill(DEVICE_TOKEN);
    await form.getByLabel('Pinpoint app ARN').fill(PINPOINT);
    await form.getByRole('button', { name: 'Register' }).click();
    await page.getByRole('row', { name: 'Shared iPhone' }).waitFor();

    // 4. Carol: the form starts from APNS and the Pinpoint app last used on this AppInstance.
    await page.getByRole('listitem', { name: 'Carol Danvers' }).click();
    await page.getByRole('row', { name: "Carol's Galaxy" }).waitFor();
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    form = page.getByRole('dialog', { name: 'Register endpoint' });
    await expect.poll(() => form.getByLabel('Type').inputValue()).toBe('APNS');
    await expect.poll(() => form.getByLabel('Pinpoint app ARN').inputValue()).toBe(PINPOINT);
    await s.step('defaults remembered');

    // 5. Bob's token pasted for Carol: warned, and found again by a search across the AppInstance.
    await form.getByLabel('Device token', { exact: true }).fill(DEVICE_TOKEN.toUpperCase());
    const same = form.getByRole('list', { name: 'Same token under other users' });
    await expect.poll(() => same.textContent()).toContain('Bob Builder');
    await form.getByRole('button', { name: 'Search this token across the app instance' }).click();
    await expect.poll(() => form.getByText(/^Searched \d+ users: found under 1 user\.$/).count(), { timeout: 30_000 }).toBe(1);
    await s.step('token under another user');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });
});
