/** Shared by the doctor's sandbox tests: one bench per file, reset between tests, and the helpers to read a report. */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { runDoctor, type CheckName, type DoctorCheck, type DoctorInput, type DoctorReport } from './imports';
import { startBench, type Bench } from './support';

export const TARGET = { kind: 'sandbox' as const, region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' };

/** Starts a bench for the file (faults off and no push role before each test); `bench()` answers it. */
export function useBench(): () => Bench {
  let b: Bench | undefined;
  beforeAll(async () => {
    b = await startBench();
  });
  afterAll(async () => {
    await b?.close();
  });
  beforeEach(async () => {
    b?.faults('');
    await b?.resetIam();
  });
  return () => {
    if (!b) throw new Error('the bench is not started');
    return b;
  };
}

export async function doctor(b: Bench, input: DoctorInput): Promise<DoctorReport> {
  const result = await runDoctor(input, { clients: b.clients, cliTarget: TARGET });
  if (!result.ok) throw new Error(`doctor failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The checks of the report's only endpoint, by name. */
export async function checksOf(b: Bench, input: DoctorInput): Promise<Map<CheckName, DoctorCheck>> {
  const report = await doctor(b, input);
  expect(report.endpoints).toHaveLength(1);
  return new Map((report.endpoints[0]?.checks ?? []).map((c) => [c.name, c]));
}

export const check = (checks: Map<CheckName, DoctorCheck>, name: CheckName): DoctorCheck => {
  const c = checks.get(name);
  if (!c) throw new Error(`no check ${name} in ${[...checks.keys()].join(', ')}`);
  return c;
};
