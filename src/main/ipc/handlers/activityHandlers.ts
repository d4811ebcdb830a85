/**
 * The activity log over IPC. Entries are already redacted; the raw input is
 * read only to build a CLI command when the user asks to reveal tokens.
 */
import type { ActivityLog } from '../../aws/activityLog';
import { fail, ok } from '../../../shared/errors';
import { buildAwsCliCommand, buildCliCommand, tokenPlaceholders, type CliShell } from '../../../shared/aws/cli';
import type { ActivityService } from '../../../shared/aws/types';
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
      if (entry.service) {
        // Messaging, Pinpoint and IAM inputs hold no device token; the logged idempotency token is left out
        // (the CLI makes a fresh one, the logged one would conflict or replay the call).
        const { ClientRequestToken: _reused, ...input } = (log.rawInput(id) ?? {}) as Record<string, unknown>;
        return ok({ command: buildAwsCliCommand(CLI_SERVICE[entry.service], entry.operation, input, entry.connection, { multiline: true, shell }) });
      }
      if (!isOperationName(entry.operation)) return fail({ code: 'InvalidInput', message: `${entry.operation} is not a Chime SDK Identity operation.`, retryable: false });
      // Hidden tokens become <DEVICE_TOKEN>-style placeholders, never the shortened form (a garbage token if run).
      const input = (revealTokens ? log.rawInput(id) : tokenPlaceholders(entry.input)) as Record<string, unknown>;
      return ok({ command: buildCliCommand(entry.operation, input ?? {}, entry.connection, { multiline: true, shell }) });
    },
  };
}

/** The AWS CLI's name of each logged service. */
const CLI_SERVICE: Readonly<Record<ActivityService, string>> = { messaging: 'chime-sdk-messaging', pinpoint: 'pinpoint', iam: 'iam' };
