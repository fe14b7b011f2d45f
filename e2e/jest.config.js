// Jest config for the slow end-to-end tests that drive a real n8n (see harness/README.md).
// Run: npx jest -c e2e/jest.config.js   (kept apart from the unit tests' `npm test`).
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	// Installs the pinned n8n once (minutes when cold, instant when warm) before any worker starts.
	globalSetup: '<rootDir>/e2e/jest.globalSetup.ts',
	// a start on a busy 2-core machine can take minutes (2.41 with debug logging); the harness bounds it at 240 s
	testTimeout: 300_000,
	// Each n8n takes ~0.5 GB and most of a core while booting; 2 cores here.
	maxWorkers: 2,
};
