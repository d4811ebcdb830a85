/// <reference lib="dom" />
/**
 * Issue 5's flows in Chromium through the harness: watch a user, flip one of
 * its endpoints through the sandbox control route and see the badge and the
 * timeline change with no refresh; name the workspace, restart the harness on
 * the same user-data folder and find everything restored without a click;
 * export the workspaces and import the file again.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openSession, type E2ESession } from './support/session';

const userData = mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-restore-'));
const sessions: E2ESession[] = [];

async function open(run: string): Promise<E2ESession> {
  const s = await openSession({ spec: `watch-and-workspaces/${run}`, userDataDir: userData });
  sessions.push(s);
  return s;
}

/** The workspace actions live in a disclosure menu next to the Workspace picker. */
async function openWorkspaceActions(page: E2ESession['page']) {
  await page.locator('summary[aria-label="Workspace actions"]').click();
}

async function aliceIphone(s: E2ESession) {
  const list = await s.harness.services.dispatcher.dispatch('chime:ListAppInstances', {}, true);
  const appInstanceArn = (list as { ok: true; value: { AppInstances: { AppInstanceArn: string }[] } }).value.AppInstances[0]!.AppInstanceArn;
  const userArn = `${appInstanceArn}/user/alice`;
  const endpoints = (await s.harness.services.dispatcher.dispatch('chime:ListAppInstanceUserEndpoints', { AppInstanceUserArn: userArn }, true)) as {
    ok: true;
    value: { AppInstanceUserEndpoints: { EndpointId: string; Name: string }[] };
  };
  const iphone = endpoints.value.AppInstanceUserEndpoints.find((e) => e.Name === "Alice's iPhone")!;
  return { userArn, endpointId: iphone.EndpointId };
}

describe('watch and workspaces', () => {
  afterAll(async () => {
    for (const s of sessions) await s.close().catch(() => {});
    rmSync(userData, { recursive: true, force: true });
  });

  it('shows a state flip live, then restores the workspace after a restart', async () => {
    let s = await open('1-first-launch');
    // A one-second interval keeps the test short; the default is five.
    await s.harness.services.dispatcher.dispatch('settings:set', { watchIntervalMs: 1000 }, true);
    let page = s.page;

    // 1. Pick Alice and watch her.
    await expect.poll(() => page.getByRole('combobox', { name: 'App instance' }).locator('option:checked').textContent()).toBe('Demo push app');
    await page.getByRole('listitem', { name: 'Alice Appleseed' }).click();
    const row = page.getByRole('row', { name: "Alice's iPhone" });
    await expect.poll(() => row.textContent()).toContain('ACTIVE');
    await page.getByRole('switch', { name: 'Watch', exact: true }).click();
    await expect.poll(() => page.getByRole('switch', { name: 'Watch', exact: true }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Watching 1 user' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await s.step('watching alice');

    // 2. Flip her iPhone to INACTIVE behind the app's back; no refresh.
    const { userArn, endpointId } = await aliceIphone(s);
    const flipped = await s.control('endpoint-state', { AppInstanceUserArn: userArn, EndpointId: endpointId, Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
    expect(flipped.status).toBe(200);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('INVALID_DEVICE_TOKEN');
    await s.step('badge changed live');
    expect(s.harness.notifications.map((n) => n.title).join('\n')).toContain("Alice's iPhone");

    // 3. The endpoint's timeline has the transition.
    await row.getByRole('button', { name: 'Timeline' }).click();
    const timeline = page.getByRole('dialog');
    await expect.poll(() => timeline.textContent()).toContain('INACTIVE');
    await s.step('timeline');
    await page.keyboard.press('Escape');

    // 4. Name the workspace, then restart on the same user-data folder.
    await openWorkspaceActions(page);
    await page.getByRole('button', { name: 'Rename workspace' }).click();
    const rename = page.getByRole('dialog');
    await rename.getByLabel('Workspace name').fill('Alice debugging');
    await rename.getByLabel('Workspace name').press('Enter');
    await expect.poll(() => page.getByRole('combobox', { name: 'Workspace' }).locator('option:checked').textContent()).toBe('Alice debugging');
    await s.close();
    sessions.pop();

    s = await open('2-after-restart');
    page = s.page;
    await expect.poll(() => page.getByRole('combobox', { name: 'Workspace' }).locator('option:checked').textContent()).toBe('Alice debugging');
    await expect.poll(() => page.getByRole('combobox', { name: 'App instance' }).locator('option:checked').textContent()).toBe('Demo push app');
    await page.getByRole('row', { name: "Alice's iPhone" }).waitFor();
    await expect.poll(() => page.getByRole('switch', { name: 'Watch', exact: true }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('row', { name: "Alice's iPhone" }).textContent()).toContain('INVALID_DEVICE_TOKEN');
    await s.step('restored after restart');

    // 5. Export every workspace, then import the file back.
    await openWorkspaceActions(page);
    await page.getByRole('button', { name: 'Export workspaces' }).click();
    const exportDialog = page.getByRole('dialog');
    await exportDialog.getByLabel(/All workspaces/).check();
    await s.step('export dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const file = path.join(userData, 'exported.json');
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { workspaces: { name: string }[] };
    expect(exported.workspaces.map((w) => w.name)).toContain('Alice debugging');

    await openWorkspaceActions(page);
    await page.getByRole('button', { name: 'Import workspaces' }).click();
    const importDialog = page.getByRole('dialog');
    await importDialog.getByLabel('Workspace file').setInputFiles(file);
    await expect.poll(() => importDialog.getByRole('status').textContent()).toMatch(/1 workspace/);
    await s.step('imported');
    await importDialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Workspace' }).locator('option').allTextContents()).toContain('Alice debugging (imported)');
  });
});
