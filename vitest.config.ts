import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // Explicit, or vitest would collect the Playwright specs in e2e/.
    include: ['utils/**/*.test.ts', 'components/**/*.test.tsx', 'scripts/**/*.test.ts', 'hooks/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    // Components import their stylesheets as text (`?inline`); without this vitest hands them over empty.
    css: true,
  },
});
