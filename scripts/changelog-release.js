#!/usr/bin/env node
// npm's `version` lifecycle script: moves the entries under "## [Unreleased]" in CHANGELOG.md under a
// heading for the version npm just wrote to package.json, dated today, and leaves Unreleased empty.
// `--check <version>` only asserts that CHANGELOG.md has that version's heading (the publish workflow
// uses it, so a tag cut without the changelog step is refused before anything is published).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const UNRELEASED = /^## \[Unreleased\][^\n]*\n/m;
const NEXT_HEADING = /^## \[/m;

/** Returns the changelog with the Unreleased entries under `version`; throws when there is nothing to release. */
function releaseChangelog(changelog, version, date) {
	if (hasVersion(changelog, version))
		throw new Error(`CHANGELOG.md already has a heading for ${version}`);
	const unreleased = UNRELEASED.exec(changelog);
	if (!unreleased) throw new Error('CHANGELOG.md has no "## [Unreleased]" heading');
	const bodyStart = unreleased.index + unreleased[0].length;
	const rest = changelog.slice(bodyStart);
	const next = NEXT_HEADING.exec(rest);
	const body = (next ? rest.slice(0, next.index) : rest).trim();
	if (!/^\s*[-*] /m.test(body)) {
		throw new Error(
			`Nothing to release: add this version's changes under "## [Unreleased]" in CHANGELOG.md first`,
		);
	}
	const after = next ? rest.slice(next.index) : '';
	const released = `## [Unreleased]\n\n## [${version}] - ${date}\n\n${body}\n`;
	return changelog.slice(0, unreleased.index) + released + (after ? `\n${after}` : '');
}

function hasVersion(changelog, version) {
	return new RegExp(
		`^## \\[${version.replace(/[.+]/g, '\\$&')}\\] - \\d{4}-\\d{2}-\\d{2}$`,
		'm',
	).test(changelog);
}

function main() {
	const dir = process.cwd();
	const file = path.join(dir, 'CHANGELOG.md');
	const changelog = fs.readFileSync(file, 'utf8');
	const args = process.argv.slice(2);
	if (args[0] === '--check') {
		const version = (args[1] || '').replace(/^v/, '');
		if (!hasVersion(changelog, version)) {
			console.error(
				`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" heading: release with npm version (see CONTRIBUTING.md, Releasing).`,
			);
			process.exit(1);
		}
		console.log(`CHANGELOG.md has the ${version} heading.`);
		return;
	}
	const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const today = new Date().toISOString().slice(0, 10);
	try {
		fs.writeFileSync(file, releaseChangelog(changelog, version, today));
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
	console.log(`CHANGELOG.md: Unreleased entries moved under ${version} (${today}).`);
}

if (require.main === module) main();

module.exports = { releaseChangelog, hasVersion };
