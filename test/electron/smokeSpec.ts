/**
 * The smoke flow shared by `npm run test:electron` (the real app, launched by
 * Playwright's Electron support) and test/e2e/smoke.test.ts (the same steps
 * in Chromium through the browser harness, so they can fail on machines
 * without Electron): first launch lands on the Local sandbox, then an
 * endpoint is registered and deregistered by the accessible names of the
 * DESIGN contract. Throws on the first step that does not hold.
 */
import type { Page } from 'playwright-core';

const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90';
const DEVICE_TOKEN = '5a0ce0ff'.repeat(8);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function firstLaunchOnSandbox(page: Page): Promise<void> {
  const connection = page.getByRole('combobox', { name: 'Connection' });
  await connection.waitFor();
  await until('the Connection combobox to show "Local sandbox"', async () => (await connection.locator('option:checked').textContent())?.trim() === 'Local sandbox');
}

export async function registerAndDeregister(page: Page, endpointName = 'Smoke iPhone'): Promise<void> {
  await page.getByRole('combobox', { name: 'App instance' }).selectOption({ label: 'Demo push app' });
  await page.getByRole('searchbox', { name: 'Search users' }).fill('bob');
  await page.getByRole('listitem', { name: 'Bob Builder' }).click();

  await page.getByRole('button', { name: 'Register endpoint' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Endpoint name').fill(endpointName);
  await form.getByLabel('Type').selectOption('APNS_SANDBOX');
  await form.getByLabel('Device token', { exact: true }).fill(DEVICE_TOKEN);
  await form.getByLabel('Pinpoint app ARN').fill(PINPOINT);
  await form.getByRole('button', { name: 'Register' }).click();

  const row = page.getByRole('row', { name: endpointName });
  await row.waitFor();
  await until(`row "${endpointName}" to show ACTIVE`, async () => ((await row.textContent()) ?? '').includes('ACTIVE'));
  const allow = row.getByRole('switch', { name: 'Allow messages' }).or(row.getByRole('checkbox', { name: 'Allow messages' }));
  await until('the Allow messages switch to be on', () => allow.isChecked());

  await row.getByRole('button', { name: 'Deregister' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deregister' }).click();
  await until(`row "${endpointName}" to disappear`, async () => (await page.getByRole('row', { name: endpointName }).count()) === 0);
}
