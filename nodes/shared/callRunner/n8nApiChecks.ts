import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiErrorFor, n8nApiFromCredential } from '../rateLimitTable/n8nPublicApi';

/** The Data Table the lines are kept in unless the user names another. */
export const DEFAULT_LINE_TABLE = 'callback_lines';

const showWithApi = { show: { useN8nApi: [true] } };
const showWhenLimited = { show: { useN8nApi: [true], limitLines: [true] } };

/**
 * Checks that need what every worker shares, read over n8n's own API (n8n 2.x, the *Callback Data
 * Tables API* credential): whether the workflow is still published, and the line limit.
 */
export const n8nApiCheckProperties: INodeProperties[] = [
	{
		displayName: 'Use Shared Checks',
		name: 'useN8nApi',
		type: 'boolean',
		default: false,
		description:
			"Whether to check, over your n8n's API, that the workflow is still published and (optionally) how many calls run at once. Needs n8n 2.x and an n8n API key with the Data Table scopes and workflow:read.",
	},
	{
		displayName: 'Only Call While the Workflow Is Published',
		name: 'onlyWhilePublished',
		type: 'boolean',
		default: true,
		description:
			'Whether to check, as each call is about to go out, that this workflow is still published: callbacks that were waiting when you unpublished it are not called (they leave on Not Connected with outcome workflow-unpublished). Test runs from the editor are not checked.',
		displayOptions: showWithApi,
	},
	{
		displayName: 'Limit Simultaneous Calls',
		name: 'limitLines',
		type: 'boolean',
		default: false,
		description: 'Whether to cap how many of these calls run at once for your Twilio number (Call From), across every execution and worker',
		displayOptions: showWithApi,
	},
	{
		displayName:
			'A call over the limit is not placed: the lead leaves on No Free Line. Connect it to a Wait node (e.g. 30 seconds) and back into this node, so the call goes out once a line is free.',
		name: 'lineLimitNotice',
		type: 'notice',
		default: '',
		displayOptions: showWhenLimited,
	},
	{
		displayName: 'Simultaneous Calls',
		name: 'maxLines',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 15,
		description: 'How many calls may run at once from this Twilio number, across all executions and workers',
		displayOptions: showWhenLimited,
	},
	{
		displayName: 'Priority',
		name: 'linePriority',
		type: 'string',
		default: '={{ $json.priority ?? "normal" }}',
		placeholder: 'e.g. high',
		description:
			'A priority callback (high, VIP, yes or true; the Callback Request Trigger sets `priority` from its Priority Field) that finds every line in use goes before ordinary callbacks waiting for the next free line, as long as it comes back within 5 minutes',
		displayOptions: showWhenLimited,
	},
	{
		displayName: 'Line Table',
		name: 'lineTable',
		type: 'string',
		default: DEFAULT_LINE_TABLE,
		description: 'The n8n Data Table the lines are kept in; made on first use',
		displayOptions: showWhenLimited,
	},
];

/** Whether the node's shared checks over n8n's API are on. */
export function usesN8nApi(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('useN8nApi', itemIndex, false) === true;
}

/**
 * Why the call must not go out because the workflow is not published any more, or null to go
 * on. n8n resumes a waiting execution from the workflow as it was when the execution started, so
 * only n8n's API can tell; when it cannot be asked, the call is not placed either, and the
 * reason says what to fix. Runs started from the editor are never checked.
 */
export async function unpublishedRefusal(context: IExecuteFunctions, itemIndex: number): Promise<string | null> {
	if (!usesN8nApi(context, itemIndex) || context.getNodeParameter('onlyWhilePublished', itemIndex, true) !== true || context.getMode() === 'manual') return null;
	const workflowId = context.getWorkflow().id;
	if (workflowId === undefined || workflowId === '') return null;
	try {
		const api = await n8nApiFromCredential(context);
		const answer = await api('GET', `/workflows/${encodeURIComponent(workflowId)}`);
		if (answer.status !== 200) return `n8n could not say whether this workflow is still published (${apiErrorFor('Reading the workflow', answer).message}), so nobody was called. The API key needs the workflow:read scope.`;
		return (answer.body as { active?: unknown }).active === true ? null : 'This workflow was unpublished while the callback waited, so nobody was called.';
	} catch (error) {
		return `n8n could not say whether this workflow is still published (${(error as Error).message}), so nobody was called.`;
	}
}

