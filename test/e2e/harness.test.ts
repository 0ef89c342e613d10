import axios from 'axios';

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { outputOf, REPOSITORY_ROOT, requireFromN8n, startN8n, type N8nHandle, type StoredWorkflow, type WorkflowJson } from '../harness';
import smokeWorkflow from './fixtures/harness-smoke.workflow.json';

/**
 * E2E_WITHOUT_PACKAGE=1 runs n8n without this package, to tell a broken harness from a broken
 * build; normally the package is built, packed, installed and must show up in n8n.
 */
const withPackage = process.env.E2E_WITHOUT_PACKAGE !== '1';

/** Long enough for the one-time n8n install on a machine that has never run these tests. */
const FIRST_START_TIMEOUT_MS = 15 * 60_000;

// Each test waits on a real server (a restart takes several seconds).
jest.setTimeout(120_000);

describe('real n8n harness', () => {
	let n8n: N8nHandle | undefined;
	let workflow: StoredWorkflow;
	let firstExecutionId: string;

	const running = (): N8nHandle => {
		if (n8n === undefined) throw new Error('n8n did not start; see the beforeAll error');
		return n8n;
	};

	beforeAll(async () => {
		n8n = await startN8n({ installPackage: withPackage });
	}, FIRST_START_TIMEOUT_MS);

	afterAll(async () => {
		await n8n?.stop();
	});

	(withPackage ? it : it.skip)("uses only the n8n-workflow values this n8n's n8n-workflow has", () => {
		// The package runs against n8n's own n8n-workflow, not the one it was built with: a value
		// missing there (n8n 2.x dropped sleepWithAbort) is undefined at run time.
		const used = new Set<string>();
		const scan = (folder: string): void => {
			for (const entry of readdirSync(folder, { withFileTypes: true })) {
				const full = join(folder, entry.name);
				if (entry.isDirectory()) scan(full);
				else if (entry.name.endsWith('.js')) for (const match of readFileSync(full, 'utf8').matchAll(/n8n_workflow_\d+\.(\w+)/g)) used.add(match[1]);
			}
		};
		scan(join(REPOSITORY_ROOT, 'dist'));
		const n8nWorkflow = requireFromN8n<Record<string, unknown>>('n8n-workflow', running().version);
		expect(used.size).toBeGreaterThan(0);
		expect([...used].filter((name) => n8nWorkflow[name] === undefined)).toEqual([]);
	});

	(withPackage ? it : it.skip)('loads the packed package as a community package', async () => {
		const names = await running().api.nodeTypeNames();

		expect(names).toContain('n8n-nodes-base.webhook');
		expect(names.filter((name) => name.startsWith('n8n-nodes-callback.'))).not.toHaveLength(0);
	});

	it('runs an imported, activated webhook workflow exactly once per request', async () => {
		const { api } = running();
		workflow = await api.importAndActivate(smokeWorkflow as WorkflowJson);
		expect(workflow.active).toBe(true);

		const message = `hello ${Date.now()}`;
		const response = await axios.post(api.webhookUrl('harness-smoke'), { message });
		expect(response.status).toBe(200);

		const executions = await api.waitForExecutions(workflow.id, 1, 30_000);
		// Give a duplicate run the chance to show up before asserting there is none.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await api.listExecutions(workflow.id)).toHaveLength(1);

		const [execution] = executions;
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Echo')).toEqual([[{ echoed: message }]]);
		expect(outputOf(execution, 'Webhook')[0][0]).toMatchObject({ body: { message } });
		firstExecutionId = execution.id;
	});

	it('keeps workflows, webhooks and executions across a restart', async () => {
		const handle = running();
		const portBefore = handle.port;
		await handle.restart();
		expect(handle.port).toBe(portBefore);

		const earlier = await handle.api.getExecution(firstExecutionId);
		expect(earlier.status).toBe('success');
		expect(outputOf(earlier, 'Echo')[0][0]).toHaveProperty('echoed');

		const message = `after restart ${Date.now()}`;
		await axios.post(handle.api.webhookUrl('harness-smoke'), { message });
		const executions = await handle.api.waitForExecutions(workflow.id, 2, 30_000);
		expect(executions).toHaveLength(2);
		expect(outputOf(executions[1], 'Echo')).toEqual([[{ echoed: message }]]);
	});
});
