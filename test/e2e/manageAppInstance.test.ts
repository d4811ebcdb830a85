/// <reference lib="dom" />
/**
 * Issue 6's flow in Chromium through the harness: create an AppInstance,
 * create a user, promote it to admin and demote it, set retention, add and
 * remove a tag, delete the user and the AppInstance. Screenshots of each step
 * go to test-results/manage-app-instance/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2ESession } from './support/session';

describe('manage app instance', () => {
  let s: E2ESession;
  beforeAll(async () => {
    s = await openSession({ spec: 'manage-app-instance' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('creates, administers and deletes an AppInstance', async () => {
    const { page } = s;
    const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'App instance' }).inputValue()).not.toBe('');

    // 1. Create an AppInstance from the list of app instances.
    await page.getByRole('button', { name: 'Manage app instance' }).click();
    await tab('App instances');
    const create = page.getByRole('form', { name: 'New app instance' });
    await create.getByLabel('Name', { exact: true }).fill('E2E push app');
    await create.getByLabel('Metadata', { exact: true }).fill('created by the end-to-end test');
    await s.step('create app instance form');
    await create.getByRole('button', { name: 'Create app instance' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'App instance' }).locator('option:checked').textContent()).toBe('E2E push app');
    await s.step('app instance created');

    // 2. Create a user.
    await tab('Users');
    const newUser = page.getByRole('form', { name: 'New user' });
    await newUser.getByLabel('User ID', { exact: true }).fill('e2e-user');
    await newUser.getByLabel('Name', { exact: true }).fill('E2E User');
    await newUser.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('listitem', { name: 'E2E User' }).waitFor();
    await s.step('user created');

    // 3. Promote to admin and demote.
    await page.getByRole('listitem', { name: 'E2E User' }).click();
    await tab('Admins');
    const promote = page.getByRole('form', { name: 'Promote to admin' });
    await expect.poll(() => promote.getByLabel('User or bot ARN').inputValue()).toContain('/user/e2e-user');
    await promote.getByRole('button', { name: 'Promote to admin' }).click();
    const adminRow = page.getByRole('row', { name: 'E2E User' });
    await adminRow.waitFor();
    await s.step('promoted to admin');
    await adminRow.getByRole('button', { name: 'Demote E2E User' }).click();
    await s.step('demote confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Demote' }).click();
    await expect.poll(() => page.getByRole('row', { name: 'E2E User' }).count()).toBe(0);

    // 4. Retention.
    await tab('Retention');
    await page.getByLabel('Retention days').fill('0');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect.poll(() => page.getByLabel('Retention days').getAttribute('aria-invalid')).toBe('true');
    await s.step('retention out of range refused');
    await page.getByLabel('Retention days').fill('30');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Retention' }).textContent()).toContain('30');
    await s.step('retention saved');

    // 5. Tags on the AppInstance: add one, remove it.
    await tab('Overview');
    await page.getByLabel('Tag key').fill('team');
    await page.getByLabel('Tag value').fill('mobile');
    await page.getByRole('button', { name: 'Add tag' }).click();
    const remove = page.getByRole('button', { name: 'Remove tag team' });
    await remove.waitFor();
    await s.step('tag added');
    await remove.click();
    await expect.poll(() => page.getByRole('button', { name: 'Remove tag team' }).count()).toBe(0);

    // 6. Delete the user, then the AppInstance, each with a confirmation naming what goes.
    await tab('Users');
    await page.getByRole('button', { name: 'Delete user' }).click();
    await s.step('delete user confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.getByRole('listitem', { name: 'E2E User' }).count()).toBe(0);
    await tab('Overview');
    await page.getByRole('button', { name: 'Delete app instance' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Type E2E push app to confirm' }).fill('E2E push app');
    await s.step('delete app instance confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'App instance' }).locator('option').allTextContents())
      .not.toContain('E2E push app');
    await s.step('app instance deleted');
  });
});
