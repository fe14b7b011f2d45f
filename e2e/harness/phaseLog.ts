// Long setup steps (installing Node and n8n, building sqlite3, building the package) print one
// progress line per phase: its name, the elapsed time and what it is fetching or building now.
// Their full output goes to a log file, whose path is printed when a phase fails.
import * as fs from 'fs';
import * as path from 'path';
import type { Log } from './proc';

export interface PhaseLogOptions {
	/** Where every raw line goes. */
	file: string;
	/** Phase lines (start, progress, done, failed). */
	say: Log;
	/** In-place status line (a terminal): progress rewrites it instead of adding lines. */
	status?: (line: string) => void;
	/** How often a running phase reports, when there is no status line. */
	reportEveryMs?: number;
}

/** What a phase is doing, read from its raw output. */
export class PhaseActivity {
	private resolved = new Set<string>();
	private fetched = new Set<string>();
	private last = '';

	see(line: string): void {
		// npm --loglevel=http: a package's metadata ("…/name"), then its tarball ("…/name/-/name-1.0.0.tgz")
		const fetch = /GET 200 https?:\/\/[^/\s]+\/(\S+?)(\/-\/\S+\.tgz)?\s/.exec(line);
		if (fetch) {
			const name = decodeURIComponent(fetch[1]);
			(fetch[2] ? this.fetched : this.resolved).add(name);
			this.last = `${fetch[2] ? 'fetching' : 'resolving'} ${name}`;
			return;
		}
		// node-gyp's make: "  CXX(target) Release/obj.target/…/statement.o", "  SOLINK_MODULE(target) …"
		const make = /^\s*(?:\[[^\]]+\]\s*)?([A-Z][A-Z_]*)\(target\)\s+([^\s:]+)/.exec(line);
		if (make) {
			const verb = make[1] === 'CC' || make[1] === 'CXX' ? 'compiling' : 'linking';
			this.last = `${verb} ${path.basename(make[2])}`;
			return;
		}
		const added = /added (\d+) packages?/.exec(line);
		if (added) this.last = `added ${added[1]} packages`;
	}

	describe(): string {
		const { size: resolved } = this.resolved;
		const counts = [
			resolved ? `${resolved} package${resolved === 1 ? '' : 's'} resolved` : '',
			this.fetched.size ? `${this.fetched.size} fetched` : '',
		];
		return [...counts, this.last].filter(Boolean).join(', ');
	}
}

/** Runs `fn` as a named phase; `fn` writes its raw output to the sink it gets. */
export type PhaseRunner = <T>(name: string, fn: (raw: Log) => Promise<T>) => Promise<T>;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export class PhaseLog {
	readonly file: string;
	private readonly opts: PhaseLogOptions;

	constructor(opts: PhaseLogOptions) {
		this.opts = opts;
		this.file = opts.file;
		fs.mkdirSync(path.dirname(opts.file), { recursive: true });
		this.write(`=== ${new Date().toISOString()} pid ${process.pid}`);
	}

	/** A raw line: to the file only. */
	readonly raw: Log = (line) => this.write(line);

	private write(line: string): void {
		fs.appendFileSync(this.file, line + '\n');
	}

	/**
	 * Runs one phase: `fn` gets the sink for its raw output. A failure is rethrown with the
	 * phase's name, its elapsed time and the log file's path.
	 */
	async run<T>(name: string, fn: (raw: Log) => Promise<T>): Promise<T> {
		const { say, status, reportEveryMs = 30_000 } = this.opts;
		const started = Date.now();
		const activity = new PhaseActivity();
		const line = () =>
			[name, seconds(Date.now() - started), activity.describe()].filter(Boolean).join(' · ');
		this.write(`--- phase: ${name}`);
		say(`${name} ...`);
		const timer = setInterval(() => (status ?? say)(line()), status ? 1000 : reportEveryMs);
		timer.unref();
		try {
			const result = await fn((raw) => {
				this.write(raw);
				activity.see(raw);
			});
			clearInterval(timer);
			status?.('');
			say(`${name} done in ${seconds(Date.now() - started)}`);
			return result;
		} catch (e) {
			clearInterval(timer);
			status?.('');
			const message = e instanceof Error ? e.message : String(e);
			this.write(`--- phase failed: ${name}: ${message}`);
			say(`${name} failed after ${seconds(Date.now() - started)}; full log: ${this.file}`);
			throw new Error(`${name} failed (full log: ${this.file}):\n${message}`);
		}
	}
}

/** A status line rewritten in place on a terminal (empty clears it). */
export function terminalStatus(stream: NodeJS.WriteStream): ((line: string) => void) | undefined {
	if (!stream.isTTY) return undefined;
	return (line) => {
		// a pseudo-terminal may report 0 columns
		const width = Math.max(40, (stream.columns || 100) - 1);
		stream.write(`\r\x1b[K${line.slice(0, width)}`);
	};
}
