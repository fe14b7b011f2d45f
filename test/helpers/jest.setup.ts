// n8n-core's SSH client manager starts a cleanup interval when the first execution context is built;
// stop it so jest exits cleanly, as n8n does on shutdown.
afterAll(() => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new (...args: any[]) => { onShutdown(): void };
	};
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
