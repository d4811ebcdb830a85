/**
 * The `npm run test:electron` smoke flow, run here against the browser
 * harness (everything but the live webPreferences, the app:// CSP header and
 * navigation/window.open refusal, which need Electron and are unit-tested
 * through the functions that build them).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openSession, type E2ESession } from './support/session';
import { firstLaunchOnSandbox, registerAndDeregister } from '../electron/smokeSpec';

describe('smoke (the test:electron spec, in the harness)', () => {
  let s: E2ESession;
  beforeAll(async () => {
    s = await openSession({ spec: 'smoke' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('first launch is on the Local sandbox, and an endpoint registers and deregisters by the contract names', async () => {
    await firstLaunchOnSandbox(s.page);
    await s.step('first launch');
    await registerAndDeregister(s.page);
    await s.step('registered and deregistered');
  });
});
