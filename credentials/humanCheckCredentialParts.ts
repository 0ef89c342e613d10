import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/**
 * What the three human-check credentials (Turnstile, hCaptcha, reCAPTCHA) have alike: a site key
 * that goes into the page, a secret key that only ever goes to the provider, and the address the
 * provider checks tokens at (changed only for a local test double).
 */
export function humanCheckKeyProperties(provider: string, keys: { sitePlaceholder: string; siteWhere: string; secretWhere: string }, verifyUrl: string): INodeProperties[] {
	return [
		{
			displayName: 'Site Key',
			name: 'siteKey',
			// Public by design: the site key is written into every page that shows the widget.
			// eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing
			type: 'string',
			default: '',
			required: true,
			placeholder: keys.sitePlaceholder,
			description: `${keys.siteWhere}. It is shown in the page.`,
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `${keys.secretWhere}; it is only ever sent to ${provider}`,
		},
		{
			displayName: 'Verify URL',
			name: 'verifyUrl',
			type: 'string',
			default: verifyUrl,
			required: true,
			description: `Where tokens are checked. Keep ${provider}'s siteverify address; change it only for a local test double.`,
		},
	];
}

/**
 * The credential test: a made-up token with the real secret. The provider answers "invalid
 * response" for a good secret and "invalid secret" for a wrong one, which `problems` turn into words.
 */
export function humanCheckTest(extraBody: Record<string, string>, problems: Array<{ errorCode: string; message: string }>): ICredentialTestRequest {
	return {
		request: {
			url: '={{ $credentials.verifyUrl }}',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { secret: '={{ $credentials.secretKey }}', response: 'n8n-credential-test', ...extraBody },
		},
		rules: problems.map(({ errorCode, message }) => ({ type: 'responseSuccessBody' as const, properties: { key: 'error-codes[0]', value: errorCode, message } })),
	};
}
