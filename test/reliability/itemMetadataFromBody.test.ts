/**
 * A valid item's `problems` and `rawBody` are the node's metadata: `problems` marks flagged items and
 * `rawBody` appears only with Include Raw Payload. A body field with either name must not pose as them.
 */
import type { Platform } from '../../nodes/shared/core/normalized';
import { exampleNamed, sampleExample } from '../../support/platforms';
import { PLATFORM_CORES } from './support/platformCores';

/** The examples used where not the platform's sample example. */
const EXAMPLES: Partial<Record<Platform, string>> = {
	bcrumbs: 'NEW_CLIENT',
	mobtexting: 'whatsapp-message-status',
};
/** One valid delivery as an object: the first element of a platform that posts arrays (BIK). */
const validExample = (platform: Platform): object => {
	const name = EXAMPLES[platform];
	const { body } = name === undefined ? sampleExample(platform) : exampleNamed(platform, name);
	return (Array.isArray(body) ? body[0] : body) as object;
};

describe.each(PLATFORM_CORES)(
	'$platform: body fields named like item metadata (bug demonstration)',
	(core) => {
		it('a valid item without Include Raw Payload carries neither problems nor rawBody', () => {
			const body = {
				...validExample(core.platform),
				problems: ['sent by the platform'],
				rawBody: 'sent by the platform',
			};
			const [item] = core.parse(body, { includeRawBody: false, filtered: false }).items;
			expect(item.valid).toBe(true);
			expect(item).not.toHaveProperty('problems');
			expect(item).not.toHaveProperty('rawBody');
		});

		it('control: the node still sets valid and normalized itself', () => {
			const body = {
				...validExample(core.platform),
				valid: 'yes',
				normalized: 'forged',
			};
			const [item] = core.parse(body, { includeRawBody: false, filtered: false }).items;
			expect(item.valid).toBe(true);
			expect(item.normalized).toMatchObject({ platform: core.platform });
		});
	},
);
