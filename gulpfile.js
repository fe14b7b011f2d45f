// Copies node and credential icons next to the compiled JavaScript in dist/, and the action node's
// output schema to where n8n's editor looks for it (__schema__/v<version>/<resource>/<operation>.json):
// without it the editor's schema preview asks for a file that is not there (HTTP 404).
const fs = require('fs');
const path = require('path');
const { parallel, src, dest, task } = require('gulp');

// the operations come from the compiled router (tsc runs first): a new operation needs no line here
function copyOutputSchemas(done) {
	const { operations } = require(path.resolve('dist', 'nodes', 'Bcrumbs', 'actions', 'router.js'));
	for (const [resource, byOperation] of Object.entries(operations)) {
		const schema = path.resolve(
			'nodes',
			'Bcrumbs',
			'actions',
			resource,
			`${resource}Item.schema.json`,
		);
		const dir = path.resolve('dist', 'nodes', 'Bcrumbs', '__schema__', 'v1.0.0', resource);
		fs.mkdirSync(dir, { recursive: true });
		for (const operation of Object.keys(byOperation))
			fs.copyFileSync(schema, path.join(dir, `${operation}.json`));
	}
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
