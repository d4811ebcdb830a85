/**
 * `doctor:run`: the push-readiness doctor (src/main/doctor) for the current
 * connection, its checks streamed as `doctor:check` events while it runs.
 * One run at a time: a new run (or a connection switch) aborts the one
 * before, which then answers Cancelled and emits nothing more, so a region
 * never mixes two runs' checks.
 */
import { runDoctor } from '../../doctor';
import type { ConnectionManager } from '../../aws/connections';
import type { EventBus } from '../events';
import { WorkbenchCodes, fail, type Result } from '../../../shared/errors';
import type { DoctorReport } from '../../../shared/doctor/report';
import type { DoctorRunInput } from '../../../shared/ipc/doctorContract';

const cancelled = () =>
  fail({ code: WorkbenchCodes.Cancelled, message: 'A newer push-readiness check replaced this one.', retryable: false });

export class DoctorRuns {
  #current: AbortController | undefined;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly bus: EventBus,
  ) {}

  async run({ runId, userArn, endpointId, voip, channelArn, messageAttributes }: DoctorRunInput): Promise<Result<DoctorReport>> {
    this.cancel();
    const controller = new AbortController();
    this.#current = controller;
    const { signal } = controller;
    try {
      const target = this.connections.current();
      const clients = await this.connections.clients();
      if (!clients.ok) return clients;
      if (!target || signal.aborted) return cancelled();
      const result = await runDoctor(
        { userArn, voip, ...(endpointId !== undefined && { endpointId }), ...(channelArn !== undefined && { channelArn }), ...(messageAttributes !== undefined && { messageAttributes }) },
        {
          clients: clients.value,
          cliTarget: target,
          signal,
          onCheck: (id, check) => {
            if (!signal.aborted) this.bus.emit('doctor:check', { runId, endpointId: id, check });
          },
        },
      );
      // An aborted run's checks say "couldn't check"; they describe the abort, not the account.
      return signal.aborted ? cancelled() : result;
    } finally {
      if (this.#current === controller) this.#current = undefined;
    }
  }

  cancel(): void {
    this.#current?.abort();
    this.#current = undefined;
  }
}

export function doctorHandlers(runs: DoctorRuns) {
  return {
    'doctor:run': (input: DoctorRunInput) => runs.run(input),
  };
}
