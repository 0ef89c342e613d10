import { startTwilioSandbox, type TwilioSandbox } from '../../twilioSandbox/server';
import type { RestResponse, TwilioSandboxClient } from '../../twilioSandbox/sandboxClient';
import { WebhookReceiver } from './webhookReceiver';

export const ACCOUNT_SID = `AC${'1a2b3c4d'.repeat(4)}`;
export const AUTH_TOKEN = 'f'.repeat(32);
export const API_KEY = { sid: `SK${'5e6f7a8b'.repeat(4)}`, secret: 'api-key-secret' };
export const OTHER_ACCOUNT_SID = `AC${'9c8d7e6f'.repeat(4)}`;
export const OTHER_API_KEY = { sid: `SK${'0a0b0c0d'.repeat(4)}`, secret: 'other-secret' };
/** The business's Twilio number. */
export const TWILIO_NUMBER = '+14155550100';
export const AGENT = '+14155552001';
export const LEAD = '+14155552002';
export const MESSAGING_SERVICE_SID = `MG${'3d4e5f60'.repeat(4)}`;

export interface Fixture {
	sandbox: TwilioSandbox;
	client: TwilioSandboxClient;
	receiver: WebhookReceiver;
	/** A REST call on the main account, path relative to /2010-04-01/Accounts/{AccountSid}. */
	api(method: 'GET' | 'POST' | 'DELETE', path: string, params?: Record<string, string | string[]>, credentials?: { username: string; password: string }): Promise<RestResponse>;
	stop(): Promise<void>;
}

/** A sandbox with two accounts and a local web server for webhooks and TwiML. */
export async function startFixture(timeScale = 0.02): Promise<Fixture> {
	const sandbox = await startTwilioSandbox({
		timeScale,
		accounts: [
			{
				sid: ACCOUNT_SID,
				authToken: AUTH_TOKEN,
				apiKeys: [API_KEY],
				phoneNumbers: [TWILIO_NUMBER],
				messagingServices: [{ sid: MESSAGING_SERVICE_SID, phoneNumbers: [TWILIO_NUMBER] }],
			},
			{ sid: OTHER_ACCOUNT_SID, authToken: 'e'.repeat(32), apiKeys: [OTHER_API_KEY], phoneNumbers: ['+14155550199'] },
		],
	});
	const receiver = await new WebhookReceiver(AUTH_TOKEN).start();
	const client = sandbox.client;
	return {
		sandbox,
		client,
		receiver,
		api: (method, path, params, credentials = { username: ACCOUNT_SID, password: AUTH_TOKEN }) =>
			client.rest(credentials, method, `/2010-04-01/Accounts/${ACCOUNT_SID}${path}`, params),
		stop: async () => {
			await sandbox.stop();
			await receiver.stop();
		},
	};
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whatever a test did, every answer the sandbox gave must match the spec's response schema. */
export async function expectResponsesMatchSpec(fixture: Fixture): Promise<void> {
	const requests = await fixture.client.requests();
	expect(requests.flatMap((request) => request.responseIssues)).toEqual([]);
}

/**
 * A fixture for one test file: started before its tests, stopped after them, reset before each
 * test, and every answer the sandbox gave in a test checked against Twilio's spec after it.
 */
export function fixtureForSuite(timeScale?: number): Fixture {
	let started: Fixture | undefined;
	beforeAll(async () => {
		started = await startFixture(timeScale);
	});
	afterAll(() => started?.stop());
	beforeEach(async () => {
		await started!.client.reset();
		started!.receiver.clear();
	});
	afterEach(() => expectResponsesMatchSpec(started!));
	return new Proxy({} as Fixture, {
		get: (_, property: keyof Fixture) => {
			if (started === undefined) throw new Error('the sandbox fixture is used before its suite started it');
			return started[property];
		},
	});
}
