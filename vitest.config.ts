import { defineConfig } from 'vitest/config';

// Tests that start the command or build a whole report take seconds, more on a loaded
// machine; a timeout here is a hang guard, never a speed requirement (speed is measured
// in `npm run bench`).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
