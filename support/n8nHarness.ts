/**
 * Runs nodes through n8n-core's real execution contexts around a real n8n-workflow Workflow:
 * real parameter resolution, real static data, real httpRequestWithAuthentication (axios over HTTP).
 * Only the credential store is ours: it hands out the credential data a test gives it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-bcrumbs-test-'));

import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';
import { ExecuteContext } from 'n8n-core';

import { BcrumbsApi } from '../credentials/BcrumbsApi.credentials';
import { recordN8nLog } from './n8nLog';

recordN8nLog();

const credentialTypes: Record<string, ICredentialType> = { bcrumbsApi: new BcrumbsApi() };

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	/**
	 * Applies a credential type's `authenticate` the way n8n's CredentialsHelper does: a function is called
	 * with the credential data and the request; a generic one has its expressions resolved by the real engine.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const credentialType = credentialTypes[typeName];
		const authenticate = credentialType?.authenticate;
		if (typeof authenticate === 'function')
			return await authenticate.call(credentialType, credentials, requestOptions);
		if (typeof authenticate !== 'object') return requestOptions;
		const resolve = (value: string) =>
			workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			const target = ((requestOptions as unknown as Record<string, IDataObject>)[section] ??= {});
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				target[String(resolve(key))] = resolve(value) as string;
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return { ...found };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

export function nodeTypesOf(types: Record<string, INodeType>): INodeTypes {
	return {
		getByName: (name) => types[name.split('.').pop() as string],
		getByNameAndVersion: (name) => types[name.split('.').pop() as string],
		getKnownTypes: () => ({}),
	};
}

export function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	baseUrl = 'http://localhost:5678',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		variables: {},
		executionId: 'test-execution',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface ExecuteNodeOptions {
	nodeType: INodeType;
	typeName: string;
	parameters: INode['parameters'];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	inputItems?: INodeExecutionData[];
	continueOnFail?: boolean;
}

/** Runs one node's execute() through n8n-core's ExecuteContext, as a manual execution would. */
export async function executeNode(options: ExecuteNodeOptions): Promise<INodeExecutionData[][]> {
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type: options.typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((type) => [type, { id: '1', name: type }]),
		),
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesOf({ [options.typeName.split('.').pop() as string]: options.nodeType }),
	});
	const items = options.inputItems ?? [{ json: {} }];
	const inputData = { main: [items] };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(options.credentials),
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		{ node, data: inputData, source: null },
		[],
	);
	return (await options.nodeType.execute!.call(context)) as INodeExecutionData[][];
}
