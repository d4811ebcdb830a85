/// <reference lib="dom" />
/**
 * Issue 11 as a developer meets it, in Chromium through the harness: the
 * user list from the keyboard under a filter, the register dialog naming its
 * user, a new endpoint followed to its verdict without a click ("checking…"
 * first), and the layout at 1400×900 and 1024×700 in light and dark, with a
 * screenshot of each under test-results/layout-and-keyboard/ to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSession, type E2ESession } from './support/session';

const PINPOINT = 'arn:aws:mobiletargeting:us-east-1:000000000000:apps/a1b2c3d4e5f60718293a4b5c6d7e8f90';
const SIZES = [
  { width: 1400, height: 900 },
  { width: 1024, height: 700 },
] as const;
const THEMES = ['light', 'dark'] as const;

/** Every part of `selector` inside the window (not cut off on the right or below). */
async function insideViewport(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 || r.left < -0.5) out.push(`${el.getAttribute('aria-label') ?? el.textContent} at ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out;
  }, selector);
}

describe('layout and keyboard', () => {
  let s: E2ESession;
  beforeAll(async () => {
    s = await openSession({ spec: 'layout-and-keyboard', validationDelayMs: 2500, viewport: SIZES[0] });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('picks a user from the keyboard under a filter, follows a new endpoint to its verdict, and fits from 1024×700 up', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'App instance' }).selectOption({ label: 'Demo push app' });
    await page.getByRole('listitem', { name: 'Bob Builder' }).click();
    await page.getByRole('row', { name: "Bob's dev iPad (VoIP)" }).waitFor();

    // 1. "/", type part of another user's name, ↓ and Enter: that user is selected.
    // Each key waits for what the user would see first (the search focused, the list filtered): no racing the app.
    const search = page.getByRole('searchbox', { name: 'Search users' });
    await page.keyboard.press('/');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('alice');
    await expect.poll(() => page.getByRole('listitem', { name: 'Bob Builder' }).count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Alice Appleseed');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Alice Appleseed' }).waitFor();
    await s.step('keyboard pick under a filter');

    // Under a filter hiding the selected user, Tab still reaches the list and Ctrl+N names the user.
    await search.fill('bob');
    await expect.poll(() => page.getByRole('listitem', { name: 'Alice Appleseed' }).count()).toBe(0);
    await search.focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Bob Builder');
    await page.keyboard.press('Control+n');
    const form = page.getByRole('dialog', { name: 'Register endpoint' });
    await expect.poll(() => form.getAttribute('aria-describedby').then((id) => page.locator(`[id="${id}"]`).textContent())).toContain('Alice Appleseed');
    await s.step('register dialog names the user');

    // 4. A token the sandbox will reject (31 bytes: the form only warns): "checking…", then INACTIVE without a click.
    await form.getByLabel('Endpoint name').fill('Wrong platform');
    await form.getByLabel('Type').selectOption('APNS');
    await form.getByLabel('Device token', { exact: true }).fill('ab'.repeat(31));
    await form.getByLabel('Pinpoint app ARN').fill(PINPOINT);
    await form.getByRole('button', { name: 'Register' }).click();
    const row = page.getByRole('row', { name: 'Wrong platform' });
    await row.waitFor();
    await row.getByText('checking…').waitFor();
    await s.step('new endpoint checking');
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('INACTIVE');
    expect(await row.getByText('checking…').count()).toBe(0);
    await s.step('new endpoint verdict without refresh');

    // 12. The layout at both sizes, light and dark: switch and buttons in the row, header one row, badge whole.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        await page.getByRole('row', { name: 'Wrong platform' }).waitFor();
        expect(await insideViewport(page, 'table[aria-label="Endpoints"] [role="switch"], table[aria-label="Endpoints"] button')).toEqual([]);
        const overflow = await page.evaluate(() => {
          const scroll = document.querySelector<HTMLElement>('.table-scroll');
          const header = document.querySelector<HTMLElement>('.app-header');
          const badge = document.querySelector<HTMLElement>('.badge-identity, .badge');
          return {
            table: scroll ? scroll.scrollWidth - scroll.clientWidth : 0,
            headerHeight: header?.getBoundingClientRect().height ?? 0,
            // Whole inside the window; when the text is truncated, the full ARN is on hover.
            badgeClipped: badge
              ? badge.getBoundingClientRect().right > window.innerWidth || (badge.scrollWidth > badge.clientWidth + 1 && !badge.title.startsWith('arn:'))
              : false,
          };
        });
        expect(overflow.table, `table overflow at ${size.width}`).toBeLessThanOrEqual(0);
        expect(overflow.headerHeight, `header height at ${size.width}`).toBeLessThan(56);
        expect(overflow.badgeClipped, `badge at ${size.width}`).toBe(false);
        await s.step(`endpoints ${size.width}x${size.height} ${theme}`);
      }
    }

    // The hidden columns are one click away, in Details.
    await page.getByRole('row', { name: 'Wrong platform' }).getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('dialog', { name: 'Endpoint: Wrong platform' });
    await expect.poll(() => details.textContent()).toContain(PINPOINT);
    expect(await details.evaluate((d) => [d.scrollTop, d.scrollLeft])).toEqual([0, 0]);
    await s.step('endpoint details 1024x700 dark');
    await page.keyboard.press('Escape');

    // The activity log says whom each call was for, and filters.
    await page.getByRole('button', { name: /^Activity log/ }).click();
    await page.getByRole('combobox', { name: 'Filter by operation' }).selectOption('RegisterAppInstanceUserEndpoint');
    const calls = page.getByRole('list', { name: 'API calls' });
    await expect.poll(() => calls.getByRole('listitem').count()).toBe(1);
    expect(await calls.textContent()).toContain('user Alice Appleseed');
    await calls.getByRole('button').first().click();
    await s.step('activity log filtered 1024x700 dark');
    await page.getByRole('combobox', { name: 'Filter by operation' }).selectOption('');
    await page.getByRole('button', { name: /^Activity log/ }).click();

    // Dialogs open unscrolled at the small size.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register endpoint' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => [d.scrollTop, d.scrollLeft])).toEqual([0, 0]);
    await s.step('register dialog 1024x700');
    await page.emulateMedia({ colorScheme: 'dark' });
    // The dialog's help text and fields at the small size in dark mode, with a token hint showing.
    await dialog.getByRole('combobox', { name: 'Type' }).selectOption('GCM');
    await dialog.getByRole('textbox', { name: 'Device token' }).fill('not-a-token');
    await dialog.getByRole('textbox', { name: 'Endpoint name' }).focus();
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Device token' }).getAttribute('aria-invalid')).toBe('true');
    await s.step('register dialog 1024x700 dark');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Manage app instance' }).click();
    await s.step('manage 1024x700 dark');
    await page.setViewportSize(SIZES[0]);
    await s.step('manage 1400x900 dark');
  });
});
