import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { humanCheckKeyProperties, humanCheckTest } from './humanCheckCredentialParts';

/**
 * A Google reCAPTCHA key pair for the hosted callback form, v2 (the "I'm not a robot" box) or v3
 * (no box: a score from 0.0, a bot, to 1.0, a person). The site key goes into the page, the
 * secret key only ever to Google. The Verify URL can point at a local stand-in, for tests.
 */
export class CallbackRecaptchaApi implements ICredentialType {
	name = 'callbackRecaptchaApi';

	displayName = 'Google reCAPTCHA API';

	icon: Icon = { light: 'file:humanCheckRecaptcha.svg', dark: 'file:humanCheckRecaptcha.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#human-check';

	properties: INodeProperties[] = [
		...humanCheckKeyProperties('Google', { sitePlaceholder: '', siteWhere: 'The site key from the reCAPTCHA admin console', secretWhere: 'The secret key from the same page' }, 'https://www.google.com/recaptcha/api/siteverify'),
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
	];

	/** A made-up token with the real secret: Google answers "invalid response", a wrong secret "invalid secret". */
	test: ICredentialTestRequest = humanCheckTest({}, [
		{ errorCode: 'invalid-input-secret', message: 'Google does not know this secret key. Copy it again from the reCAPTCHA admin console.' },
		{ errorCode: 'missing-input-secret', message: 'Enter the secret key of your reCAPTCHA site.' },
	]);
}
