/**
 * The push-readiness doctor, renderer side: which endpoint (or which user's
 * endpoints) the "Push readiness" region checks, the run's report as a
 * Resource keyed by the run's id, and the checks streamed (`doctor:check`)
 * while the run is going, so the region fills in as checks complete. A new
 * run replaces the previous one (main cancels it; its late answer is
 * dropped by the key).
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import { loadInto, type Resource } from '../../store/resource';
import type { DoctorCheck, DoctorReport } from '../../../../shared/doctor/report';
import type { DoctorCheckEvent } from '../../../../shared/ipc/doctorContract';
import type { MessageAttributeMap } from '../../../../shared/push/testPush';

export interface DoctorTarget {
  readonly userArn: string;
  /** One endpoint; without it, every endpoint of the user. */
  readonly endpointId?: string;
  readonly voip: boolean;
  /** The channel whose membership preferences are checked; without it, the tagged test channel. */
  readonly channelArn?: string;
  /** The message the preferences are judged for (FILTERED rules); without it, a message without attributes. */
  readonly messageAttributes?: MessageAttributeMap;
}

export interface DoctorSlice {
  readonly doctorTarget?: DoctorTarget;
  readonly doctorRun?: Resource<DoctorReport>;
  /** The current run's checks so far, by endpoint id, in arrival order. */
  readonly doctorStreamed: Readonly<Record<string, readonly DoctorCheck[]>>;
  /** Opens the region on `target` and runs the doctor (VoIP as last chosen unless given). */
  checkReadiness(target: { userArn: string; endpointId?: string; voip?: boolean; channelArn?: string }): Promise<void>;
  /** Runs the open region's check again, with `patch` applied (the VoIP toggle, "all endpoints"). */
  rerunReadiness(patch?: Partial<DoctorTarget>): Promise<void>;
  closeReadiness(): void;
  doctorCheckArrived(event: DoctorCheckEvent): void;
}

let runCount = 0;
const newRunId = () => `run-${++runCount}-${Date.now().toString(36)}`;

/** `{a: undefined}` → `{}`: the contract's optional members take no undefined. */
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const createDoctorSlice: SliceCreator<DoctorSlice> = (set, get) => {
  const run = async (target: DoctorTarget) => {
    const runId = newRunId();
    set({ doctorTarget: target, doctorStreamed: {} });
    await loadInto(
      runId,
      () => getApi()['doctor:run']({ runId, ...target }),
      () => get().doctorRun,
      (doctorRun) => set({ doctorRun }),
    );
  };
  return {
    doctorStreamed: {},
    async checkReadiness({ userArn, endpointId, voip, channelArn }) {
      const previous = get().doctorTarget;
      // The VoIP choice carries over; a named channel only to the same user's next check.
      const channel = channelArn ?? (previous?.userArn === userArn ? previous.channelArn : undefined);
      await run(defined({ userArn, endpointId, voip: voip ?? previous?.voip ?? false, channelArn: channel }));
    },
    async rerunReadiness(patch = {}) {
      const current = get().doctorTarget;
      // An `undefined` in the patch clears: endpointId (every endpoint of the user), channelArn (the tagged channel).
      if (current) await run(defined({ ...current, ...patch }));
    },
    closeReadiness() {
      set({ doctorTarget: undefined, doctorRun: undefined, doctorStreamed: {} });
    },
    doctorCheckArrived({ runId, endpointId, check }) {
      if (get().doctorRun?.key !== runId) return;
      const streamed = get().doctorStreamed;
      set({ doctorStreamed: { ...streamed, [endpointId]: [...(streamed[endpointId] ?? []), check] } });
    },
  };
};
