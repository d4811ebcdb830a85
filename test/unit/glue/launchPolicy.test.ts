/**
 * Issue 10, beyond the checklist: a packaged build refuses Chromium and Node
 * debugging switches and has no DevTools. The policy is pure, proven here;
 * index.ts applies it (mainIndex.test.ts checks the wiring).
 */
import { describe, expect, it } from 'vitest';
import { DEBUGGING_SWITCHES, debuggingSwitches, devToolsEnabled, launchDecision } from '../../../src/main/platform/launchPolicy';

const exe = '/opt/Chime Endpoint Workbench/chime-endpoint-workbench';

describe('launch policy', () => {
  it.each([
    ['--remote-debugging-port=9222', 'remote-debugging-port'],
    ['--remote-debugging-port', 'remote-debugging-port'],
    ['--remote-debugging-pipe', 'remote-debugging-pipe'],
    ['-remote-debugging-port=0', 'remote-debugging-port'],
    ['--REMOTE-DEBUGGING-PORT=9222', 'remote-debugging-port'],
    ['--inspect=9229', 'inspect'],
    ['--inspect-brk', 'inspect-brk'],
    ['--js-flags=--allow-natives-syntax', 'js-flags'],
    ['--remote-allow-origins=*', 'remote-allow-origins'],
    ['--auto-open-devtools-for-tabs', 'auto-open-devtools-for-tabs'],
  ])('finds %s', (arg, name) => {
    expect(debuggingSwitches([exe, arg], 'linux')).toEqual([name]);
    expect(launchDecision([exe, arg], true, 'linux')).toMatchObject({ allowed: false, message: expect.stringContaining(`--${name}`) });
  });

  it('accepts ordinary arguments and whatever follows a bare --', () => {
    const argv = [exe, '--no-sandbox-not-ours', '--lang=en', 'file.json', '--', '--remote-debugging-port=1'];
    expect(debuggingSwitches(argv, 'linux')).toEqual([]);
    expect(launchDecision(argv, true, 'linux')).toEqual({ allowed: true });
    // The executable path itself is never read as a switch.
    expect(debuggingSwitches(['--inspect'], 'linux')).toEqual([]);
  });

  it('reads /switch only on Windows', () => {
    expect(debuggingSwitches([exe, '/remote-debugging-port=9222'], 'win32')).toEqual(['remote-debugging-port']);
    expect(debuggingSwitches([exe, '/remote-debugging-port=9222'], 'linux')).toEqual([]);
  });

  it('lets a development build start with any switch, and keeps DevTools there only', () => {
    expect(launchDecision([exe, '--remote-debugging-port=9222', '--inspect'], false, 'linux')).toEqual({ allowed: true });
    expect(devToolsEnabled(false)).toBe(true);
    expect(devToolsEnabled(true)).toBe(false);
  });

  it('names every switch once, in one sentence', () => {
    const decision = launchDecision([exe, '--inspect', '--inspect', '--remote-debugging-port=1'], true, 'linux');
    expect(decision.message).toMatch(/^[^\n]+\.$/);
    expect(decision.message).toContain('--inspect, --remote-debugging-port');
    expect(DEBUGGING_SWITCHES).toContain('remote-debugging-port');
  });
});
