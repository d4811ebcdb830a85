/**
 * `devices create|list` and `deliveries` (sandbox only): the sandbox's
 * simulated phones and what they received, through its /_sandbox/ control
 * routes (reads through the app's SandboxPushReader).
 */
import { Option } from 'commander';
import { sandboxDeviceSchema, type SandboxDelivery, type SandboxDevice } from '../../../shared/push/deliveries';
import { createSandboxPushReader, type DeliveryQuery } from '../../push/chime';
import { ENDPOINT_TYPES } from '../../../shared/chime/shapes';
import type { CliContext } from '../context';
import { parseDuration, formatDuration } from '../durations';
import { CliError, ExitCode, table } from '../io';
import type { Register } from '../command';
import { pollUntil } from '../wait';

export interface CreateDeviceInput {
  readonly Platform: (typeof ENDPOINT_TYPES)[number];
  readonly Name?: string;
  readonly Voip?: boolean;
  readonly BundleId?: string;
  readonly ProjectId?: string;
}

export async function createDevice(ctx: CliContext, input: CreateDeviceInput): Promise<SandboxDevice> {
  const url = ctx.sandboxUrl('devices create');
  const response = await fetch(`${url}/_sandbox/devices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (response.status === 400)
    throw new CliError(`The sandbox refused the device: ${messageOf(text)}`, ExitCode.Usage, {
      code: 'BadRequestException',
    });
  if (!response.ok)
    throw new CliError(
      `The sandbox answered ${response.status} to POST /_sandbox/devices: ${messageOf(text)}`,
      ExitCode.Aws,
      { code: 'UnexpectedResponse' },
    );
  return sandboxDeviceSchema.parse(JSON.parse(text));
}

function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; Message?: unknown };
    return String(body.message ?? body.Message ?? text);
  } catch {
    return text;
  }
}

/** Deliveries matching `query`, waiting up to `timeoutMs` for one when `await` is set (undefined on timeout). */
export async function awaitDeliveries(
  ctx: CliContext,
  query: DeliveryQuery & { readonly deviceToken?: string },
  timeoutMs: number,
  intervalMs = 500,
): Promise<SandboxDelivery[] | undefined> {
  const reader = createSandboxPushReader(ctx.sandboxUrl('deliveries'));
  return pollUntil(
    async () => {
      const found = (await reader.deliveries(query)).filter(
        (d) => query.deviceToken === undefined || d.DeviceToken === query.deviceToken,
      );
      return found.length > 0 ? found : undefined;
    },
    { timeoutMs, intervalMs, signal: ctx.signal },
  );
}

const deviceRows = (devices: readonly SandboxDevice[]) =>
  table(
    ['DEVICE ID', 'PLATFORM', 'NAME', 'DEVICE TOKEN', 'VOIP TOKEN'],
    devices.map((d) => [d.DeviceId, d.Platform, d.Name, d.DeviceToken, d.VoipDeviceToken]),
    'No simulated devices.',
  );

export const registerDevices: Register = (parent, run) => {
  const devices = parent.command('devices').description("the sandbox's simulated phones (needs --endpoint-url)");

  devices
    .command('create')
    .description('a simulated phone with a device token (and a VoIP token with --voip) for endpoints to point at')
    .addOption(
      new Option('--platform <platform>', 'platform and APNs environment')
        .choices(ENDPOINT_TYPES)
        .makeOptionMandatory(),
    )
    .option('--voip', 'also a PushKit VoIP token (APNs only)')
    .option('--bundle-id <id>', "the app's bundle id (APNs pushes to another topic are refused)")
    .option('--project-id <id>', 'the Firebase project (GCM only)')
    .option('--name <name>', 'a name for the phone')
    .action(
      run<{
        platform: CreateDeviceInput['Platform'];
        voip?: boolean;
        bundleId?: string;
        projectId?: string;
        name?: string;
      }>(async (ctx, o) => {
        const device = await createDevice(ctx, {
          Platform: o.platform,
          ...(o.name && { Name: o.name }),
          ...(o.voip && { Voip: true }),
          ...(o.bundleId && { BundleId: o.bundleId }),
          ...(o.projectId && { ProjectId: o.projectId }),
        });
        ctx.out.result({ device }, () => deviceRows([device]));
      }),
    );

  devices
    .command('list')
    .description('the simulated phones')
    .action(
      run(async (ctx) => {
        const list = await createSandboxPushReader(ctx.sandboxUrl('devices list')).devices();
        ctx.out.result({ devices: list }, () => deviceRows(list));
      }),
    );

  parent
    .command('deliveries')
    .description('what the simulated phones received (sandbox only); --await waits for one (exit 1 on timeout)')
    .option('--await', 'wait until a delivery matches the filters')
    .option('--title <title>', 'only deliveries with this title')
    .option('--device-id <id>', 'only deliveries to this simulated phone')
    .addOption(new Option('--via <via>', 'only deliveries that came this way').choices(['CHIME', 'APNS', 'FCM']))
    .option('--timeout <duration>', 'how long --await waits', '30s')
    .action(
      run<{ await?: boolean; title?: string; deviceId?: string; via?: DeliveryQuery['via']; timeout: string }>(
        async (ctx, o) => {
          const timeoutMs = parseDuration('--timeout', o.timeout);
          const query: DeliveryQuery = {
            ...(o.title !== undefined && { title: o.title }),
            ...(o.deviceId !== undefined && { deviceId: o.deviceId }),
            ...(o.via && { via: o.via }),
          };
          let found: SandboxDelivery[] | undefined;
          if (o.await) {
            ctx.out.progress(`Waiting up to ${formatDuration(timeoutMs)} for a delivery…`);
            found = await awaitDeliveries(ctx, query, timeoutMs);
            if (!found)
              throw new CliError(`No delivery matched within ${formatDuration(timeoutMs)}`, ExitCode.CheckFailed, {
                code: 'Timeout',
              });
          } else found = await createSandboxPushReader(ctx.sandboxUrl('deliveries')).deliveries(query);
          ctx.out.result({ deliveries: found }, () =>
            table(
              ['TIME', 'DEVICE ID', 'VIA', 'TYPE', 'TITLE', 'BODY'],
              found.map((d) => [d.Time, d.DeviceId, d.Via, d.PushType, d.Title, d.Body]),
              'No deliveries.',
            ),
          );
        },
      ),
    );
};
