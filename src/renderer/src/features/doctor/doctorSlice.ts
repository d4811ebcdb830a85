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

export interface DoctorTarget {
  readonly userArn: string;
  /** One endpoint; without it, every endpoint of the user. */
  readonly endpointId?: string;
  readonly voip: boolean;
}

export interface DoctorSlice {
  readonly doctorTarget?: DoctorTarget;
  readonly doctorRun?: Resource<DoctorReport>;
  /** The current run's checks so far, by endpoint id, in arrival order. */
  readonly doctorStreamed: Readonly<Record<string, readonly DoctorCheck[]>>;
  /** Opens the region on `target` and runs the doctor (VoIP as last chosen unless given). */
  checkReadiness(target: { userArn: string; endpointId?: string; voip?: boolean }): Promise<void>;
  /** Runs the open region's check again, with `patch` applied (the VoIP toggle, "all endpoints"). */
  rerunReadiness(patch?: Partial<DoctorTarget>): Promise<void>;
  closeReadiness(): void;
  doctorCheckArrived(event: DoctorCheckEvent): void;
}

let runCount = 0;
const newRunId = () => `run-${++runCount}-${Date.now().toString(36)}`;

export const createDoctorSlice: SliceCreator<DoctorSlice> = (set, get) => ({
  doctorStreamed: {},
  async checkReadiness({ userArn, endpointId, voip }) {
    const target: DoctorTarget = {
      userArn,
      ...(endpointId !== undefined && { endpointId }),
      voip: voip ?? get().doctorTarget?.voip ?? false,
    };
    const runId = newRunId();
    set({ doctorTarget: target, doctorStreamed: {} });
    await loadInto(
      runId,
      () => getApi()['doctor:run']({ runId, ...target }),
      () => get().doctorRun,
      (doctorRun) => set({ doctorRun }),
    );
  },
  async rerunReadiness(patch = {}) {
    const current = get().doctorTarget;
    if (!current) return;
    const { endpointId, ...rest } = { ...current, ...patch };
    // `endpointId: undefined` in the patch means "every endpoint of the user".
    const one = 'endpointId' in patch ? patch.endpointId : endpointId;
    await get().checkReadiness({ ...rest, ...(one !== undefined && { endpointId: one }) });
  },
  closeReadiness() {
    set({ doctorTarget: undefined, doctorRun: undefined, doctorStreamed: {} });
  },
  doctorCheckArrived({ runId, endpointId, check }) {
    if (get().doctorRun?.key !== runId) return;
    const streamed = get().doctorStreamed;
    set({ doctorStreamed: { ...streamed, [endpointId]: [...(streamed[endpointId] ?? []), check] } });
  },
});
