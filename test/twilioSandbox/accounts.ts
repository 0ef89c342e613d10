import { listPage, type RestContext, type RestResult } from './restContext';
import type { SandboxAccount, SandboxState } from './sandboxState';
import { twilioError, type TwilioApiError } from './twilioErrors';
import { rfc2822 } from './twilioFormats';

/**
 * Who may call the API for an account: HTTP Basic with the Account SID and auth token, or
 * with an API key SID and secret that belong to that same account.
 */

export type Authentication = { ok: true; authenticatedAs: string } | { ok: false; error: TwilioApiError };

const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Basic realm="Twilio API"' };

function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
	if (match?.[1] === undefined) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function denied(message: string): Authentication {
	return { ok: false, error: twilioError(20003, message, WWW_AUTHENTICATE) };
}

export function authenticate(account: SandboxAccount, header: string | undefined): Authentication {
	const credentials = basicCredentials(header);
	if (credentials === undefined) return denied('Authentication Error - No credentials provided');
	const { username, password } = credentials;
	if (username === account.sid) {
		return password === account.authToken ? { ok: true, authenticatedAs: account.sid } : denied('Authentication Error - invalid username or password');
	}
	const key = account.apiKeys.find((candidate) => candidate.sid === username);
	if (key === undefined) return denied(`Authentication Error - ${username} is not ${account.sid} nor one of its API keys`);
	return key.secret === password ? { ok: true, authenticatedAs: key.sid } : denied('Authentication Error - invalid username or password');
}

/** For paths without an account (`/Accounts.json`): the account the credentials belong to. */
export function accountOfCredentials(state: SandboxState, header: string | undefined): SandboxAccount | undefined {
	const username = basicCredentials(header)?.username;
	if (username === undefined) return undefined;
	return [...state.accounts.values()].find((account) => account.sid === username || account.apiKeys.some((key) => key.sid === username));
}

export function accountResource(account: SandboxAccount): Record<string, unknown> {
	const base = `/2010-04-01/Accounts/${account.sid}`;
	const names = ['addresses', 'conferences', 'signing_keys', 'transcriptions', 'connect_apps', 'sip', 'authorized_connect_apps', 'usage', 'keys', 'applications', 'recordings', 'short_codes', 'calls', 'notifications', 'incoming_phone_numbers', 'queues', 'messages', 'outgoing_caller_ids', 'available_phone_numbers', 'balance'];
	const paths: Record<string, string> = { sip: 'SIP', usage: 'Usage', signing_keys: 'SigningKeys', short_codes: 'SMS/ShortCodes' };
	const pascal = (name: string): string => name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
	return {
		auth_token: account.authToken,
		date_created: rfc2822(account.dateCreated),
		date_updated: rfc2822(account.dateCreated),
		friendly_name: account.friendlyName,
		owner_account_sid: account.sid,
		sid: account.sid,
		status: 'active',
		subresource_uris: Object.fromEntries(names.map((name) => [name, `${base}/${paths[name] ?? pascal(name)}.json`])),
		type: 'Full',
		uri: `${base}.json`,
	};
}

export function fetchAccount(context: RestContext): RestResult {
	return { status: 200, body: accountResource(context.account) };
}

/** Without subaccounts, the list holds the authenticated account alone. */
export function listAccounts(context: RestContext): RestResult {
	return listPage(context, [accountResource(context.account)]);
}
