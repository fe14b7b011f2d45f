/// <reference types="jest" />
/**
 * n8n's logger, as the nodes' contexts reach it, records instead of printing. A test asserts the
 * warnings and errors it expects with `takeLogged`; any other warning or error fails the test, so
 * an expected message is checked and an unexpected one is never lost in the test output.
 * Importing the n8n harness installs this for the whole test file (in jest; elsewhere nothing changes).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

type Level = 'error' | 'warn' | 'info' | 'debug';
const LEVELS: Level[] = ['error', 'warn', 'info', 'debug'];

interface Entry {
	level: Level;
	message: string;
	taken: boolean;
}

let entries: Entry[] = [];
let installed = false;

/** Messages logged at `level` since the test began (matching `pattern`), counted as expected. */
export function takeLogged(level: Level, pattern?: RegExp): string[] {
	const matching = entries.filter(
		(entry) => entry.level === level && (!pattern || pattern.test(entry.message)),
	);
	for (const entry of matching) entry.taken = true;
	return matching.map((entry) => entry.message);
}

export function recordN8nLog(): void {
	// outside jest (the benchmarks drive the same harness) n8n's log prints as usual
	if (installed || typeof beforeEach !== 'function') return;
	installed = true;
	const restores: Array<() => void> = [];
	beforeEach(() => {
		entries = [];
		const logger = Container.get(Logger);
		for (const level of LEVELS) {
			// levels below the configured one are fixed no-ops (n8n's Logger.setLevel): nothing to record
			if (Object.getOwnPropertyDescriptor(logger, level)?.writable === false) continue;
			const spy = jest
				.spyOn(logger, level)
				.mockImplementation((...[message]: [string, unknown?]) => {
					entries.push({ level, message: String(message), taken: false });
				});
			restores.push(() => spy.mockRestore());
		}
	});
	afterEach(() => {
		for (const restore of restores.splice(0)) restore();
		const unexpected = entries.filter(
			(entry) => !entry.taken && (entry.level === 'warn' || entry.level === 'error'),
		);
		entries = [];
		if (unexpected.length)
			throw new Error(
				`n8n logged what this test did not expect (assert it with takeLogged):\n` +
					unexpected.map((entry) => `  ${entry.level}: ${entry.message}`).join('\n'),
			);
	});
}

/** The causes of the refusal warnings logged since the test began (each 401 logs its cause once an hour per node). */
export function takeRefusalCauses(): string[] {
	return takeLogged('warn', /refused a delivery with 401/).map(
		(message) => /\(no execution started\): (.*?)\. /.exec(message)?.[1] ?? message,
	);
}
