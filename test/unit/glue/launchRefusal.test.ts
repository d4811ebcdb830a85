/**
 * Glue test for the launch policy as index.ts applies it: a packaged build
 * started with a debugging switch shows one message and exits 1 before it
 * creates a window, a store or the sandbox. (The policy itself:
 * launchPolicy.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron } from './fakeElectron';

vi.mock('electron', async () => {
  const { electron: fake } = await import('./fakeElectron');
  return { ...fake, default: fake };
});
vi.mock('../../../src/main/store/electronStoreAdapter', () => ({
  createElectronStoreOpener: () => {
    throw new Error('no store may be opened when the launch is refused');
  },
}));

const savedArgv = process.argv;
beforeAll(async () => {
  (electron.app as { isPackaged: boolean }).isPackaged = true;
  process.argv = [process.argv[0]!, '--remote-debugging-port=9222'];
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await import('../../../src/main/index');
});
afterAll(() => {
  process.argv = savedArgv;
});

describe('a packaged build started with a debugging switch', () => {
  it('says why in one dialog and exits 1, opening nothing', async () => {
    expect(electron.app.exit.calls).toEqual([[1]]);
    expect(electron.dialog.showErrorBox.calls).toHaveLength(1);
    expect(electron.dialog.showErrorBox.calls[0]![1]).toContain('--remote-debugging-port');
    electron.app.markReady();
    await new Promise((r) => setTimeout(r, 50));
    expect(electron.BrowserWindow.instances).toHaveLength(0);
    expect(electron.app.requestSingleInstanceLock.calls).toHaveLength(0);
  });
});
