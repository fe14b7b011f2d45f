/**
 * A valid item's `problems` and `rawBody` are the node's metadata: `problems` marks flagged items and
 * `rawBody` appears only with Include Raw Payload. A body field with either name must not pose as them.
 */
import { fixture } from '../platforms/helpers';
import { exampleEvent } from '../../sandbox/examples';
import { PLATFORM_CORES } from './support/platformCores';

const VALID_EXAMPLES: Record<string, () => unknown> = {
	bcrumbs: () => exampleEvent('NEW_CLIENT'),
	oneroute: () => fixture('oneroute', 'new-message-text'),
	bik: () => fixture('bik', 'incoming-message')[0],
	mobtexting: () => fixture('mobtexting', 'whatsapp-message-status'),
	wakit: () => fixture('wakit', 'message-insert-incoming'),
};

describe.each(PLATFORM_CORES)(
	'$platform: body fields named like item metadata (bug demonstration)',
	(core) => {
		it('a valid item without Include Raw Payload carries neither problems nor rawBody', () => {
			const body = {
				...(VALID_EXAMPLES[core.platform]() as object),
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
				...(VALID_EXAMPLES[core.platform]() as object),
				valid: 'yes',
				normalized: 'forged',
			};
			const [item] = core.parse(body, { includeRawBody: false, filtered: false }).items;
			expect(item.valid).toBe(true);
			expect(item.normalized).toMatchObject({ platform: core.platform });
		});
	},
);
