/**
 * `--dialog-dir`: main's file chooser waits for a pick on the harness page;
 * the page lists the request and DIR's files, only a same-origin form POST
 * answers it, and only with a file that is in DIR.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarnessServer, type HarnessServer } from '../../harness/server';
import { HarnessDialog } from '../../harness/dialogChooser';
import type { MainServices } from '../../../src/main/services';

let dir: string;
let keys: string;
let server: HarnessServer;
let dialog: HarnessDialog;
const fakeServices = { bus: { subscribe: () => () => undefined }, dispatcher: {} } as unknown as MainServices;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cew-harness-dialog-'));
  keys = path.join(dir, 'keys');
  await mkdir(path.join(keys, 'a-folder'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<html><script type="module" src="/a.js"></script></html>');
  await writeFile(path.join(keys, 'AuthKey_ABC.p8'), 'key');
  await writeFile(path.join(dir, 'outside.p8'), 'not offered');
  dialog = new HarnessDialog(keys);
  server = await startHarnessServer({ port: 0, rendererDir: dir, services: fakeServices, dialog });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const page = async () => (await fetch(`${server.url}/__harness/dialog`)).text();
const pick = (form: Record<string, string>, origin: string | undefined = server.url) =>
  fetch(`${server.url}/__harness/dialog/pick`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin && { origin }) },
    body: new URLSearchParams(form).toString(),
  });

describe('harness file chooser', () => {
  it('shows no chooser until main asks, then the request and the files of DIR (not folders)', async () => {
    expect(await page()).toContain('No file chooser is open');
    const answer = dialog.choose({ kind: 'apnsKey', title: 'Choose the APNs key file (.p8)', extensions: ['p8'] });
    const html = await page();
    expect(html).toContain('<h1>Choose the APNs key file (.p8)</h1>');
    expect(html).toContain('value="AuthKey_ABC.p8"');
    expect(html).not.toContain('a-folder');

    // Another origin, a file outside DIR, an unknown request: refused, the chooser still waits.
    expect((await pick({ request: '1', file: 'AuthKey_ABC.p8' }, 'http://evil.example')).status).toBe(403);
    expect((await pick({ request: '1', file: '../outside.p8' })).status).toBe(409);
    expect((await pick({ request: '99', file: 'AuthKey_ABC.p8' })).status).toBe(409);

    const res = await pick({ request: '1', file: 'AuthKey_ABC.p8' });
    expect(res.status).toBe(303);
    expect(await answer).toBe(path.join(keys, 'AuthKey_ABC.p8'));
    expect(await page()).toContain('No file chooser is open');
  });

  it('answers a cancelled chooser with no file', async () => {
    const answer = dialog.choose({ kind: 'serviceAccount', title: 'Choose the Firebase service account file (.json)', extensions: ['json'] });
    expect((await pick({ request: '2', cancel: '1' })).status).toBe(303);
    expect(await answer).toBeUndefined();
  });
});
