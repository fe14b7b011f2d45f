/**
 * Resident memory of a process and its descendants (n8n and its task runner), read from /proc, and a
 * forced full GC in a running n8n through the V8 inspector: n8n is started with --inspect-port on a free
 * loopback port, and SIGUSR1 opens the inspector only when the bench asks for the GC, after the timings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { installDir } from '../e2e/harness/install';
import { sleep } from '../e2e/harness/proc';

export interface TreeRss {
	mainMb: number;
	childrenMb: number;
	totalMb: number;
	children: Array<{ pid: number; name: string; mb: number }>;
}

function rssMb(pid: number): number {
	try {
		const line = readFileSync(`/proc/${pid}/status`, 'utf8')
			.split('\n')
			.find((l) => l.startsWith('VmRSS:'));
		return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
	} catch {
		return 0; // gone
	}
}

/** [pid, ppid, name] for every process (the name may hold spaces and parentheses: parse around the last ')'). */
function processTable(): Array<[number, number, string]> {
	const rows: Array<[number, number, string]> = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const close = stat.lastIndexOf(')');
			rows.push([
				Number(entry),
				Number(stat.slice(close + 2).split(' ')[1]),
				stat.slice(stat.indexOf('(') + 1, close),
			]);
		} catch {
			// exited while we looked
		}
	}
	return rows;
}

export function treeRss(pid: number): TreeRss {
	const table = processTable();
	const children: TreeRss['children'] = [];
	const walk = (parent: number) => {
		for (const [child, ppid, name] of table) {
			if (ppid !== parent) continue;
			children.push({ pid: child, name, mb: rssMb(child) });
			walk(child);
		}
	};
	walk(pid);
	const mainMb = rssMb(pid);
	const childrenMb = children.reduce((sum, child) => sum + child.mb, 0);
	return { mainMb, childrenMb, totalMb: mainMb + childrenMb, children };
}

interface MinimalSocket {
	on(event: string, listener: (...args: unknown[]) => void): void;
	send(data: string): void;
	close(): void;
}

/** Opens n8n's inspector (SIGUSR1) and runs HeapProfiler.collectGarbage twice; resolves to what happened. */
export async function forceGc(
	pid: number,
	inspectorPort: number,
): Promise<{ done: boolean; note: string }> {
	let WebSocket: new (url: string) => MinimalSocket;
	try {
		// Node 20 has no WebSocket client of its own; n8n ships ws
		WebSocket = createRequire(join(installDir, 'package.json'))('ws') as typeof WebSocket;
	} catch {
		return { done: false, note: 'ws not found in the n8n install: settled only' };
	}
	process.kill(pid, 'SIGUSR1');
	let target: string | undefined;
	for (let i = 0; i < 25 && !target; i++) {
		await sleep(200);
		target = await fetch(`http://127.0.0.1:${inspectorPort}/json/list`, {
			signal: AbortSignal.timeout(1000),
		})
			.then(
				async (response) =>
					((await response.json()) as Array<{ webSocketDebuggerUrl?: string }>)[0]
						?.webSocketDebuggerUrl,
			)
			.catch(() => undefined);
	}
	if (!target) return { done: false, note: 'the inspector did not open: settled only' };
	const socket = new WebSocket(target);
	return await new Promise((resolve) => {
		const timer = setTimeout(
			() => finish(false, 'the inspector did not answer within 20 s'),
			20_000,
		);
		const finish = (done: boolean, note: string) => {
			clearTimeout(timer);
			socket.close();
			resolve({ done, note });
		};
		socket.on('error', (error) => finish(false, `inspector: ${(error as Error).message}`));
		socket.on('open', () =>
			socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })),
		);
		socket.on('message', (data) => {
			const id = (JSON.parse(String(data)) as { id?: number }).id;
			if (id === 1) socket.send(JSON.stringify({ id: 2, method: 'HeapProfiler.collectGarbage' }));
			if (id === 2) finish(true, 'full GC forced twice through the inspector');
		});
	});
}
