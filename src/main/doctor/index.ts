/** The push-readiness doctor: the engine (runDoctor) and what the IPC, the renderer and the command line need of it. */
export { runDoctor, type DoctorClients, type DoctorInput, type DoctorOptions } from './doctor';
export { evaluateTrust } from './roleChecks';
export { PUSH_TEST_TAG } from './preferenceChecks';
export { PUSH_ROLE_NAME, PUSH_POLICY_NAME, PUSH_TRUST_POLICY, pushPermissionPolicy } from './fixes';
export * from '../../shared/doctor/report';
