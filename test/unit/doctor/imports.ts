/** What the doctor tests use of the code under test, in one place. */
export * from '../../../src/main/doctor';
