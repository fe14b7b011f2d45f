// Browser suite: headless Chromium (the system's) against the real n8n + sandbox the e2e harness starts.
// Run: npm run test:browser. One file at a time: each runs its own n8n and a browser on a 2-core machine.
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e/browser'],
	testMatch: ['**/*.browser.test.ts'],
	globalSetup: '<rootDir>/e2e/jest.globalSetup.ts',
	testTimeout: 300_000,
	maxWorkers: 1,
};
