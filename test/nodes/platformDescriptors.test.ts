import type { INodeType } from 'n8n-workflow';

import { BikTrigger } from '../../nodes/Bik/BikTrigger.node';
import { MobtextingTrigger } from '../../nodes/Mobtexting/MobtextingTrigger.node';
import { OneRouteTrigger } from '../../nodes/OneRoute/OneRouteTrigger.node';
import { WakitTrigger } from '../../nodes/Wakit/WakitTrigger.node';
import type { Platform } from '../../nodes/shared/core/normalized';
import { HAND_CONFIGURED } from '../../support/platforms';

type HandConfigured = Exclude<Platform, 'bcrumbs'>;

const NODES: Record<HandConfigured, INodeType> = {
	oneroute: new OneRouteTrigger(),
	bik: new BikTrigger(),
	mobtexting: new MobtextingTrigger(),
	wakit: new WakitTrigger(),
};

const CASES = HAND_CONFIGURED.map((descriptor) => [descriptor.platform, descriptor] as const);

describe.each(CASES)('%s trigger node and its descriptor', (platform, descriptor) => {
	const node = NODES[platform as HandConfigured];

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
