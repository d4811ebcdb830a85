/// <reference lib="dom" />
/**
 * Issue 15 in Chromium through the harness: a `.p8` issued by the sandbox is
 * put in the harness's `--dialog-dir`, picked in main's file chooser (the
 * harness page, in a second tab), and a direct push from an endpoint row
 * reaches the simulated phone (status 200, apns-id, a delivery via APNS).
 * Then the saved settings fill the dialog for another endpoint whose token
 * is a development build's under APNS: BadDeviceToken, with its advice.
 * Last, "Compare with Chime" on Hank's endpoint (his channel preferences mute
 * pushes): Chime skips the phone, Apple delivers to it, and the verdict says so.
 * Screenshots at 1024x700 in dark mode under test-results/direct-push/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2ESession } from './support/session';

const TEAM = 'TEAM123456';
const BUNDLE = 'com.example.workbench';

describe('direct push', () => {
  let s: E2ESession;
  let dialogDir: string;
  let keyId: string;
  let certPassphrase: string;
  beforeAll(async () => {
    dialogDir = mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-keys-'));
    s = await openSession({ spec: 'direct-push', dialogDir, viewport: { width: 1024, height: 700 } });
    await s.page.emulateMedia({ colorScheme: 'dark' });
    const res = await s.control('apns-keys', { TeamId: TEAM, BundleIds: [BUNDLE] });
    const key = (await res.json()) as { KeyId: string; P8: string };
    keyId = key.KeyId;
    writeFileSync(path.join(dialogDir, `AuthKey_${keyId}.p8`), key.P8);
    writeFileSync(path.join(dialogDir, 'notes.txt'), 'not a key');
    const cert = (await (await s.control('apns-certs', { TeamId: TEAM, BundleId: BUNDLE, Environment: 'production' })).json()) as {
      P12: string;
      Passphrase: string;
    };
    certPassphrase = cert.Passphrase;
    writeFileSync(path.join(dialogDir, 'push.p12'), Buffer.from(cert.P12, 'base64'));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dialogDir, { recursive: true, force: true });
  });

  it('sends an alert to a simulated phone, then explains BadDeviceToken', async () => {
    const { page } = s;
    await expect.poll(() => page.getByRole('combobox', { name: 'Connection' }).inputValue()).toBe('sandbox');
    await page.getByRole('combobox', { name: 'App instance' }).selectOption({ label: 'Demo push app' });
    await page.getByRole('listitem', { name: 'Alice Appleseed' }).click();
    const row = page.getByRole('row', { name: "Alice's iPhone" });
    await row.waitFor();
    await s.step('endpoint rows');
    await row.getByRole('button', { name: 'Direct push' }).click();

    const dialog = page.getByRole('dialog', { name: 'Direct push' });
    await expect.poll(() => dialog.getByLabel('Service').inputValue()).toBe('apns');
    // APNS endpoint: Production, and the endpoint's token.
    await expect.poll(() => dialog.getByLabel('Environment').inputValue()).toBe('production');
    expect(await dialog.getByLabel('Device token').inputValue()).toMatch(/^[0-9a-f]{64}$/);

    // Sent without a key: each missing field says so.
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: /Key file \(\.p8\)/ }).getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('Key ID').getAttribute('aria-invalid')).toBe('true');
    await s.step('missing key');

    await dialog.getByLabel('Key ID').fill(keyId);
    await dialog.getByLabel('Team ID').fill(TEAM);
    await dialog.getByLabel('Topic').fill(BUNDLE);

    // Main's file chooser, answered on the harness page in a second tab.
    await dialog.getByRole('button', { name: /Key file \(\.p8\)/ }).click();
    const chooser = await page.context().newPage();
    await chooser.goto(`${s.harness.url}/__harness/dialog`);
    await chooser.getByRole('heading', { name: 'Choose the APNs key file (.p8)' }).waitFor();
    await chooser.getByRole('button', { name: `AuthKey_${keyId}.p8` }).click();
    await chooser.getByRole('heading', { name: 'No file chooser is open' }).waitFor();
    await dialog.getByRole('button', { name: `Key file (.p8) AuthKey_${keyId}.p8` }).waitFor();
    await s.step('key chosen');

    await dialog.getByRole('button', { name: 'Send' }).click();
    const answer = dialog.getByRole('region', { name: 'Answer' });
    await expect.poll(() => answer.textContent(), { timeout: 15_000 }).toContain('Status 200');
    expect(await answer.textContent()).toMatch(/apns-id[0-9a-f-]{36}/);
    expect(await answer.textContent()).toContain(`AuthKey_${keyId}.p8`);
    await answer.scrollIntoViewIfNeeded();
    await s.step('sent 200');

    const deliveries = (await (await fetch(`${s.harness.services.sandboxUrl}/_sandbox/deliveries`)).json()) as {
      Deliveries: { Via: string; DeviceToken: string; Title?: string }[];
    };
    const token = await dialog.getByLabel('Device token').inputValue();
    expect(deliveries.Deliveries.filter((d) => d.Via === 'APNS' && d.DeviceToken === token)).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Gina's endpoint is APNS but holds a development build's token: Production answers BadDeviceToken.
    await page.getByRole('listitem', { name: 'Gina Linetti' }).click();
    await page.getByRole('row', { name: "Gina's iPhone (sandbox token)" }).getByRole('button', { name: 'Direct push' }).click();
    const second = page.getByRole('dialog', { name: 'Direct push' });
    // The settings of the last send are back: Key ID, Team ID, Topic and the key file itself.
    await expect.poll(() => second.getByLabel('Key ID').inputValue()).toBe(keyId);
    expect(await second.getByLabel('Topic').inputValue()).toBe(BUNDLE);
    await second.getByRole('button', { name: `Key file (.p8) AuthKey_${keyId}.p8` }).waitFor();
    await second.getByRole('button', { name: 'Send' }).click();
    const bad = second.getByRole('region', { name: 'Answer' });
    await expect.poll(() => bad.textContent(), { timeout: 15_000 }).toContain('BadDeviceToken');
    expect(await bad.textContent()).toContain('Status 400');
    expect(await bad.textContent()).toContain('use Sandbox');
    await bad.scrollIntoViewIfNeeded();
    await s.step('bad device token advice');

    // Switching Environment as advised: delivered.
    await second.getByLabel('Environment').selectOption('sandbox');
    await second.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => second.getByRole('region', { name: 'Answer' }).textContent(), { timeout: 15_000 }).toContain('Status 200');

    // Priority is checked against the push type as you choose.
    await second.getByLabel('Push type').selectOption('background');
    await expect.poll(() => second.getByLabel('Priority').getAttribute('aria-invalid')).toBe('true');
    await s.step('background priority');
    await second.getByRole('button', { name: 'Close' }).click();

    // Hank's notifications are off in the test channel: Chime skips his phone, Apple delivers to it.
    await page.getByRole('listitem', { name: 'Hank Hill' }).click();
    await page.getByRole('row', { name: "Hank's iPhone (notifications off)" }).getByRole('button', { name: 'Direct push' }).click();
    const hank = page.getByRole('dialog', { name: 'Direct push' });
    await hank.getByRole('button', { name: `Key file (.p8) AuthKey_${keyId}.p8` }).waitFor();
    await hank.getByRole('button', { name: 'Compare with Chime' }).click();
    const comparison = hank.getByRole('region', { name: 'Comparison' });
    await expect
      .poll(() => comparison.textContent(), { timeout: 20_000 })
      .toContain("Apple accepted the direct push but Chime's did not reach this endpoint");
    const chimeSide = await comparison.getByRole('region', { name: 'Through Chime' }).textContent();
    expect(chimeSide).toMatch(/message id \S+/);
    expect(chimeSide).toContain('Chime skipped it');
    expect(await comparison.getByRole('region', { name: 'Direct answer' }).textContent()).toContain('Status 200');
    await comparison.scrollIntoViewIfNeeded();
    await s.step('compare with chime');

    // The same phone with a certificate (.p12): chosen in main, its passphrase sent once.
    await hank.getByLabel('Key type').selectOption('certificate');
    await hank.getByRole('button', { name: /Certificate file \(\.p12\)/ }).click();
    const certChooser = await page.context().newPage();
    await certChooser.goto(`${s.harness.url}/__harness/dialog`);
    await certChooser.getByRole('heading', { name: 'Choose the APNs certificate file (.p12)' }).waitFor();
    await certChooser.getByRole('button', { name: 'push.p12' }).click();
    await certChooser.getByRole('heading', { name: 'No file chooser is open' }).waitFor();
    await certChooser.close();
    await hank.getByLabel('Certificate passphrase').fill(certPassphrase);
    await hank.getByRole('button', { name: 'Send' }).click();
    const certAnswer = hank.getByRole('region', { name: 'Answer' });
    await expect.poll(() => certAnswer.textContent(), { timeout: 15_000 }).toContain('Status 200');
    expect(await certAnswer.textContent()).toContain('push.p12 · ');
    expect(await hank.getByLabel('Certificate passphrase').count()).toBe(0);
    await certAnswer.scrollIntoViewIfNeeded();
    await s.step('certificate push');
  });
});
