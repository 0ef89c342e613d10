import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { ExecutionStatus, IDataObject, IRunExecutionData, IWorkflowBase } from 'n8n-workflow';

import { requireFromN8n } from './n8nInstall';

/** The account the harness creates on a fresh n8n and signs in with afterwards. */
export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** n8n requires 8+ characters with a digit and an upper-case letter. */
export const DEFAULT_OWNER: OwnerAccount = {
	email: 'owner@callback.test',
	password: 'Callback-Owner-1',
	firstName: 'Test',
	lastName: 'Owner',
};

/** A workflow as exported from the editor or kept in a fixture file. */
export interface WorkflowJson {
	name: string;
	nodes: unknown[];
	connections: IDataObject;
	[key: string]: unknown;
}

/** A workflow as stored by n8n: the server assigns `id` and `versionId`. */
export interface StoredWorkflow extends WorkflowJson {
	id: string;
	versionId: string;
	active: boolean;
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: ExecutionStatus;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
	waitTill: string | null;
}

/** One execution with its run data decoded from n8n's `flatted` encoding. */
export interface Execution extends ExecutionSummary {
	data: IRunExecutionData;
	workflowData: IWorkflowBase;
}

/** States in which an execution will not change any more (a waiting one still will). */
const SETTLED_STATUSES: ReadonlySet<string> = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Fields of an exported workflow that must not be sent back: the ones the server assigns, and
 * tags, which an export holds as objects while creation expects ids of existing tags.
 */
const SERVER_ASSIGNED_FIELDS = ['id', 'versionId', 'activeVersionId', 'activeVersion', 'active', 'shared', 'createdAt', 'updatedAt', 'tags', 'isArchived'];

export class N8nApiError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: unknown,
	) {
		const detail = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : JSON.stringify(body);
		super(`${method.toUpperCase()} ${url} answered ${status}: ${detail}`);
		this.name = 'N8nApiError';
	}
}

function decodeFlatted(text: string): IRunExecutionData {
	const { parse } = requireFromN8n<{ parse: (text: string) => unknown }>('flatted');
	return parse(text) as IRunExecutionData;
}

/**
 * The json of the items a node output in one run of an execution, one array per output (an IF
 * node has two, most nodes one). Throws when the node did not run, naming the nodes that did.
 */
export function outputOf(execution: Execution, nodeName: string, runIndex = 0): IDataObject[][] {
	const runs = execution.data.resultData.runData[nodeName];
	if (runs === undefined) {
		const ran = Object.keys(execution.data.resultData.runData).join(', ');
		throw new Error(`node "${nodeName}" did not run in execution ${execution.id}; nodes that ran: ${ran || 'none'}`);
	}
	const run = runs[runIndex];
	if (run === undefined) throw new Error(`node "${nodeName}" ran ${runs.length} time(s) in execution ${execution.id}, there is no run ${runIndex}`);
	if (run.error !== undefined) throw new Error(`node "${nodeName}" failed in execution ${execution.id}: ${run.error.message}`);
	return (run.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
}

/** n8n's public API scopes the package's shared checks need (Settings → n8n API → scopes): the Data Table ones and workflow:read. */
const DATA_TABLE_SCOPES = ['workflow:read', 'dataTable:list', 'dataTable:create', 'dataTable:read', 'dataTableRow:read', 'dataTableRow:create', 'dataTableRow:update', 'dataTableRow:delete'];

/**
 * The fixed paths of the workflow's webhook triggers that a GET can probe without starting
 * anything: this package's trigger (GET serves its form page) and n8n's Webhook node listening
 * for another method (GET is answered "not registered for GET").
 */
function webhookPaths(workflow: WorkflowJson): Array<{ path: string; answersGet: boolean }> {
	const nodes = (workflow.nodes ?? []) as Array<{ type?: string; disabled?: boolean; parameters?: { path?: unknown; httpMethod?: unknown } }>;
	return nodes.flatMap((node) => {
		const path = node.parameters?.path;
		if (node.disabled === true || typeof path !== 'string' || path === '' || path.startsWith('=')) return [];
		const ours = node.type === 'n8n-nodes-callback.callbackRequestTrigger';
		const method = node.parameters?.httpMethod;
		const webhookForOtherMethod = node.type === 'n8n-nodes-base.webhook' && typeof method === 'string' && method !== 'GET';
		// Our trigger answers GET itself (its hosted form and slot list): until it does, n8n's "not
		// registered for GET" only means the POST webhook was stored first.
		return ours || webhookForOtherMethod ? [{ path, answersGet: ours }] : [];
	});
}

/**
 * A signed-in client for n8n's REST API (the one the editor uses), authenticated by the session
 * cookie n8n issues on owner setup and login.
 */
export class N8nApi {
	private readonly http: AxiosInstance;
	private cookies = new Map<string, string>();
	/**
	 * Where production webhooks are served: this n8n, or in queue mode the webhook processors
	 * (set by the queue-mode harness).
	 */
	webhookBaseUrl: string;

	constructor(readonly baseUrl: string) {
		this.webhookBaseUrl = baseUrl;
		this.http = axios.create({ baseURL: `${baseUrl}/rest`, validateStatus: () => true, timeout: 30_000 });
	}

	/** Sends a request to `/rest<path>` with the session cookie and unwraps n8n's `{ data }` envelope. */
	async rest<T>(method: Method, url: string, body?: unknown, params?: Record<string, string>): Promise<T> {
		const response = await this.http.request({ method, url, data: body, params, headers: this.cookieHeader() });
		this.keepCookies(response);
		if (response.status >= 400) throw new N8nApiError(method, url, response.status, response.data);
		const payload = response.data as { data?: T };
		return (payload !== null && typeof payload === 'object' && 'data' in payload ? payload.data : payload) as T;
	}

	private cookieHeader(): Record<string, string> {
		if (this.cookies.size === 0) return {};
		return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
	}

	private keepCookies(response: AxiosResponse): void {
		for (const header of response.headers['set-cookie'] ?? []) {
			const [pair] = header.split(';');
			const separator = pair.indexOf('=');
			if (separator > 0) this.cookies.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
		}
	}

	/** Whether this n8n still waits for its first account to be created. */
	async needsOwnerSetup(): Promise<boolean> {
		const settings = await this.rest<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		return settings.userManagement?.showSetupOnFirstLoad === true;
	}

	async setupOwner(owner: OwnerAccount): Promise<void> {
		this.cookies.clear();
		await this.rest('POST', '/owner/setup', { email: owner.email, firstName: owner.firstName, lastName: owner.lastName, password: owner.password });
	}

	async login(owner: OwnerAccount): Promise<void> {
		this.cookies.clear();
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** Creates the owner on a fresh n8n, signs in on one that already has it. */
	async signIn(owner: OwnerAccount): Promise<void> {
		if (await this.needsOwnerSetup()) await this.setupOwner(owner);
		else await this.login(owner);
	}

	/** Names of every node type n8n loaded, e.g. `n8n-nodes-base.webhook`. */
	async nodeTypeNames(): Promise<string[]> {
		const response = await axios.get<Array<{ name: string }>>(`${this.baseUrl}/types/nodes.json`, {
			headers: this.cookieHeader(),
			validateStatus: () => true,
			timeout: 30_000,
		});
		if (response.status !== 200 || !Array.isArray(response.data)) {
			throw new N8nApiError('GET', '/types/nodes.json', response.status, response.data);
		}
		return [...new Set(response.data.map((nodeType) => nodeType.name))];
	}

	/** Stores a workflow (inactive, as n8n always creates them) and returns it with its new id. */
	async importWorkflow(workflow: WorkflowJson): Promise<StoredWorkflow> {
		const body: Record<string, unknown> = { ...workflow };
		for (const field of SERVER_ASSIGNED_FIELDS) delete body[field];
		// The column has no default: a body without `active` fails with a constraint error.
		body.active = false;
		return this.rest<StoredWorkflow>('POST', '/workflows', body);
	}

	async getWorkflow(id: string): Promise<StoredWorkflow> {
		return this.rest<StoredWorkflow>('GET', `/workflows/${id}`);
	}

	/**
	 * Publishes the workflow's current version, which registers its webhooks and starts its
	 * triggers; n8n answers with an error if a trigger refuses to start. Resolves once the
	 * webhooks a GET can probe answer (see waitForWebhook).
	 */
	async activateWorkflow(id: string): Promise<StoredWorkflow> {
		const workflow = await this.getWorkflow(id);
		const active = await this.rest<StoredWorkflow>('POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
		// n8n 2.x answers before the webhooks are registered; 1.x only after (no wait then).
		for (const { path, answersGet } of webhookPaths(workflow)) await this.waitForWebhook(path, 30_000, answersGet);
		return active;
	}

	async deactivateWorkflow(id: string): Promise<StoredWorkflow> {
		return this.rest<StoredWorkflow>('POST', `/workflows/${id}/deactivate`, {});
	}

	async importAndActivate(workflow: WorkflowJson): Promise<StoredWorkflow> {
		const stored = await this.importWorkflow(workflow);
		return this.activateWorkflow(stored.id);
	}

	async createCredential(credential: { name: string; type: string; data: IDataObject }): Promise<StoredCredential> {
		return this.rest<StoredCredential>('POST', '/credentials', credential);
	}

	/**
	 * The package's Twilio credential as a user fills it in for an account's SID and auth token,
	 * with Base URL pointing at `baseUrl` (the Twilio sandbox in the tests).
	 */
	async createTwilioCredential(account: { accountSid: string; authToken: string; baseUrl: string }, name = 'Twilio'): Promise<StoredCredential> {
		const { accountSid, authToken, baseUrl } = account;
		return this.createCredential({ name, type: 'callbackTwilioApi', data: { accountSid, authType: 'authToken', authToken, baseUrl } });
	}

	/**
	 * An API key with the Data Table scopes (n8n 2.x) and the "Callback Data Tables API"
	 * credential holding it, as a user sets up the trigger's rate limits.
	 */
	async createDataTablesCredential(name = 'n8n API'): Promise<StoredCredential> {
		const key = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label: name, scopes: DATA_TABLE_SCOPES, expiresAt: null });
		return this.createCredential({ name, type: 'callbackN8nApi', data: { apiKey: key.rawApiKey, baseUrl: this.baseUrl } });
	}

	/** The workflow's executions, newest first, at most 100. */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const page = await this.rest<{ results: ExecutionSummary[] }>('GET', '/executions', undefined, {
			filter: JSON.stringify({ workflowId }),
			limit: '100',
		});
		return page.results;
	}

	/**
	 * Every execution of the workflow, newest first, read page by page: n8n 2.x pages with the
	 * `nextCursor` it returns (and refuses `lastId`), n8n 1.x with the last id seen.
	 */
	async listAllExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const all: ExecutionSummary[] = [];
		let cursor: string | null | undefined;
		for (;;) {
			const query: Record<string, string> = { filter: JSON.stringify({ workflowId }), limit: '100' };
			if (typeof cursor === 'string') query.cursor = cursor;
			else if (all.length > 0) query.lastId = String(all[all.length - 1].id);
			const page = await this.rest<{ results: ExecutionSummary[]; nextCursor?: string | null }>('GET', '/executions', undefined, query);
			all.push(...page.results);
			// While executions change status, n8n's pages can list one twice: each is kept once.
			if (page.results.length < 100 || page.nextCursor === null) return [...new Map(all.map((execution) => [execution.id, execution])).values()];
			cursor = page.nextCursor;
		}
	}

	async getExecution(id: string): Promise<Execution> {
		const stored = await this.rest<Omit<Execution, 'data'> & { data: string }>('GET', `/executions/${id}`);
		return { ...stored, data: decodeFlatted(stored.data) };
	}

	/**
	 * Polls until the workflow has at least `count` settled executions and returns them, oldest
	 * first, decoded. Times out with the executions seen so far, which usually says why.
	 */
	async waitForExecutions(workflowId: string, count: number, timeoutMs = 30_000): Promise<Execution[]> {
		const deadline = Date.now() + timeoutMs;
		let seen: ExecutionSummary[] = [];
		for (;;) {
			seen = await this.listExecutions(workflowId);
			const settled = seen.filter((execution) => SETTLED_STATUSES.has(execution.status));
			if (settled.length >= count) {
				const oldestFirst = settled.sort((a, b) => Number(a.id) - Number(b.id));
				return Promise.all(oldestFirst.map(async (execution) => this.getExecution(execution.id)));
			}
			if (Date.now() > deadline) {
				const summary = seen.map((execution) => `${execution.id}:${execution.status}`).join(', ') || 'none';
				throw new Error(`workflow ${workflowId} has ${settled.length} settled execution(s) after ${timeoutMs} ms, expected ${count}; executions: ${summary}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * Waits until n8n serves the production webhook `method path` (anything but 404). n8n 2.x
	 * answers a publish before its triggers have finished starting, so a request sent at once
	 * could find no webhook yet. GET is safe for probing: it never starts an execution of ours.
	 */
	async waitForWebhook(path: string, timeoutMs = 30_000, answersGet = false): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const response = await axios.get(this.webhookUrl(path), { validateStatus: () => true, timeout: 10_000 });
			// n8n's own answer for a path it does not know; a trigger's own 404 page, or "not
			// registered for GET" from a POST-only webhook, means the webhook is there.
			const message = typeof response.data === 'object' && response.data !== null ? String((response.data as { message?: unknown }).message ?? '') : '';
			const unknown =
				response.status === 404 &&
				(/^The requested webhook "[A-Z]+ [^"]*" is not registered/.test(message) || (answersGet && /^This webhook is not registered for GET requests/.test(message)));
			if (!unknown) return;
			if (Date.now() > deadline) throw new Error(`the webhook "${path}" was still not registered ${timeoutMs} ms after publishing`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** The production URL of a Webhook-style trigger listening on `path`. */
	webhookUrl(path: string): string {
		return `${this.webhookBaseUrl}/webhook/${path.replace(/^\/+/, '')}`;
	}
}
