#!/usr/bin/env node
// npm run docs:screenshots: runs the browser suite, which also writes the README's pictures into
// docs/images/ (trigger panel, an execution, credential dialog, test event items, normalized view),
// then shrinks them with optipng when it is installed (apt-get install optipng) and checks the budget.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const imagesDir = path.join(root, 'docs', 'images');
const BUDGET_BYTES = 1.5 * 1024 * 1024;

fs.mkdirSync(imagesDir, { recursive: true });
const suite = spawnSync('npm', ['run', 'test:browser'], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, BCRUMBS_DOCS_IMAGES_DIR: imagesDir },
});
if (suite.status !== 0) process.exit(suite.status ?? 1);

const images = fs
	.readdirSync(imagesDir)
	.filter((f) => f.endsWith('.png'))
	.map((f) => path.join(imagesDir, f));
if (spawnSync('optipng', ['-v'], { stdio: 'ignore' }).status === 0) {
	spawnSync('optipng', ['-quiet', '-o2', '-strip', 'all', ...images], { stdio: 'inherit' });
} else
	console.log(
		'optipng not found: images left as Chromium wrote them (apt-get install optipng shrinks them)',
	);

let total = 0;
for (const file of images) {
	const size = fs.statSync(file).size;
	total += size;
	console.log(`${path.relative(root, file)}  ${(size / 1024).toFixed(0)} kB`);
}
console.log(`total ${(total / 1024).toFixed(0)} kB (budget ${BUDGET_BYTES / 1024} kB)`);
if (total > BUDGET_BYTES) {
	console.error('docs/images/ is over its budget: shrink the viewport or optimise the images');
	process.exit(1);
}
