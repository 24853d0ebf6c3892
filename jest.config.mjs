// Jest runs the JS suites against the real builds: tests/js (the wasm engine
// under Node, parity with the native CLI) and tests/browser (the static site
// in headless Debian Chromium via playwright-core).
export default {
  testEnvironment: 'node',
  transform: {},
  testMatch: ['<rootDir>/tests/js/**/*.test.mjs', '<rootDir>/tests/browser/**/*.test.mjs'],
  testTimeout: 60000,
  // dist/npm is the npm package (its own package.json named sealcheck):
  // the package test installs it elsewhere; Jest's module map leaves it out.
  modulePathIgnorePatterns: ['<rootDir>/dist/npm/'],
  // The browser suite starts Chromium; two workers keep a 2-core machine responsive.
  maxWorkers: 2,
};
