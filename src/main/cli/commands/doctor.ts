/**
 * `doctor`: the push-readiness doctor (runDoctor) on the command line. With
 * `--json`, exactly the DESIGN document (`toDoctorJson`, schemaVersion 1);
 * else the report as text (`formatDoctorText`). Exit 1 when a check fails, or
 * also when one warns with `--fail-on warning` (`doctorExitCode`).
 */
import { Option } from 'commander';
import { doctorExitCode, formatDoctorText, runDoctor, toDoctorJson } from '../../doctor';
import { parseAttributePairs } from '../../../shared/push/testPush';
import { fromWorkbenchError, usageError } from '../io';
import { collect, USER_FLAG, type Register } from '../command';

export const registerDoctor: Register = (parent, run) => {
  parent
    .command('doctor')
    .description(
      "check every reason a push to the user's endpoints can fail, with the fix as AWS CLI commands (exit 1 when a check fails)",
    )
    .requiredOption(...USER_FLAG)
    .option('--endpoint-id <id>', 'one endpoint (default: every endpoint of the user)')
    .option('--channel <arn>', 'judge the delivery preferences in this channel (default: the tagged test channel)')
    .option('--voip', 'the pushes are VOIP: a VoIP token and channel are required')
    .option('--attribute <key=value>', 'judge the preferences for a message with this attribute (repeatable; FILTERED rules)', collect, [])
    .addOption(
      new Option('--fail-on <verdict>', 'exit 1 on a failed check, or on a warning too')
        .choices(['fail', 'warning'])
        .default('fail'),
    )
    .action(
      run<{ user: string; endpointId?: string; channel?: string; voip?: boolean; attribute: string[]; failOn: 'fail' | 'warning' }>(
        async (ctx, o) => {
          const attributes = parseAttributePairs(o.attribute);
          if (!attributes.ok) throw usageError(`--attribute: ${attributes.error}`);
          const clients = await ctx.clients();
          ctx.out.progress(`Checking ${o.endpointId ?? 'every endpoint'} of ${o.user}…`);
          const report = await runDoctor(
            {
              userArn: o.user,
              ...(o.endpointId && { endpointId: o.endpointId }),
              ...(o.channel && { channelArn: o.channel }),
              ...(o.voip && { voip: true }),
              ...(o.attribute.length > 0 && { messageAttributes: attributes.value }),
            },
            { clients, cliTarget: await ctx.cliTarget(), signal: ctx.signal },
          );
          if (!report.ok) throw fromWorkbenchError(report.error, 'doctor');
          // The contract's document exactly (no envelope of ours around it).
          if (ctx.out.json) ctx.out.streams.stdout.write(`${JSON.stringify(toDoctorJson(report.value), null, 2)}\n`);
          else ctx.out.result({}, () => formatDoctorText(report.value));
          return doctorExitCode(report.value, o.failOn);
        },
      ),
    );
};
