/**
 * Fault injection for GraphQL requests, so node tests can see how they cope
 * with a gateway that refuses, fails, stalls or answers garbage.
 */
import type { FaultMode, FaultOptions } from './types';

export const FAULT_MODES: readonly FaultMode[] = [
	'none',
	'forbidden',
	'http500',
	'slow',
	'malformed',
	'wrongShape',
];
export const DEFAULT_SLOW_DELAY_MS = 5000;

export interface ActiveFault {
	mode: Exclude<FaultMode, 'none'>;
	delayMs: number;
}

export interface FaultState {
	mode: FaultMode;
	delayMs: number;
	remaining: number | null;
	operations: string[] | null;
	after: number;
}

export function isFaultMode(value: unknown): value is FaultMode {
	return typeof value === 'string' && (FAULT_MODES as readonly string[]).includes(value);
}

export class FaultController {
	private state: FaultState = FaultController.none();

	private static none(): FaultState {
		return {
			mode: 'none',
			delayMs: DEFAULT_SLOW_DELAY_MS,
			remaining: null,
			operations: null,
			after: 0,
		};
	}

	set(mode: FaultMode, options: FaultOptions = {}): void {
		if (!isFaultMode(mode))
			throw new Error(`Unknown fault mode: ${String(mode)} (valid: ${FAULT_MODES.join(', ')})`);
		const { delayMs, remaining, operations, after } = options;
		if (after !== undefined && !(Number.isInteger(after) && after >= 0))
			throw new Error('after must be an integer >= 0');
		if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
			throw new Error('delayMs must be a number >= 0');
		}
		if (remaining !== undefined && !(Number.isInteger(remaining) && remaining >= 0)) {
			throw new Error('remaining must be an integer >= 0');
		}
		if (
			operations !== undefined &&
			!(Array.isArray(operations) && operations.every((o) => typeof o === 'string'))
		) {
			throw new Error('operations must be an array of root field names');
		}
		this.state = {
			mode: remaining === 0 ? 'none' : mode,
			delayMs: delayMs ?? DEFAULT_SLOW_DELAY_MS,
			remaining: remaining ?? null,
			operations: operations ?? null,
			after: after ?? 0,
		};
	}

	reset(): void {
		this.state = FaultController.none();
	}

	current(): FaultState {
		return { ...this.state, operations: this.state.operations && [...this.state.operations] };
	}

	/**
	 * Decides whether this request (with these root fields) is faulted, and
	 * consumes one of `remaining` if so. Non-matching requests pass untouched.
	 */
	take(rootFields: string[]): ActiveFault | undefined {
		const { mode, delayMs, remaining, operations } = this.state;
		if (mode === 'none') return undefined;
		if (operations && !rootFields.some((f) => operations.includes(f))) return undefined;
		if (this.state.after > 0) {
			this.state.after -= 1;
			return undefined;
		}
		if (remaining !== null) {
			this.state.remaining = remaining - 1;
			if (this.state.remaining <= 0) this.reset();
		}
		return { mode, delayMs };
	}
}
