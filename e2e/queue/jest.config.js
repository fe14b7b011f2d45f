// Jest config for the queue-mode suite (real Postgres, Redis, nginx, five n8n processes).
// Run: npm run test:queue  (the lane comes from N8N_LANE, default current).
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e/queue'],
	testMatch: ['**/*.queue.test.ts'],
	globalSetup: '<rootDir>/e2e/jest.globalSetup.ts',
	testTimeout: 900_000,
	maxWorkers: 1,
};
