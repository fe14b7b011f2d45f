import { isoFromEpochMs, toEpochMs } from '../../shared/core/timestamps';
import type { WakitMessageStatus } from './schemas';

/** Where each state sits in a message's life, to break ties between states reached in the same second. */
const STATE_ORDER = ['pending', 'sent', 'delivered', 'read', 'failed', 'deleted'];

export interface LatestStatus {
	state: string;
	/** ISO 8601, null when the time could not be read */
	at: string | null;
}

/**
 * The state a message is in now: the one with the newest timestamp. Ties (second precision) go to the
 * later state in the message's life, then to the later key. With no readable time at all, the last key
 * wins, as the row lists states in the order they were reached.
 */
export function latestStatus(
	status: WakitMessageStatus | null | undefined,
	/** where a time sent without a zone is read */
	timeZone = 'UTC',
): LatestStatus | null {
	if (status === null || status === undefined) return null;
	if (typeof status === 'string')
		return status.trim() === '' ? null : { state: status.trim().toLowerCase(), at: null };
	// each time read once, as a number; only the winner's is written out as ISO
	const entries = Object.entries(status).map(([state, time], index) => {
		const name = state.trim().toLowerCase();
		return {
			state: name,
			time: toEpochMs(time, timeZone) ?? -Infinity,
			rank: STATE_ORDER.indexOf(name),
			index,
		};
	});
	if (entries.length === 0) return null;
	const best = entries.reduce((current, candidate) =>
		isLater(candidate, current) ? candidate : current,
	);
	return {
		state: best.state,
		at: best.time === -Infinity ? null : (isoFromEpochMs(best.time) ?? null),
	};
}

function isLater(
	a: { time: number; rank: number; index: number },
	b: { time: number; rank: number; index: number },
): boolean {
	if (a.time !== b.time) return a.time > b.time;
	if (a.rank !== b.rank) return a.rank > b.rank;
	return a.index > b.index;
}
