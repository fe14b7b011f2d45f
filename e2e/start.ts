// `npm start`: a real n8n (pinned, loopback only) with this repo's package installed,
// for clicking through by hand. Data persists in <repo>/.n8n-local (git-ignored).
//
//   npx ts-node --transpile-only e2e/start.ts [--port 5678] [--no-build] [--no-package]
//        [--fresh] [--webhook-url http://host:port/] [--log-level debug] [--quiet]
import * as fs from 'fs';
import * as path from 'path';
import { isPortFree } from './harness/free-port';
import { ensureN8n } from './harness/install';
import { N8nProcess } from './harness/n8n';
import { npmPack } from './harness/pack';
import { npmCommand, repoRoot, run } from './harness/proc';
import { DEFAULT_OWNER, N8nRestClient } from './harness/rest';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
};
const say = (line: string) => console.log(`[start] ${line}`);

async function packThisRepo(): Promise<string> {
	if (!flag('no-build')) {
		say('npm run build');
		const { cmd, prefixArgs } = npmCommand();
		const r = await run(cmd, [...prefixArgs, 'run', 'build'], { cwd: repoRoot, log: (l) => console.log(`  ${l}`) });
		if (r.code !== 0) throw new Error('build failed (use --no-package to start n8n without this package)');
	}
	// .npmrc has ignore-scripts=true, so npm pack would not run prepack: we built above.
	return npmPack(repoRoot, path.join(repoRoot, '.cache', 'packs'));
}

async function main() {
	const userFolder = path.join(repoRoot, '.n8n-local');
	if (flag('fresh')) fs.rmSync(userFolder, { recursive: true, force: true });
	await ensureN8n({ log: (l) => console.log(`  ${l}`) });

	const tarball = flag('no-package') ? undefined : await packThisRepo();
	if (tarball) say(`packed ${path.relative(repoRoot, tarball)}`);
	// Re-install on each start so n8n loads the fresh build (n8n caches nothing else).
	fs.rmSync(path.join(userFolder, '.n8n', 'nodes'), { recursive: true, force: true });

	const wanted = Number(option('port') ?? 5678);
	const port = (await isPortFree(wanted)) ? wanted : undefined;
	if (!port) say(`port ${wanted} is busy: using a free one`);
	const webhookUrl = option('webhook-url');

	say('starting n8n ...');
	const n8n = await N8nProcess.start({
		userFolder,
		port,
		packageTarballs: tarball ? [tarball] : [],
		logLevel: option('log-level') ?? 'info',
		env: webhookUrl ? { N8N_WEBHOOK_URL: webhookUrl, WEBHOOK_URL: webhookUrl } : {},
	});
	const rest = new N8nRestClient(n8n.baseUrl);
	await rest.ensureOwner();

	console.log(`
  n8n ${n8n.install.version} is running:  http://localhost:${n8n.port}
  login:       ${DEFAULT_OWNER.email}  /  ${DEFAULT_OWNER.password}
  webhooks:    ${webhookUrl ?? n8n.webhookBaseUrl}
  data + log:  ${path.relative(process.cwd(), userFolder) || '.'}/ (n8n.log)
  Ctrl-C stops n8n.
`);

	// Follow the n8n log on the console.
	let offset = n8n.logs().length;
	const follow = setInterval(() => {
		const text = n8n.logs();
		if (!flag('quiet') && text.length > offset) process.stdout.write(text.slice(offset));
		offset = text.length;
		if (!n8n.running) {
			clearInterval(follow);
			say('n8n exited');
			process.exitCode = 1;
		}
	}, 500);

	const shutdown = async () => {
		clearInterval(follow);
		say('stopping n8n ...');
		await n8n.stop();
		process.exit(0);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
