#!/usr/bin/env node
// Validates the GitHub Actions workflows against SchemaStore's GitHub workflow JSON schema with ajv, so a
// typo fails here instead of on GitHub (or on the first release). `node scripts/check-workflows.js [file...]`
// checks other files; without arguments it checks every .github/workflows/*.yml.
//
// The schema: no npm package ships SchemaStore's github-workflow.json as a file, but the pinned dev
// dependency @action-validator/core (a workflow validator) embeds it verbatim in its WebAssembly module.
// We read it from there, so the schema comes from the registry with the rest of the dev dependencies.
// SchemaStore's schemas are licensed under the Apache License 2.0.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv');
const YAML = require('yaml');

const SCHEMA_ID = 'https://json.schemastore.org/github-workflow.json';

function loadWorkflowSchema() {
	const wasm = fs.readFileSync(require.resolve('@action-validator/core/action_validator_bg.wasm'));
	const text = wasm.toString('latin1'); // one character per byte, so indexes are byte offsets
	const idAt = text.indexOf(`"$id": "${SCHEMA_ID}"`);
	if (idAt < 0) throw new Error(`@action-validator/core no longer embeds ${SCHEMA_ID}`);
	// the embedded file is pretty-printed: its opening brace is the last one at the start of a line
	const start = text.lastIndexOf('\n{', idAt) + 1;
	const schema = JSON.parse(wasm.subarray(start, closingBrace(text, start) + 1).toString('utf8'));
	if (schema.$id !== SCHEMA_ID) throw new Error(`expected ${SCHEMA_ID}, found ${schema.$id}`);
	return schema;
}

/** Index of the brace closing the JSON object that opens at `start` (braces inside strings skipped). */
function closingBrace(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{') depth++;
		else if (char === '}' && --depth === 0) return i;
	}
	throw new Error('unterminated JSON object');
}

/** Returns readable problems for one workflow file; empty when it is valid. */
function validateWorkflow(validate, file) {
	const document = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
	if (document.errors.length > 0) return document.errors.map((error) => `YAML: ${error.message}`);
	if (validate(document.toJS())) return [];
	const problems = validate.errors.map((error) => {
		const where = error.instancePath || '(top level)';
		const detail = error.params.additionalProperty ? ` '${error.params.additionalProperty}'` : '';
		return `${where} ${error.message}${detail}`;
	});
	return [...new Set(problems)];
}

function main() {
	const root = path.resolve(__dirname, '..');
	const workflowsDir = path.join(root, '.github', 'workflows');
	const files =
		process.argv.length > 2
			? process.argv.slice(2).map((file) => path.resolve(file))
			: fs
					.readdirSync(workflowsDir)
					.filter((name) => /\.ya?ml$/.test(name))
					.map((name) => path.join(workflowsDir, name));
	if (files.length === 0) throw new Error('no workflow files to check');
	// strict off: SchemaStore's schema uses keywords that ajv's strict mode refuses in a schema
	const validate = new Ajv({ strict: false, allErrors: true }).compile(loadWorkflowSchema());
	let failed = false;
	for (const file of files) {
		const problems = validateWorkflow(validate, file);
		const name = path.relative(process.cwd(), file);
		if (problems.length === 0) {
			console.log(`${name}: valid GitHub workflow`);
		} else {
			failed = true;
			console.error(`${name}: not a valid GitHub workflow\n  ${problems.join('\n  ')}`);
		}
	}
	if (failed) process.exit(1);
}

if (require.main === module) main();

module.exports = { loadWorkflowSchema, validateWorkflow };
