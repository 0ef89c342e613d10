import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Cloudflare Turnstile widget for the hosted callback form: the site key goes into the page,
 * the secret key only ever to Cloudflare, which says whether a lead's token is real. The Verify
 * URL can point at a local stand-in for Cloudflare, for tests.
 */
export class CallbackTurnstileApi implements ICredentialType {
	name = 'callbackTurnstileApi';

	displayName = 'Cloudflare Turnstile API';

	icon = 'file:humanCheckTurnstile.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#human-check';

	properties: INodeProperties[] = [
		{
			displayName: 'Site Key',
			name: 'siteKey',
			// Public by design: the site key is written into every page that shows the widget.
			// eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing
			type: 'string',
			default: '',
			required: true,
			placeholder: '0x4AAAAAAA...',
			description: 'The widget\'s site key from the Cloudflare dashboard (Turnstile → your widget). It is shown in the page.',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The widget\'s secret key from the same page; it is only ever sent to Cloudflare',
		},
		{
			displayName: 'Verify URL',
			name: 'verifyUrl',
			type: 'string',
			default: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
			required: true,
			description: "Where tokens are checked. Keep Cloudflare's siteverify address; change it only for a local test double.",
		},
	];

	/** A made-up token with the real secret: Cloudflare answers "invalid response", a wrong secret "invalid secret". */
	test: ICredentialTestRequest = {
		request: {
			url: '={{ $credentials.verifyUrl }}',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { secret: '={{ $credentials.secretKey }}', response: 'n8n-credential-test' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'error-codes[0]', value: 'invalid-input-secret', message: 'Cloudflare does not know this secret key. Copy it again from the Turnstile widget\'s settings.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error-codes[0]', value: 'missing-input-secret', message: 'Enter the secret key of your Turnstile widget.' },
			},
		],
	};
}
