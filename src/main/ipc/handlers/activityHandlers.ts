/**
 * The activity log over IPC. Entries are already redacted; the raw input is
 * read only to build a CLI command when the user asks to reveal tokens.
 */
import type { ActivityLog } from '../../aws/activityLog';
import { WorkbenchFailure } from '../../aws/errors';
import { buildCliCommand, tokenPlaceholders, type CliShell } from '../../../shared/aws/cli';
import { isOperationName } from '../../../shared/chime/operations';

export function activityHandlers(log: ActivityLog, now: () => number = Date.now) {
  return {
    'activity:list': () => log.entries(),
    'activity:clear': () => {
      const cleared = log.entries().length;
      log.clear();
      return { cleared };
    },
    'activity:export': () => ({
      json: log.export(),
      fileName: `chime-workbench-activity-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.json`,
    }),
    'activity:cli': ({ id, revealTokens, shell }: { id: number; revealTokens: boolean; shell: CliShell }) => {
      const entry = log.get(id);
      if (!entry) throw new WorkbenchFailure({ code: 'NotFound', message: `No activity entry ${id} (the log keeps the latest calls only).`, retryable: false });
      if (!isOperationName(entry.operation)) throw new WorkbenchFailure({ code: 'InvalidInput', message: `${entry.operation} is not a Chime SDK Identity operation.`, retryable: false });
      // Hidden tokens become <DEVICE_TOKEN>-style placeholders, never the shortened form (a garbage token if run).
      const input = (revealTokens ? log.rawInput(id) : tokenPlaceholders(entry.input)) as Record<string, unknown>;
      return { command: buildCliCommand(entry.operation, input ?? {}, entry.connection, { multiline: true, shell }) };
    },
  };
}
