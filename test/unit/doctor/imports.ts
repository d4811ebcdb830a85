/** What the doctor tests use of the code under test, in one place. */
export { IamState } from '../../../src/main/sandbox/iam';
export * from '../../../src/main/doctor';
