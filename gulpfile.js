// Copies node and credential icons next to the compiled JavaScript in dist/, and the action node's
// output schema to where n8n's editor looks for it (__schema__/v<version>/<resource>/<operation>.json):
// without it the editor's schema preview asks for a file that is not there (HTTP 404).
const fs = require('fs');
const path = require('path');
const { parallel, src, dest, task } = require('gulp');

const WEBHOOK_ITEM_SCHEMA = path.resolve(
	'nodes',
	'Bcrumbs',
	'actions',
	'webhook',
	'webhookItem.schema.json',
);
const WEBHOOK_OPERATIONS = ['create', 'getAll'];

function copyOutputSchemas(done) {
	const dir = path.resolve('dist', 'nodes', 'Bcrumbs', '__schema__', 'v1.0.0', 'webhook');
	fs.mkdirSync(dir, { recursive: true });
	for (const operation of WEBHOOK_OPERATIONS)
		fs.copyFileSync(WEBHOOK_ITEM_SCHEMA, path.join(dir, `${operation}.json`));
	done();
}

function copyIcons() {
	const nodeSource = path.resolve('nodes', '**', '*.{png,svg}');
	const nodeDestination = path.resolve('dist', 'nodes');
	src(nodeSource, { encoding: false }).pipe(dest(nodeDestination));

	const credSource = path.resolve('credentials', '**', '*.{png,svg}');
	const credDestination = path.resolve('dist', 'credentials');
	return src(credSource, { encoding: false }).pipe(dest(credDestination));
}

task('build:icons', parallel(copyIcons, copyOutputSchemas));
