// Runs in a fresh `node` process (plain JS: no ts-node in the measured process). Times require() of
// n8n-workflow (what n8n has loaded before any community node), then of one node file, counts the
// modules each pulled in, and, for triggers, times the first webhook() call on a valid delivery.
// Input: one JSON argument; output: one JSON line.
'use strict';
const input = JSON.parse(process.argv[2]);
// JSON cannot carry a Buffer: the raw bytes (signed by OneRoute) travel as text
if (input.delivery) input.delivery.rawBody = Buffer.from(input.rawBodyText ?? '');

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const GRAPHQL = /[\\/]node_modules[\\/](graphql-request|graphql)[\\/]/;
const modules = () => Object.keys(require.cache);
/** "zod: 98" style counts of the node_modules packages among `keys`; the package's own files under "(own)" */
function packagesOf(keys) {
	const counts = {};
	for (const key of keys) {
		const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(
			key.slice(key.lastIndexOf('node_modules') - 1),
		);
		const name = match ? match[1].replace(/\\/g, '/') : '(own)';
		counts[name] = (counts[name] || 0) + 1;
	}
	return counts;
}

async function main() {
	let start = process.hrtime.bigint();
	require(input.workflowPath);
	const result = { workflowMs: ms(start), workflowModules: modules().length };
	if (input.file) {
		start = process.hrtime.bigint();
		const exported = require(input.file);
		result.nodeMs = ms(start);
		result.nodeModules = modules().length - result.workflowModules;
		result.nodePackages = packagesOf(modules().slice(result.workflowModules));
		result.graphqlAfterLoad = modules().some((key) => GRAPHQL.test(key));
		const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
		const instance = new NodeClass();
		if (input.delivery && typeof instance.webhook === 'function')
			result.webhook = await firstWebhookCall(instance, input);
	}
	result.totalModules = modules().length;
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function firstWebhookCall(instance, input) {
	const lookup = (name) =>
		name
			.split('.')
			.reduce((value, key) => (value == null ? undefined : value[key]), input.parameters);
	const response = {
		status: () => response,
		json: () => response,
		send: () => response,
		end: () => response,
	};
	// the few IWebhookFunctions members the webhook path uses; n8n-core is not loaded here on purpose
	const context = {
		getRequestObject: () => input.delivery,
		getParamsData: () => ({}),
		getResponseObject: () => response,
		getWorkflowStaticData: () => input.staticData,
		getNodeParameter: (name, fallback) => lookup(name) ?? fallback,
		getMode: () => 'webhook',
		getCredentials: async () => input.credentials,
		getNode: () => ({ name: 'probe' }),
		getTimezone: () => 'UTC',
		logger: { info() {}, warn() {}, debug() {}, error() {} },
		helpers: { returnJsonArray: (items) => items.map((json) => ({ json })) },
	};
	const before = modules().length;
	const begin = process.hrtime.bigint();
	const answer = await instance.webhook.call(context);
	return {
		firstCallMs: ms(begin),
		started: Array.isArray(answer.workflowData),
		modulesLoaded: modules().length - before,
		graphqlAfterCall: modules().some((key) => GRAPHQL.test(key)),
	};
}

main();
