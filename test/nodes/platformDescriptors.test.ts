import { HAND_CONFIGURED } from '../../support/platforms';
import { triggerNodeOf } from '../helpers/triggerNodes';

const CASES = HAND_CONFIGURED.map((descriptor) => [descriptor.platform, descriptor] as const);

describe.each(CASES)('%s trigger node and its descriptor', (_platform, descriptor) => {
	const node = triggerNodeOf(descriptor);

	it('asks for the credential the descriptor verifies with, tested and shown only while Verification is on', () => {
		expect(node.description.credentials).toEqual([
			{
				name: descriptor.credentialType,
				required: true,
				testedBy: 'webhookSecret',
				displayOptions: { show: { verification: ['credentials'] } },
			},
		]);
	});

	it('offers exactly the descriptor filters, between the verification switch and the options', () => {
		const names = node.description.properties.map((property) => property.name);
		expect(names).toEqual([
			'setupNotice',
			'verification',
			'verificationOffNotice',
			...descriptor.filters.map((filter) => filter.name),
			'options',
		]);
		expect(node.description.name).toBe(descriptor.node.name);
	});
});
