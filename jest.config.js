/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testTimeout: 20000,
	setupFilesAfterEnv: ['<rootDir>/test/helpers/jest.setup.ts'],
};
