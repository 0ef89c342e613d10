import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { humanCheckKeyProperties, humanCheckTest } from './humanCheckCredentialParts';

/**
 * An hCaptcha site for the hosted callback form: the site key goes into the page, the secret key
 * only ever to hCaptcha, which says whether a lead's token is real and made for this site key.
 * The Verify URL can point at a local stand-in for hCaptcha, for tests.
 */
export class CallbackHCaptchaApi implements ICredentialType {
	name = 'callbackHCaptchaApi';

	displayName = 'hCaptcha API';

	icon: Icon = { light: 'file:humanCheckHcaptcha.svg', dark: 'file:humanCheckHcaptcha.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#human-check';

	properties: INodeProperties[] = [
		...humanCheckKeyProperties('hCaptcha', { sitePlaceholder: '10000000-ffff-ffff-ffff-000000000001', siteWhere: 'The site key from the hCaptcha dashboard (Sites)', secretWhere: "Your account's secret key from the hCaptcha dashboard (Settings)" }, 'https://api.hcaptcha.com/siteverify'),
	];

	/** A made-up token with the real secret: hCaptcha answers "invalid response", a wrong secret "invalid secret". */
	test: ICredentialTestRequest = humanCheckTest({ sitekey: '={{ $credentials.siteKey }}' }, [
		{ errorCode: 'invalid-input-secret', message: 'hCaptcha does not know this secret key. Copy it again from the hCaptcha dashboard.' },
		{ errorCode: 'missing-input-secret', message: 'Enter the secret key of your hCaptcha account.' },
		{ errorCode: 'sitekey-secret-mismatch', message: 'This site key does not belong to the account of this secret key.' },
	]);
}
