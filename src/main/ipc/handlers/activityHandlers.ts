/**
 * The activity log over IPC. Entries are already redacted; the raw input is
 * read only to build a CLI command when the user asks to reveal tokens.
 */
import type { ActivityLog } from '../../aws/activityLog';
import { fail, ok } from '../../../shared/errors';
import { buildCliCommand, tokenPlaceholders, type CliShell } from '../../../shared/aws/cli';
import { isOperationName } from '../../../shared/chime/operations';

export function activityHandlers(log: ActivityLog, now: () => number = Date.now) {
  return {
    'activity:list': () => ok(log.entries()),
    'activity:clear': () => {
      const cleared = log.entries().length;
      log.clear();
      return ok({ cleared });
    },
    'activity:export': () =>
      ok({
        json: log.export(),
        fileName: `chime-workbench-activity-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.json`,
      }),
    'activity:cli': ({ id, revealTokens, shell }: { id: number; revealTokens: boolean; shell: CliShell }) => {
      const entry = log.get(id);
      if (!entry) return fail({ code: 'NotFound', message: `No activity entry ${id} (the log keeps the latest calls only).`, retryable: false });
      if (!isOperationName(entry.operation)) return fail({ code: 'InvalidInput', message: `${entry.operation} is not a Chime SDK Identity operation.`, retryable: false });
      // Hidden tokens become <DEVICE_TOKEN>-style placeholders, never the shortened form (a garbage token if run).
      const input = (revealTokens ? log.rawInput(id) : tokenPlaceholders(entry.input)) as Record<string, unknown>;
      return ok({ command: buildCliCommand(entry.operation, input ?? {}, entry.connection, { multiline: true, shell }) });
    },
  };
}
