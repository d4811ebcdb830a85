/// <reference lib="dom" />
/**
 * Issue 4's user flow in Chromium through the harness: Local sandbox, pick
 * the AppInstance and a user, register an APNS_SANDBOX endpoint with a VoIP
 * token, toggle AllowMessages, see the form refuse a bad token, force an
 * INACTIVE state through the sandbox control route, deregister, copy a CLI
 * command. Each step leaves a screenshot under test-results/endpoint-workbench/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2ESession } from './support/session';

const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90';
const DEVICE_TOKEN = '7c0ffee1'.repeat(8);
const VOIP_TOKEN = 'b1ee9a11'.repeat(8);

/** Looks the endpoint up through main's own API, as the renderer would. */
async function findEndpoint(s: E2ESession, userId: string, name: string) {
  const api = (channel: string, input: unknown) => s.harness.services.dispatcher.dispatch(channel, input, true);
  const instances = await api('chime:ListAppInstances', {});
  const appInstanceArn = (instances as { ok: true; value: { AppInstances: { AppInstanceArn: string }[] } }).value.AppInstances[0]!.AppInstanceArn;
  const userArn = `${appInstanceArn}/user/${userId}`;
  const listed = (await api('chime:ListAppInstanceUserEndpoints', { AppInstanceUserArn: userArn })) as {
    ok: true;
    value: { AppInstanceUserEndpoints: { EndpointId: string; Name: string }[] };
  };
  const endpoint = listed.value.AppInstanceUserEndpoints.find((e) => e.Name === name);
  expect(endpoint, `endpoint ${name}`).toBeDefined();
  return { userArn, endpointId: endpoint!.EndpointId };
}

describe('endpoint workbench', () => {
  let s: E2ESession;
  beforeAll(async () => {
    s = await openSession({ spec: 'endpoint-workbench' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('runs the daily endpoint flow', async () => {
    const { page } = s;

    // 1. First launch lands on the Local sandbox with the demo AppInstance chosen.
    await expect.poll(() => page.getByRole('combobox', { name: 'Connection' }).inputValue()).toBe('sandbox');
    await page.getByRole('combobox', { name: 'App instance' }).selectOption({ label: 'Demo push app' });
    await page.getByRole('listitem', { name: 'Bob Builder' }).waitFor();
    await s.step('sandbox and app instance');

    // 2. Search and pick a user.
    await page.getByRole('searchbox', { name: 'Search users' }).fill('bob');
    await expect.poll(() => page.getByRole('listitem').count()).toBe(1);
    await page.getByRole('listitem', { name: 'Bob Builder' }).click();
    await page.getByRole('row', { name: "Bob's dev iPad (VoIP)" }).waitFor();
    await s.step('user selected');

    // 3. Register an APNS_SANDBOX endpoint with a VoIP token.
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Endpoint name').fill('E2E iPhone');
    await form.getByLabel('Type').selectOption('APNS_SANDBOX');
    await form.getByLabel('Device token', { exact: true }).fill(`<${DEVICE_TOKEN.slice(0, 8)} ${DEVICE_TOKEN.slice(8)}>`);
    await form.getByLabel('VoIP device token').fill(VOIP_TOKEN);
    await form.getByLabel('Pinpoint app ARN').fill(PINPOINT);
    await s.step('register form filled');
    await form.getByRole('button', { name: 'Register' }).click();
    const row = page.getByRole('row', { name: 'E2E iPhone' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('ACTIVE');
    await s.step('registered and active');

    // 4. AllowMessages off and on again.
    const allow = row.getByRole('switch', { name: 'Allow messages' }).or(row.getByRole('checkbox', { name: 'Allow messages' }));
    await expect.poll(() => allow.isChecked()).toBe(true);
    await allow.click();
    await expect.poll(() => allow.isChecked()).toBe(false);
    await s.step('allow messages off');
    await allow.click();
    await expect.poll(() => allow.isChecked()).toBe(true);

    // 5. A bad token is refused before anything is sent.
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const bad = page.getByRole('dialog');
    await bad.getByLabel('Endpoint name').fill('Bad token');
    await bad.getByLabel('Type').selectOption('APNS');
    await bad.getByLabel('Device token', { exact: true }).fill('not-a-token!');
    await bad.getByLabel('Pinpoint app ARN').fill(PINPOINT);
    await bad.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => bad.getByLabel('Device token', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => bad.getByRole('alert').count()).toBeGreaterThan(0);
    await s.step('bad token refused');
    await bad.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('row', { name: 'Bad token' }).count()).toBe(0);

    // 6. Force INACTIVE through the sandbox control route, then refresh.
    const { userArn, endpointId } = await findEndpoint(s, 'bob', 'E2E iPhone');
    const flipped = await s.control('endpoint-state', {
      AppInstanceUserArn: userArn,
      EndpointId: endpointId,
      Status: 'INACTIVE',
      StatusReason: 'INVALID_DEVICE_TOKEN',
    });
    expect(flipped.status).toBe(200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => row.textContent()).toContain('INVALID_DEVICE_TOKEN');
    await s.step('inactive after refresh');

    // 7. Copy a CLI command from the activity log.
    await page.getByRole('button', { name: /Activity log/ }).click();
    await page.getByRole('button', { name: /RegisterAppInstanceUserEndpoint/ }).first().click();
    await page.getByRole('button', { name: 'Copy as AWS CLI command' }).click();
    // The copy is asynchronous: wait for the app to say it is done instead of racing it.
    const call = page.getByRole('region', { name: /^Call RegisterAppInstanceUserEndpoint/ });
    await call.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('aws chime-sdk-identity register-app-instance-user-endpoint');
    expect(copied).toContain('--endpoint-url');
    await s.step('cli command copied');
    await page.getByRole('button', { name: /Activity log/ }).click();

    // 8. Deregister, with confirmation.
    await row.getByRole('button', { name: 'Deregister' }).click();
    const confirm = page.getByRole('dialog');
    await s.step('deregister confirmation');
    await confirm.getByRole('button', { name: 'Deregister' }).click();
    await expect.poll(() => page.getByRole('row', { name: 'E2E iPhone' }).count()).toBe(0);
    await s.step('deregistered');
  });
});
