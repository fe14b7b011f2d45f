// Free loopback TCP ports. Why: several n8n instances (and their task-runner
// brokers) may run in parallel; fixed ports would clash.
import * as net from 'net';

/** Ask the OS for a free port on 127.0.0.1 (bind to 0, read it, release it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

/** `count` distinct free ports (held together while choosing, so they differ). */
export async function freePorts(count: number): Promise<number[]> {
	const servers: net.Server[] = [];
	try {
		const ports: number[] = [];
		for (let i = 0; i < count; i++) {
			const srv = net.createServer();
			servers.push(srv);
			ports.push(
				await new Promise<number>((resolve, reject) => {
					srv.on('error', reject);
					srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port));
				}),
			);
		}
		return ports;
	} finally {
		await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
	}
}

/** True if nothing listens on 127.0.0.1:port right now. */
export function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}
