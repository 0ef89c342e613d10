/**
 * Runs real workflow JSON in this process through n8n-core: parameters and expressions are
 * resolved by n8n-workflow, webhooks are answered through n8n-core's WebhookContext (with a
 * recording HTTP response), and the rest of the workflow runs in n8n-core's WorkflowExecute.
 * Only the HTTP wire is simulated; no n8n server is started.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'callback-inprocess-'));

// @n8n/di is n8n-core's own container (installed with it); its SSH manager is not re-exported.
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	createRunExecutionData,
	Workflow,
	type IConnections,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestOptions,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import * as packageExports from '../../index';

export interface WorkflowJson {
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject;
}

const PACKAGE_PREFIX = 'n8n-nodes-callback.';

/** The package's node types under the names users get when they install it. */
export function packageNodeTypes(): INodeTypes {
	const byName = new Map<string, INodeType>();
	for (const exported of Object.values(packageExports)) {
		const candidate = new (exported as new () => unknown)();
		if (candidate && typeof candidate === 'object' && 'description' in candidate && 'properties' in (candidate as INodeType).description) {
			const nodeType = candidate as INodeType;
			byName.set(PACKAGE_PREFIX + nodeType.description.name, nodeType);
		}
	}
	const get = (name: string) => {
		const nodeType = byName.get(name);
		if (!nodeType) throw new Error(`Unknown node type ${name}; known: ${[...byName.keys()].join(', ')}`);
		return nodeType;
	};
	return {
		getByName: get,
		getByNameAndVersion: (name: string) => get(name),
		getKnownTypes: () => Object.fromEntries([...byName.keys()].map((name) => [name, { className: name, sourcePath: '' }])),
	};
}

export function loadWorkflow(json: WorkflowJson, staticData: IDataObject = {}): Workflow {
	return new Workflow({
		id: 'in-process',
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		active: true,
		nodeTypes: packageNodeTypes(),
		staticData,
		settings: { executionOrder: 'v1', ...(json.settings ?? {}) },
	});
}

/** The package's credential types by name (`callbackTwilioApi` …). */
export function packageCredentialTypes(): Map<string, ICredentialType> {
	const byName = new Map<string, ICredentialType>();
	for (const exported of Object.values(packageExports)) {
		const candidate = new (exported as new () => unknown)() as Partial<ICredentialType> & { description?: unknown };
		if (candidate.description === undefined && typeof candidate.name === 'string' && Array.isArray(candidate.properties)) {
			byName.set(candidate.name, candidate as ICredentialType);
		}
	}
	return byName;
}

/**
 * What n8n's credentials helper does before a request made with `httpRequestWithAuthentication`:
 * applies the credential type's `authenticate` definition, its expressions resolved against the
 * credential's values by the workflow's own expression engine.
 */
async function applyCredentialAuthentication(
	credentials: ICredentialDataDecryptedObject,
	typeName: string,
	requestOptions: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
): Promise<IHttpRequestOptions> {
	const type = packageCredentialTypes().get(typeName);
	if (type?.authenticate === undefined) return requestOptions;
	if (typeof type.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
	if (type.authenticate.type !== 'generic') throw new Error(`Unknown authenticate type of ${typeName}`);
	const resolve = (value: unknown): unknown =>
		typeof value === 'string' && value.startsWith('=')
			? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
			: value;
	const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
	for (const [target, entries] of Object.entries(type.authenticate.properties)) {
		const bucket = (options[target] ??= {});
		for (const [key, value] of Object.entries(entries as Record<string, unknown>)) bucket[String(resolve(key))] = resolve(value);
	}
	return requestOptions;
}

function additionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	http?: { request: unknown; response: unknown },
): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	return {
		credentialsHelper: {
			getDecrypted: async (_data: unknown, _node: unknown, type: string) => {
				if (!credentials[type]) throw new Error(`No credential of type ${type} in this test`);
				return { ...credentials[type] };
			},
			authenticate: applyCredentialAuthentication,
			preAuthentication: async () => undefined,
			getParentTypes: () => [],
			getCredentials: async () => undefined,
			getCredentialsProperties: () => [],
			updateCredentials: async () => undefined,
			updateCredentialsOauthTokenData: async () => undefined,
		} as unknown as IWorkflowExecuteAdditionalData['credentialsHelper'],
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in-process');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		variables: {},
		externalSecretsProxy: {} as IWorkflowExecuteAdditionalData['externalSecretsProxy'],
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in-process');
		},
		httpRequest: http?.request as IWorkflowExecuteAdditionalData['httpRequest'],
		httpResponse: http?.response as IWorkflowExecuteAdditionalData['httpResponse'],
	};
}

/** What an HTTP client would have received. */
export interface RecordedResponse {
	status: number;
	headers: Record<string, string>;
	body: unknown;
	sent: boolean;
}

function recordingResponse(): { response: unknown; recorded: RecordedResponse } {
	const recorded: RecordedResponse = { status: 200, headers: {}, body: undefined, sent: false };
	const response = {
		get headersSent() {
			return recorded.sent;
		},
		status(code: number) {
			recorded.status = code;
			return response;
		},
		setHeader(name: string, value: string) {
			recorded.headers[name.toLowerCase()] = value;
			return response;
		},
		send(body: unknown) {
			recorded.body = body;
			recorded.sent = true;
			return response;
		},
		json(body: unknown) {
			recorded.headers['content-type'] ??= 'application/json';
			recorded.body = body;
			recorded.sent = true;
			return response;
		},
		end() {
			recorded.sent = true;
		},
	};
	return { response, recorded };
}

export interface IncomingRequest {
	method: 'GET' | 'POST';
	headers?: Record<string, string>;
	body?: unknown;
	rawBody?: Buffer;
	query?: Record<string, string>;
	ip?: string;
}

export interface WebhookCall {
	webhookResult: IWebhookResponseData;
	/** The answer the client gets: the node's own, or the webhookResponse n8n would send. */
	response: RecordedResponse;
}

/** Answers one HTTP request with the named trigger node, as n8n's webhook server would. */
export async function callWebhook(
	workflow: Workflow,
	nodeName: string,
	request: IncomingRequest,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
): Promise<WebhookCall> {
	const node = workflow.getNode(nodeName);
	if (!node) throw new Error(`No node named ${nodeName}`);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks?.find((webhook) => webhook.httpMethod === request.method);
	if (!description || !nodeType.webhook) throw new Error(`${nodeName} has no ${request.method} webhook`);

	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
	const { response, recorded } = recordingResponse();
	const httpRequest = {
		method: request.method,
		headers,
		body: request.body ?? {},
		rawBody: request.rawBody,
		query: request.query ?? {},
		params: {},
		ip: request.ip ?? '127.0.0.1',
	};
	const webhookData = { webhookDescription: description, node: nodeName, httpMethod: request.method } as unknown as IWebhookData;
	const context = new WebhookContext(
		workflow,
		node,
		additionalData(credentials, { request: httpRequest, response }),
		'webhook',
		webhookData,
		[],
		null,
	);
	const webhookResult = await nodeType.webhook.call(context);
	if (!recorded.sent && webhookResult.noWebhookResponse !== true) {
		recorded.body = webhookResult.webhookResponse ?? { message: 'Workflow was started' };
		recorded.sent = true;
	}
	return { webhookResult, response: recorded };
}

/** What n8n gives an execution: the additional data with lifecycle hooks. */
function executionAdditionalData(workflow: Workflow, credentials: Record<string, ICredentialDataDecryptedObject>): IWorkflowExecuteAdditionalData {
	const data = additionalData(credentials);
	data.executionId = 'in-process-1';
	data.hooks = new ExecutionLifecycleHooks('webhook', 'in-process', {
		id: workflow.id,
		name: workflow.name ?? '',
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		active: true,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	return data;
}

/** Runs the workflow from a trigger node that already produced its items. */
export async function runFromTrigger(
	workflow: Workflow,
	triggerName: string,
	items: INodeExecutionData[][],
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
): Promise<IRun> {
	const trigger = workflow.getNode(triggerName);
	if (!trigger) throw new Error(`No node named ${triggerName}`);
	const data = executionAdditionalData(workflow, credentials);
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: trigger, data: { main: items }, source: null }] },
	});
	return await new WorkflowExecute(data, 'webhook', runData).processRunExecutionData(workflow);
}

/**
 * Continues an execution that a node put to wait, as n8n does when its wait time comes: the
 * waiting node is not run again, its input goes on through its first output.
 */
export async function resumeRun(workflow: Workflow, run: IRun, credentials: Record<string, ICredentialDataDecryptedObject> = {}): Promise<IRun> {
	if (run.status !== 'waiting') throw new Error(`The run is ${run.status}, not waiting`);
	const data = executionAdditionalData(workflow, credentials);
	// n8n reads the waiting execution back from its database: a copy, not the objects of the first run.
	return await new WorkflowExecute(data, 'webhook', structuredClone(run.data)).processRunExecutionData(workflow);
}

/** The json of the items a node sent out of one of its outputs. */
export function outputOf(run: IRun, nodeName: string, outputIndex = 0): IDataObject[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) return [];
	const output = runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	return output.map((item) => item.json);
}

/**
 * Running an action node makes n8n-core start its SSH client manager, whose cleanup interval
 * would keep the test process alive; n8n itself stops it on shutdown, and so do we.
 */
afterAll(() => {
	if (Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
