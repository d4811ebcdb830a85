/**
 * "Send test push" over IPC (issue 13): plan, send, membership preference and
 * clean up through the Chime push engine (src/main/push/chime) with the
 * current connection's clients, and the Local sandbox's simulated devices.
 * Each handler answers a Result; the device channels refuse on AWS profiles,
 * where deliveries cannot be seen. On the sandbox, Clean up also removes the
 * simulated devices the app created.
 */
import type { ConnectionManager } from '../../aws/connections';
import type { ServiceClients } from '../../aws/chimeClient';
import { fail, ok, type Result } from '../../../shared/errors';
import type { PlanTestPushInput, PushPreference, TestPushMessage, TestPushPlan } from '../../../shared/push/testPush';
import type { CleanUpOutcome, CleanUpPlanView, EndpointLastDelivery } from '../../../shared/ipc/pushContract';
import {
  cleanUpWorkbenchResources,
  createSandboxPushReader,
  getMembershipPreference,
  listPushChoices,
  planCleanUp,
  planTestPush,
  pushError,
  sendTestPush,
  setMembershipPreference,
  type CleanUpPlan,
} from '../../push/chime';
import {
  createSandboxDevicesClient,
  sandboxError,
  type NewSimulatedDevice,
  type SandboxDevicesClient,
} from '../../push/sandboxDevicesClient';

export interface PushHandlerDeps {
  readonly connections: Pick<ConnectionManager, 'clients' | 'current'>;
  readonly fetch?: typeof fetch;
}

export const NOT_SANDBOX_MESSAGE =
  'Simulated devices exist only on the Local sandbox. With an AWS profile the push goes to real devices: check the device, and watch the endpoint state.';

interface EndpointTokenInput {
  readonly endpointId: string;
  readonly deviceToken?: string | undefined;
  readonly voipDeviceToken?: string | undefined;
}

interface CleanUpScope {
  readonly appInstanceArn: string;
  readonly bearerArn?: string | undefined;
}

const planView = (p: CleanUpPlan): CleanUpPlanView => ({
  appInstanceArn: p.appInstanceArn,
  remove: p.remove,
  summary: p.summary,
});
const scopeOf = ({ appInstanceArn, bearerArn }: CleanUpScope) => ({ appInstanceArn, ...(bearerArn && { bearerArn }) });

export function pushHandlers({ connections, fetch: fetchImpl }: PushHandlerDeps) {
  async function withClients<T>(run: (clients: ServiceClients) => Promise<Result<T>>): Promise<Result<T>> {
    const clients = await connections.clients();
    return clients.ok ? run(clients.value) : clients;
  }
  function sandboxUrl(): Result<string> {
    const info = connections.current();
    return info?.kind === 'sandbox' && info.endpointUrl
      ? ok(info.endpointUrl)
      : fail({ code: 'NotSandbox', message: NOT_SANDBOX_MESSAGE, retryable: false });
  }
  async function withSandbox<T>(run: (sandbox: SandboxDevicesClient) => Promise<Result<T>>): Promise<Result<T>> {
    const url = sandboxUrl();
    return url.ok ? run(createSandboxDevicesClient(url.value, fetchImpl)) : url;
  }

  /** The clean-up plan; on the Local sandbox it includes the simulated devices the workbench created. */
  async function planWithDevices(c: ServiceClients, input: CleanUpScope): Promise<Result<CleanUpPlan>> {
    const url = sandboxUrl();
    if (!url.ok) return planCleanUp(c, scopeOf(input));
    const devices = await createSandboxDevicesClient(url.value, fetchImpl).list();
    if (!devices.ok) return devices;
    return planCleanUp(c, { ...scopeOf(input), sandboxDevices: devices.value });
  }

  return {
    'push:choices': ({ appInstanceArn, userArn, senderArn }: { appInstanceArn: string; userArn: string; senderArn?: string | undefined }) =>
      withClients(async (c) => {
        try {
          return ok(await listPushChoices(c, { appInstanceArn, userArn, senderArn }));
        } catch (e) {
          return fail(pushError(e, 'plan'));
        }
      }),
    'push:plan': (input: PlanTestPushInput) => withClients((c) => planTestPush(c, input)),
    'push:send': (input: TestPushMessage & { plan: TestPushPlan; clientRequestToken?: string | undefined }) =>
      withClients(async (c) => {
        const { clientRequestToken, ...rest } = input;
        return sendTestPush(c, { ...rest, ...(clientRequestToken && { clientRequestToken }) });
      }),
    'push:getPreference': ({ channelArn, memberArn }: { channelArn: string; memberArn: string }) =>
      withClients((c) => getMembershipPreference(c, { channelArn, memberArn })),
    'push:setPreference': ({
      channelArn,
      memberArn,
      preference,
    }: {
      channelArn: string;
      memberArn: string;
      preference: PushPreference;
    }) => withClients((c) => setMembershipPreference(c, { channelArn, memberArn, preference })),
    'push:cleanupPlan': (input: CleanUpScope) =>
      withClients(async (c) => {
        const plan = await planWithDevices(c, input);
        return plan.ok ? ok(planView(plan.value)) : plan;
      }),
    'push:cleanup': (input: CleanUpScope & { confirmed: readonly string[] }) =>
      withClients(async (c): Promise<Result<CleanUpOutcome>> => {
        // A fresh plan, narrowed to what the developer confirmed: nothing found since is removed unseen.
        const plan = await planWithDevices(c, input);
        if (!plan.ok) return plan;
        const confirmed = new Set(input.confirmed);
        // The sender deletes the channels it moderates, so it stays their bearer even when it is kept.
        const bearerArn = plan.value.bearerArn ?? plan.value.remove.find((r) => r.kind === 'sender')?.arn;
        const narrowed = {
          ...plan.value,
          ...(bearerArn && { bearerArn }),
          remove: plan.value.remove.filter((r) => confirmed.has(r.arn)),
        };
        const url = sandboxUrl();
        const devices = url.ok ? createSandboxDevicesClient(url.value, fetchImpl) : undefined;
        const result = await cleanUpWorkbenchResources(c, narrowed, devices ? { removeDevice: (id) => devices.remove(id) } : {});
        return ok({
          removed: result.removed.map(({ arn, text }) => ({ arn, text })),
          failed: result.failed.map(({ arn, text, error }) => ({ arn, text, message: error.message })),
        });
      }),
    'devices:list': () => withSandbox((s) => s.list()),
    'devices:create': (input: NewSimulatedDevice) => withSandbox((s) => s.create(input)),
    'devices:deliveries': ({ deviceId }: { deviceId?: string | undefined }) =>
      withSandbox((s) => s.deliveries(deviceId)),
    'devices:lastDeliveries': async ({
      userArn,
      endpoints,
    }: {
      userArn: string;
      endpoints: readonly EndpointTokenInput[];
    }): Promise<Result<EndpointLastDelivery[]>> => {
      const url = sandboxUrl();
      if (!url.ok) return url;
      try {
        const last = await createSandboxPushReader(url.value, fetchImpl).lastDeliveryByEndpoint(
          endpoints.map((e) => ({ userArn, ...e })),
        );
        return ok([...last].map(([key, value]) => ({ endpointId: key.slice(key.lastIndexOf('#') + 1), last: value })));
      } catch (e) {
        return fail(sandboxError(e, 'GET /_sandbox/deliveries'));
      }
    },
  };
}
