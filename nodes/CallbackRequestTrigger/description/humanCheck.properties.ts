import type { INodeProperties } from 'n8n-workflow';

/**
 * The "are you human" check. Off by default; when on, the hosted form shows the provider's
 * widget and every submission must carry a token the provider confirms.
 */
export const humanCheckProperties: INodeProperties[] = [
	{
		displayName: 'Human Check',
		name: 'humanCheck',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'No widget; the honeypot field still catches simple bots' },
			{ name: 'Cloudflare Turnstile', value: 'turnstile', description: 'Usually nothing to click; free' },
			{ name: 'hCaptcha', value: 'hcaptcha', description: 'A checkbox, sometimes a picture puzzle' },
			{ name: 'Google reCAPTCHA', value: 'recaptcha', description: 'V2 checkbox or v3 score, as set in the credential' },
		],
		default: 'none',
		description:
			'Whether leads must pass an "are you human" check. The hosted form shows the widget; a funnel with its own form must send the token as cf-turnstile-response, h-captcha-response, g-recaptcha-response or humanCheckToken. Submissions without a valid token are refused and start nothing.',
	},
	{
		displayName: 'Human Check Hostnames',
		name: 'humanCheckHostnames',
		type: 'string',
		default: '',
		placeholder: 'www.example.com, example.com',
		displayOptions: { hide: { humanCheck: ['none'] } },
		description:
			"The sites the widget runs on, separated by commas. Empty means the host your form posted to (n8n's own, right for the hosted form). If your funnel shows the widget on its own site, list that site here.",
	},
];
