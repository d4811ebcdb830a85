/**
 * What a packaged build refuses at launch. The EnableNodeCliInspectArguments
 * fuse stops Node's --inspect, but Chromium's own debugging switches
 * (--remote-debugging-port and kin) still open a DevTools protocol endpoint
 * on the renderer, from which a local program could call the app's API
 * (workspace:export with device tokens, say). So a packaged build quits with a
 * message when it sees one, and its windows get no DevTools. Development
 * builds keep both, for debugging. Pure functions: the unit tests prove the
 * policy; main only applies it (index.ts).
 */

/** Chromium and Node switches that attach a debugger or change what the engine runs. */
export const DEBUGGING_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-debugging-targets',
  'remote-allow-origins',
  'auto-open-devtools-for-tabs',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
] as const;

const SWITCH_SET: ReadonlySet<string> = new Set(DEBUGGING_SWITCHES);

/**
 * The debugging switches in `argv` (Electron's process.argv), by name.
 * Chromium reads `--name`, `--name=value` and, on POSIX, `-name` as well;
 * on Windows also `/name`. Everything after a bare `--` is not a switch.
 */
export function debuggingSwitches(argv: readonly string[], platform: NodeJS.Platform = process.platform): string[] {
  const found: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '--') break;
    const match = /^(?:--|-|\/)([A-Za-z][A-Za-z0-9-]*)(?:=.*)?$/s.exec(arg);
    if (!match) continue;
    if (arg.startsWith('/') && platform !== 'win32') continue;
    const name = (match[1] ?? '').toLowerCase();
    if (SWITCH_SET.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

export interface LaunchDecision {
  readonly allowed: boolean;
  /** One sentence for the user (stderr and a dialog) when refused. */
  readonly message?: string;
}

export function launchDecision(argv: readonly string[], isPackaged: boolean, platform: NodeJS.Platform = process.platform): LaunchDecision {
  if (!isPackaged) return { allowed: true };
  const found = debuggingSwitches(argv, platform);
  if (found.length === 0) return { allowed: true };
  return {
    allowed: false,
    message: `Chime Endpoint Workbench does not start with debugging switches (${found.map((s) => `--${s}`).join(', ')}): they would let another program control the app and read its data.`,
  };
}

/** DevTools are for development builds only. */
export function devToolsEnabled(isPackaged: boolean): boolean {
  return !isPackaged;
}
