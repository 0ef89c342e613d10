import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RATE_LIMIT_TABLE_NAME } from '../../shared/rateLimitTable/dataTableCounterStore';

/**
 * Rate limits on the public form: over a limit the request is answered 429 with Retry-After (or
 * a friendly page) and nothing starts. Counted in an n8n Data Table through n8n's API, so every
 * worker shares the counts and a restart keeps them.
 */
export const rateLimitProperties: INodeProperties[] = [
	{
		displayName: 'Rate Limits',
		name: 'rateLimits',
		type: 'options',
		options: [
			{ name: 'Off', value: 'off', description: 'Every valid request starts the workflow' },
			{
				name: 'On (Counted in a Data Table)',
				value: 'dataTable',
				description: 'Needs n8n 2.x and an n8n API key; counts are shared by all workers and kept across restarts',
			},
		],
		default: 'off',
		description:
			'Whether to cap how many requests are accepted per visitor, per phone number block and in total. A public form without limits can be used to make you text and call thousands of numbers (SMS pumping, call bombing).',
	},
	{
		displayName: 'Rate Limit Table',
		name: 'rateLimitTable',
		type: 'string',
		default: DEFAULT_RATE_LIMIT_TABLE_NAME,
		required: true,
		displayOptions: { show: { rateLimits: ['dataTable'] } },
		description:
			'Name of the n8n Data Table that holds the counts. It is made when the workflow is published if it does not exist; several forms can share it.',
	},
	{
		displayName: 'Requests per IP Address',
		name: 'rateLimitPerIp',
		type: 'string',
		default: '5/10m, 20/1d',
		displayOptions: { show: { rateLimits: ['dataTable'] } },
		description:
			'Accepted requests per visitor address, e.g. 5/10m, 20/1d (5 every 10 minutes and 20 a day; units s, m, h, d). IPv6 visitors count per /64. Empty turns this limit off.',
	},
	{
		displayName: 'Requests per Number Prefix',
		name: 'rateLimitPerPrefix',
		type: 'string',
		default: '10/1h',
		displayOptions: { show: { rateLimits: ['dataTable'] } },
		description:
			'Accepted requests per block of numbers (the first digits, country code included). SMS pumping walks through one block; real leads rarely share one. Empty turns this limit off.',
	},
	{
		displayName: 'Prefix Digits',
		name: 'rateLimitPrefixDigits',
		type: 'number',
		typeOptions: { minValue: 6, maxValue: 8 },
		default: 7,
		displayOptions: { show: { rateLimits: ['dataTable'] } },
		description: 'How many leading digits of the number, country code included, make its block: 7 makes +1 415 555 one block',
	},
	{
		displayName: 'Requests in Total',
		name: 'rateLimitTotal',
		type: 'string',
		default: '60/1h',
		displayOptions: { show: { rateLimits: ['dataTable'] } },
		description: 'Accepted requests for this form from everyone together. Empty turns this limit off.',
	},
	{
		displayName: 'Trusted Proxies',
		name: 'trustedProxies',
		type: 'string',
		default: '',
		placeholder: '127.0.0.1, 10.0.0.0/8',
		displayOptions: { show: { rateLimits: ['dataTable'] } },
		description:
			"Your own reverse proxies or load balancers in front of n8n. The visitor's address is read from X-Forwarded-For only when it comes through these; empty believes no header, so a visitor cannot pretend to be someone else.",
	},
	{
		displayName: 'Risky Requests',
		name: 'riskyRequests',
		type: 'options',
		options: [
			{ name: 'Start Like Any Other', value: 'start', description: 'Every accepted request leaves on the one output; callback.risk says what looked odd' },
			{
				name: 'Hold for Review',
				value: 'hold',
				description: 'Requests whose callback.risk.level is review leave on a second output, Held for Review, so nobody is texted or called until a person looks',
			},
		],
		default: 'start',
		description:
			'What to do with a request that looks fake: a toll-free, VoIP or pager number, or a burst of requests from one number block or address (see callback.risk)',
	},
];
