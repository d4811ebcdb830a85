// The request builder is pure and shared with the command line (`endpoints register`, `smoke`): it lives in src/shared.
export * from '../../../../shared/chime/registrationRequest';
