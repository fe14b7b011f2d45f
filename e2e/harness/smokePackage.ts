// A throwaway community node package used to prove the harness end to end
// without the project's own nodes. Plain JS (no build step), written to a temp dir.
// Its trigger registers itself at a fake remote "service" (the HttpSink) through
// webhookMethods, like a real self-registering trigger does.
import * as fs from 'fs';
import * as path from 'path';

export const SMOKE_PACKAGE = 'n8n-nodes-harness-smoke';
export const SMOKE_NODE_TYPE = `${SMOKE_PACKAGE}.smokeTrigger`;
export const SMOKE_WEBHOOK_PATH = 'smoke';

const nodeSource = `
'use strict';
// Lifecycle calls are POSTed to <serviceUrl>/lifecycle/<op> so a test can observe them.
async function call(ctx, op, body) {
	const serviceUrl = ctx.getNodeParameter('serviceUrl');
	return ctx.helpers.httpRequest({ method: 'POST', url: serviceUrl + '/lifecycle/' + op, body, json: true });
}

class SmokeTrigger {
	constructor() {
		this.description = {
			displayName: 'Harness Smoke Trigger',
			name: 'smokeTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Registers a webhook at a fake service; emits what it receives',
			defaults: { name: 'Smoke Trigger' },
			inputs: [],
			outputs: ['main'],
			// responseData '': n8n 2.8.4 otherwise answers the literal text "firstEntryJson"
			// (its default) and ignores webhookResponse below.
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '${SMOKE_WEBHOOK_PATH}' }],
			credentials: [{ name: 'smokeApi', required: false }],
			properties: [{ displayName: 'Service URL', name: 'serviceUrl', type: 'string', default: '' }],
		};
		this.webhookMethods = {
			default: {
				async checkExists() {
					const staticData = this.getWorkflowStaticData('node');
					const r = await call(this, 'checkExists', {
						url: this.getNodeWebhookUrl('default'),
						mode: this.getMode(),
						staticData: { ...staticData },
					});
					return r.exists === true;
				},
				async create() {
					const staticData = this.getWorkflowStaticData('node');
					const r = await call(this, 'create', { url: this.getNodeWebhookUrl('default'), mode: this.getMode() });
					staticData.registrationId = r.id;
					return true;
				},
				async delete() {
					const staticData = this.getWorkflowStaticData('node');
					await call(this, 'delete', { id: staticData.registrationId, url: this.getNodeWebhookUrl('default') });
					delete staticData.registrationId;
					return true;
				},
			},
		};
	}

	async webhook() {
		const req = this.getRequestObject();
		return {
			webhookResponse: { received: true },
			workflowData: [this.helpers.returnJsonArray([{ body: this.getBodyData(), path: req.path }])],
		};
	}
}
module.exports = { SmokeTrigger };
`;

export const SMOKE_CREDENTIAL_TYPE = 'smokeApi';

// A credential whose "Test" calls GET <url>/credential-test with the token as a header.
const credentialSource = `
'use strict';
class SmokeApi {
	constructor() {
		this.name = '${SMOKE_CREDENTIAL_TYPE}';
		this.displayName = 'Harness Smoke API';
		this.properties = [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = { type: 'generic', properties: { headers: { 'x-token': '={{$credentials.token}}' } } };
		this.test = { request: { baseURL: '={{$credentials.url}}', url: '/credential-test' } };
	}
}
module.exports = { SmokeApi };
`;

/** Writes the package into `dir` (created); returns `dir`. */
export function writeSmokePackage(dir: string): string {
	fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
	const pkg = {
		name: SMOKE_PACKAGE,
		version: '0.0.1',
		description: 'Throwaway package for the e2e harness smoke test',
		keywords: ['n8n-community-node-package'],
		license: 'MIT',
		main: 'index.js',
		files: ['dist', 'index.js'],
		n8n: {
			n8nNodesApiVersion: 1,
			credentials: ['dist/SmokeApi.credentials.js'],
			nodes: ['dist/SmokeTrigger.node.js'],
		},
		peerDependencies: { 'n8n-workflow': '*' },
	};
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	fs.writeFileSync(path.join(dir, 'index.js'), 'module.exports = {};\n');
	fs.writeFileSync(path.join(dir, 'dist', 'SmokeTrigger.node.js'), nodeSource);
	fs.writeFileSync(path.join(dir, 'dist', 'SmokeApi.credentials.js'), credentialSource);
	return dir;
}
