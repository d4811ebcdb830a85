import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { resetAppStore } from '../../src/renderer/src/store';

afterEach(() => {
  cleanup();
  resetAppStore();
});
