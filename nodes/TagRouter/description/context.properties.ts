import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETENTION_HOURS, MAX_RETENTION_HOURS, MIN_RETENTION_HOURS } from '../../core/callbackStore';

/** Key/values kept with the callback for whispers and SMS placeholders. */
export const contextProperties: INodeProperties[] = [
	{
		displayName: 'Context Data',
		name: 'contextData',
		type: 'json',
		default: '={{ $json.custom ?? {} }}',
		description: 'Key/values to keep with the callback (form answers, IVR choices); only the keys listed below are kept',
		displayOptions: { show: { operation: ['setStatus'] } },
	},
	{
		displayName: 'Context Keys to Keep',
		name: 'contextKeys',
		type: 'string',
		default: '',
		placeholder: 'e.g. service, budget, ivrChoice',
		description: 'Comma-separated allow-list; values under any other key are dropped. Empty: no context is kept.',
		displayOptions: { show: { operation: ['setStatus'] } },
	},
	{
		displayName: 'Context Retention (Hours)',
		name: 'contextRetentionHours',
		type: 'number',
		typeOptions: { minValue: MIN_RETENTION_HOURS, maxValue: MAX_RETENTION_HOURS },
		default: DEFAULT_RETENTION_HOURS,
		description: 'How long kept context stays readable after it was last written, 1–48 hours',
		displayOptions: { show: { operation: ['setStatus'] } },
	},
];
