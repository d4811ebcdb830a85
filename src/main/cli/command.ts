/**
 * How a command module plugs into the program: `registerX(parent, run)` adds
 * its commander commands, each action wrapped by `run`, which builds the
 * CliContext from the global flags, runs the action and records its exit code.
 */
import type { Command } from 'commander';
import type { CliContext } from './context';
import type { ExitCodeValue } from './io';

/** An action answers its exit code (undefined: 0); it fails by throwing a CliError. */
export type Action<O> = (ctx: CliContext, options: O) => Promise<ExitCodeValue | void>;

/** Wraps an action for commander's `.action()`. */
export type Run = <O>(action: Action<O>) => (...args: unknown[]) => Promise<void>;

export type Register = (parent: Command, run: Run) => void;

/** `--user ARN`, the AppInstanceUser most commands act for. */
export const USER_FLAG = [
  '--user <arn>',
  'the AppInstanceUser ARN (arn:aws:chime:REGION:ACCOUNT:app-instance/ID/user/USER_ID)',
] as const;

/** The AppInstance of an AppInstanceUser ARN (`…:app-instance/ID/user/UID` → `…:app-instance/ID`). */
export function appInstanceOf(userArn: string): string | undefined {
  const at = userArn.indexOf('/user/');
  return /^arn:aws[a-z-]*:chime:[^:]*:\d{12}:app-instance\/[^/]+\/user\/.+$/.test(userArn)
    ? userArn.slice(0, at)
    : undefined;
}

/** Collects a repeatable option's values (`--attribute a=1 --attribute b=2`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
