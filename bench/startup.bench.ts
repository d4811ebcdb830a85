/// <reference lib="dom" />
/**
 * `npm run bench:startup`: renderer cold load through the harness in Chromium
 * (needs `npm run build` first). Each run opens a fresh browser context (no
 * HTTP cache) on a workspace that already has the demo AppInstance selected,
 * and reports, from navigation start (performance.now() in the page):
 * - shell interactive: the "Connection" combobox is in the page and enabled;
 * - first row: the first user of the "Users" list is painted.
 * Figures only, no timed assertion: they depend on the machine.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { startHarness } from '../test/harness/startHarness';
import { launchChromium } from '../test/e2e/support/browser';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// Runs in the page before the app: notes when each milestone first holds, checked on every DOM change.
const PROBE = `(() => {
  const marks = (window.__startup = {});
  const check = () => {
    if (marks.shell === undefined) {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === 'Connection');
      const control = label && label.control;
      if (control && !control.disabled) marks.shell = performance.now();
    }
    if (marks.firstRow === undefined && document.querySelector('ul[aria-label="Users"] li')) marks.firstRow = performance.now();
    if (marks.shell !== undefined && marks.firstRow !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})()`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main() {
  const awsDir = mkdtempSync(path.join(os.tmpdir(), 'bench-startup-aws-'));
  writeFileSync(path.join(awsDir, 'config'), '');
  writeFileSync(path.join(awsDir, 'credentials'), '');
  const harness = await startHarness({ userDataDir: mkdtempSync(path.join(os.tmpdir(), 'bench-startup-')), awsConfigDir: awsDir });
  const browser = await launchChromium();
  try {
    // Once, untimed: choose the demo AppInstance so that each measured launch restores it without a click.
    const setup = await browser.newPage();
    await setup.goto(harness.url);
    const picker = setup.getByRole('combobox', { name: 'App instance' });
    await setup.waitForFunction(() => document.querySelectorAll('select option').length > 1);
    const demo = await picker.locator('option').nth(1).getAttribute('value');
    await picker.selectOption(demo ?? '');
    await setup.getByRole('list', { name: 'Users' }).getByRole('listitem').first().waitFor();
    await setup.close();

    console.log(`bench:startup — harness ${harness.url}, Chromium ${browser.version()}, ${RUNS} cold loads`);
    console.log('run   shell interactive (ms)   first user row (ms)');
    const shells: number[] = [];
    const rows: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(PROBE);
      await page.goto(harness.url);
      await page.waitForFunction(() => {
        const m = (window as unknown as { __startup: { shell?: number; firstRow?: number } }).__startup;
        return m.shell !== undefined && m.firstRow !== undefined;
      }, undefined, { timeout: 30_000 });
      const marks = await page.evaluate(() => (window as unknown as { __startup: { shell: number; firstRow: number } }).__startup);
      shells.push(marks.shell);
      rows.push(marks.firstRow);
      console.log(`${String(run).padStart(3)}   ${marks.shell.toFixed(1).padStart(22)}   ${marks.firstRow.toFixed(1).padStart(19)}`);
      await context.close();
    }
    console.log(`median ${median(shells).toFixed(1).padStart(20)}   ${median(rows).toFixed(1).padStart(19)}`);
    console.log(`range  ${`${Math.min(...shells).toFixed(0)}–${Math.max(...shells).toFixed(0)}`.padStart(20)}   ${`${Math.min(...rows).toFixed(0)}–${Math.max(...rows).toFixed(0)}`.padStart(19)}`);
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
