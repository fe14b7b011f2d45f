// npm run lint:scanner on a small package made here: n8n's scanner configuration, not the package's own,
// inline exceptions ignored, and a README table that must name exactly the rules broken.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../scripts/lint-scanner.mjs');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-scanner-'));

const NODE_SOURCE = `import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import axios from 'axios';

export class Fixture implements INodeType {
	description = { displayName: 'Fixture', name: 'fixture', properties: [] } as unknown as INodeTypeDescription;

	async ping() {
		console.log('ping'); // eslint-disable-line no-console
		return axios;
	}
}
`;

function write(file: string, text: string) {
	fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
	fs.writeFileSync(path.join(scratch, file), text);
}

function readmeListing(rules: string[]): string {
	const rows = rules.map((rule) => `| \`${rule}\` | somewhere | a reason |`).join('\n');
	return `# fixture\n\n## Verification status\n\n| Rule | Where | Why |\n| --- | --- | --- |\n${rows}\n\n## License\n\n| \`not-a-rule-row\` | x |\n`;
}

function scan() {
	const result = spawnSync('node', [script, '--source-only', '--json', scratch], {
		encoding: 'utf8',
	});
	return {
		status: result.status,
		stderr: result.stderr,
		report: JSON.parse(result.stdout) as { broken: string[]; documented: string[] | null },
	};
}

beforeAll(() => {
	write(
		'package.json',
		JSON.stringify(
			{
				name: 'n8n-nodes-fixture',
				version: '1.0.0',
				n8n: { nodes: ['dist/nodes/Fixture/Fixture.node.js'] },
			},
			null,
			2,
		),
	);
	write('nodes/Fixture/Fixture.node.ts', NODE_SOURCE);
	// the package's own lint configuration turns no-console off; the scanner must not read it
	write('eslint.config.mjs', "export default [{ rules: { 'no-console': 'off' } }];\n");
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('npm run lint:scanner', () => {
	test('reports rules that inline eslint-disable comments would hide, and fails while the README does not list them', () => {
		write('README.md', readmeListing(['no-console']));
		const { status, stderr, report } = scan();
		expect(report.broken).toEqual(
			expect.arrayContaining(['@n8n/community-nodes/no-restricted-imports', 'no-console']),
		);
		expect(report.documented).toEqual(['no-console']);
		expect(status).toBe(1);
		expect(stderr).toContain(
			'"Verification status" table lists ["no-console"], but the scan breaks',
		);
		expect(stderr).toContain('@n8n/community-nodes/no-restricted-imports');
	}, 120_000);

	test('passes, still reporting the broken rules, once the README lists exactly those rules', () => {
		write('README.md', readmeListing(['no-console']));
		const broken = scan().report.broken;
		write('README.md', readmeListing([...broken].reverse()));
		const { status, report } = scan();
		expect(status).toBe(0);
		expect(report.broken).toEqual(broken);
		expect(report.documented).toEqual([...broken].sort());
	}, 120_000);
});
