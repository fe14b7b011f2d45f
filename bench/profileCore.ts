/**
 * The core benchmark's receive steps in a plain loop, for a CPU profile:
 *   node --cpu-prof --cpu-prof-dir=.cache/profiles -r ts-node/register/transpile-only bench/profileCore.ts [filter] [seconds]
 *   node bench/cpuProfileTop.js .cache/profiles/<file>.cpuprofile 25 runSlice
 * `filter` keeps the examples whose "platform event" contains it (e.g. "bcrumbs INCOMING_MESSAGE").
 */
import { allDeliveries, decode, receiveStep, type DecodedDelivery } from './platformDeliveries';
import { consume } from './timing';

const filter = process.argv[2] ?? '';
const seconds = Number(process.argv[3] ?? 5);
const POOL = 32;

const cases = allDeliveries()
	.filter((delivery) => `${delivery.platform} ${delivery.name}`.includes(filter))
	.map((delivery) => ({
		step: receiveStep(delivery.platform),
		pool: Array.from({ length: POOL }, (): DecodedDelivery => decode(delivery)),
	}));
if (cases.length === 0) throw new Error(`no example matches "${filter}"`);

// every example gets the same share of the time
const sliceNs = BigInt(Math.round((seconds * 1e9) / cases.length));
/** One example's share of the time; named so the profile can be read for this work alone. */
function runSlice(step: (typeof cases)[number]['step'], pool: DecodedDelivery[]): number {
	let runs = 0;
	const end = process.hrtime.bigint() + sliceNs;
	for (let i = 0; process.hrtime.bigint() < end; i++) {
		for (let k = 0; k < 100; k++) consume(step(pool[(i + k) % POOL]));
		runs += 100;
	}
	return runs;
}

let runs = 0;
for (const { step, pool } of cases) runs += runSlice(step, pool);
process.stdout.write(
	`${cases.length} example(s), ${runs.toLocaleString('en-US')} deliveries in ${seconds} s\n`,
);
