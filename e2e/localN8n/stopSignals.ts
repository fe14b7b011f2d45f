// `npm start` stops everything on SIGINT (Ctrl-C) and SIGTERM (what a supervisor sends), from its first
// moment: the package script execs this process, so a signal to the `npm start` process reaches it.
let stop: ((code?: number) => Promise<void>) | undefined;

/** What stops the running setup; until it is set, a signal ends this process (and its installs, see proc.ts). */
export function whenStopped(stopEverything: (code?: number) => Promise<void>): void {
	stop = stopEverything;
}

export function installStopSignals(): void {
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.on(signal, () =>
			stop ? void stop() : process.exit(128 + (signal === 'SIGINT' ? 2 : 15)),
		);
}
