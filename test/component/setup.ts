import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import { resetAppStore } from '../../src/renderer/src/store';

// Files share one jsdom (vitest.config.ts: isolate false), so each test leaves it as it found it.
afterEach(() => {
  cleanup();
  resetAppStore();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.style.cssText = '';
  Reflect.deleteProperty(window, 'workbench');
});
