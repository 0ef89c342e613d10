import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { humanCheckKeyProperties, humanCheckTest } from './humanCheckCredentialParts';

/**
 * A Cloudflare Turnstile widget for the hosted callback form: the site key goes into the page,
 * the secret key only ever to Cloudflare, which says whether a lead's token is real. The Verify
 * URL can point at a local stand-in for Cloudflare, for tests.
 */
export class CallbackTurnstileApi implements ICredentialType {
	name = 'callbackTurnstileApi';

	displayName = 'Cloudflare Turnstile API';

	icon: Icon = { light: 'file:humanCheckTurnstile.svg', dark: 'file:humanCheckTurnstile.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callback/n8n-nodes-callback#human-check';

	properties: INodeProperties[] = [
		...humanCheckKeyProperties('Cloudflare', { sitePlaceholder: '0x4AAAAAAA...', siteWhere: "The widget's site key from the Cloudflare dashboard (Turnstile → your widget)", secretWhere: "The widget's secret key from the same page" }, 'https://challenges.cloudflare.com/turnstile/v0/siteverify'),
	];

	/** A made-up token with the real secret: Cloudflare answers "invalid response", a wrong secret "invalid secret". */
	test: ICredentialTestRequest = humanCheckTest({}, [
		{ errorCode: 'invalid-input-secret', message: "Cloudflare does not know this secret key. Copy it again from the Turnstile widget's settings." },
		{ errorCode: 'missing-input-secret', message: 'Enter the secret key of your Turnstile widget.' },
	]);
}
