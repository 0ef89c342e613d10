import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Google reCAPTCHA key pair for the hosted callback form, v2 (the "I'm not a robot" box) or v3
 * (no box: a score from 0.0, a bot, to 1.0, a person). The site key goes into the page, the
 * secret key only ever to Google. The Verify URL can point at a local stand-in, for tests.
 */
export class CallbackRecaptchaApi implements ICredentialType {
	name = 'callbackRecaptchaApi';

	displayName = 'Google reCAPTCHA API';

	icon = 'file:humanCheckRecaptcha.svg' as const;

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
			description: 'The site key from the reCAPTCHA admin console. It is shown in the page.',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret key from the same page; it is only ever sent to Google',
		},
		{
			displayName: 'Version',
			name: 'version',
			type: 'options',
			options: [
				{ name: 'V2 Checkbox', value: 'v2', description: 'The lead ticks "I\'m not a robot" and sometimes picks pictures' },
				{ name: 'V3 Score', value: 'v3', description: 'Nothing to click: Google scores each submission' },
			],
			default: 'v2',
			description: 'The reCAPTCHA type these keys were made for; v2 and v3 keys do not work for each other',
		},
		{
			displayName: 'Minimum Score',
			name: 'minScore',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 1 },
			default: 0.5,
			displayOptions: { show: { version: ['v3'] } },
			description: 'The lowest score let through, from 0.0 (a bot) to 1.0 (a person). Google suggests 0.5.',
		},
		{
			displayName: 'Verify URL',
			name: 'verifyUrl',
			type: 'string',
			default: 'https://www.google.com/recaptcha/api/siteverify',
			required: true,
			description: "Where tokens are checked. Keep Google's siteverify address; change it only for a local test double.",
		},
	];

	/** A made-up token with the real secret: Google answers "invalid response", a wrong secret "invalid secret". */
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
				properties: { key: 'error-codes[0]', value: 'invalid-input-secret', message: 'Google does not know this secret key. Copy it again from the reCAPTCHA admin console.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error-codes[0]', value: 'missing-input-secret', message: 'Enter the secret key of your reCAPTCHA site.' },
			},
		],
	};
}
