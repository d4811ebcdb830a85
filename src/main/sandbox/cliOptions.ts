/** The sandbox's command line, parsed with node:util parseArgs (see cli.ts). */
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './core/faults';
import { isRegionName } from '../../shared/aws/regions';
import { DEFAULT_ENDPOINT_LIMIT, DEFAULT_REGION, DEFAULT_VALIDATION_DELAY_MS, type SandboxOptions } from './index';

export const USAGE = `Usage: npm run sandbox -- [options]

A local AWS push cloud (Chime SDK Identity and Messaging, Pinpoint, IAM, STS, Identity Center,
simulated phones, APNs and FCM emulators, the push delivery simulation) on 127.0.0.1.

  --port N               port to listen on (0 = any free port; default 0)
  --region R             region in ARNs and SigV4 scope (default ${DEFAULT_REGION})
  --data FILE            persist state to FILE (each change fsynced before it is answered; restored at start)
  --seed demo            add the "Demo push app" AppInstance with endpoints in every state, its
                         Pinpoint app with channels keyed by the emulators, the push role, the
                         "Workbench push tests" channel, simulated phones behind the ACTIVE
                         endpoints and one misconfiguration of each kind (see README)
  --seed-users N         add N extra users (one endpoint each) to the demo AppInstance
  --faults SPEC          e.g. throttle=0.2,unavailable=0.05,latency=50,deny=chime:SendChannelMessage,after-commit=0.1
  --validation-delay MS  time before a new endpoint's validation result shows (default ${DEFAULT_VALIDATION_DELAY_MS})
  --endpoint-limit N     endpoints allowed per user (default ${DEFAULT_ENDPOINT_LIMIT})
  --access-key K         with --secret-key: verify SigV4 signatures against this key pair
  --secret-key S
  --help                 show this help
`;

export class UsageError extends Error {}

function integer(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} needs an integer from ${min} to ${max}, got "${text}"`);
  return n;
}

export function parseCli(argv: readonly string[]): SandboxOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        region: { type: 'string' },
        data: { type: 'string' },
        seed: { type: 'string' },
        'seed-users': { type: 'string' },
        faults: { type: 'string' },
        'validation-delay': { type: 'string' },
        'endpoint-limit': { type: 'string' },
        'access-key': { type: 'string' },
        'secret-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if (values.seed !== undefined && values.seed !== 'demo') throw new UsageError(`--seed only knows "demo", got "${values.seed}"`);
  if ((values['access-key'] === undefined) !== (values['secret-key'] === undefined)) {
    throw new UsageError('--access-key and --secret-key go together');
  }
  if (values.region !== undefined && !isRegionName(values.region)) {
    throw new UsageError(`--region needs a region name such as us-east-1, got "${values.region}"`);
  }
  let faults;
  try {
    faults = values.faults === undefined ? undefined : parseFaultSpec(values.faults);
  } catch (error) {
    throw new UsageError(`--faults: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    port: integer('--port', values.port, 0, 65535),
    region: values.region,
    dataFile: values.data,
    seed: values.seed === 'demo' ? 'demo' : undefined,
    seedUsers: integer('--seed-users', values['seed-users'], 0, 10_000_000),
    faults,
    validationDelayMs: integer('--validation-delay', values['validation-delay'], 0, 86_400_000),
    endpointLimit: integer('--endpoint-limit', values['endpoint-limit'], 1, 10_000),
    accessKey: values['access-key'],
    secretKey: values['secret-key'],
  };
}

