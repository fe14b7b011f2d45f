// One import for tests: `import { N8nProcess, N8nRestClient, HttpSink } from '../harness'`.
export { freePort, freePorts, isPortFree } from './freePort';
export { ensureN8n, N8N_VERSION, type N8nInstall } from './install';
export { ENCRYPTION_KEY, installTarballs, N8nProcess, type StartOptions } from './n8n';
export { chain, manualTriggerNode, noOpNode, postJsonNode } from './nodes';
export { npmPack } from './pack';
export { repoRoot } from './proc';
export {
	DEFAULT_OWNER,
	N8nRestClient,
	nodeOutput,
	RestError,
	type Execution,
	type ExecutionSummary,
	type Workflow,
	type WorkflowJson,
} from './rest';
export { HttpSink, reply, type SinkRequest } from './sink';
