import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An hCaptcha site for the hosted callback form: the site key goes into the page, the secret key
 * only ever to hCaptcha, which says whether a lead's token is real and made for this site key.
 * The Verify URL can point at a local stand-in for hCaptcha, for tests.
 */
export class CallbackHCaptchaApi implements ICredentialType {
	name = 'callbackHCaptchaApi';

	displayName = 'hCaptcha API';

	icon = 'file:humanCheckHcaptcha.svg' as const;

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
			placeholder: '10000000-ffff-ffff-ffff-000000000001',
			description: 'The site key from the hCaptcha dashboard (Sites). It is shown in the page.',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "Your account's secret key from the hCaptcha dashboard (Settings); it is only ever sent to hCaptcha",
		},
		{
			displayName: 'Verify URL',
			name: 'verifyUrl',
			type: 'string',
			default: 'https://api.hcaptcha.com/siteverify',
			required: true,
			description: "Where tokens are checked. Keep hCaptcha's siteverify address; change it only for a local test double.",
		},
	];

	/** A made-up token with the real secret: hCaptcha answers "invalid response", a wrong secret "invalid secret". */
	test: ICredentialTestRequest = {
		request: {
			url: '={{ $credentials.verifyUrl }}',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { secret: '={{ $credentials.secretKey }}', response: 'n8n-credential-test', sitekey: '={{ $credentials.siteKey }}' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'error-codes[0]', value: 'invalid-input-secret', message: 'hCaptcha does not know this secret key. Copy it again from the hCaptcha dashboard.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error-codes[0]', value: 'missing-input-secret', message: 'Enter the secret key of your hCaptcha account.' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error-codes[0]', value: 'sitekey-secret-mismatch', message: 'This site key does not belong to the account of this secret key.' },
			},
		],
	};
}
