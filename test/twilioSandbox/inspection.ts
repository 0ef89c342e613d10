import type { IncomingMessage, ServerResponse } from 'node:http';

import type { CallEngine } from './callEngine';
import type { CallRecord } from './calls';
import { FaultError } from './faults';
import { InboundError, receiveCall, receiveSms, type InboundCall, type InboundSms } from './inbound';
import { incomingNumberResource } from './phoneNumbers';
import { renderSandboxPage } from './sandboxPage';
import type { SandboxState } from './sandboxState';
import { ScenarioError } from './scenarios';
import { newSid } from './sids';
import { isRoutablePhoneNumber } from './twilioFormats';

/**
 * The sandbox's own API under /__sandbox/ (no authentication; it exists only here): what
 * happened (messages, calls with their legs, transcripts and TwiML, REST requests, webhooks,
 * Debugger records) and how to stage the next test (scenarios, numbers, inbound traffic,
 * faults, reset). The typed client for it is `sandboxClient.ts`. /__sandbox/ itself is an
 * HTML page showing a person the texts and calls (`sandboxPage.ts`).
 */

export const INSPECTION_PREFIX = '/__sandbox';

class InspectionError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

/** A call with the records of the legs it dialled. */
export type CallWithLegs = CallRecord & { childCalls: CallRecord[] };

type JsonBody = Record<string, unknown>;

interface Route {
	method: 'GET' | 'POST';
	pattern: RegExp;
	handle: (match: RegExpExecArray, query: URLSearchParams, body: unknown) => unknown;
}

export function inspectionHandler(state: SandboxState, engine: CallEngine): (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> {
	const withLegs = (call: CallRecord): CallWithLegs => ({
		...call,
		childCalls: state.calls.filter((candidate) => candidate.parentCallSid === call.sid),
	});
	const accountSidOf = (body: JsonBody): string => {
		const sid = body.accountSid ?? [...state.accounts.keys()][0];
		if (typeof sid !== 'string' || state.account(sid) === undefined) throw new InspectionError(404, `unknown account ${String(sid)}`);
		return sid;
	};
	const objectBody = (body: unknown): JsonBody => {
		if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InspectionError(400, 'the body must be a JSON object');
		return body as JsonBody;
	};
	const optionalString = (body: JsonBody, key: string): string | undefined => {
		const value = body[key];
		if (value === undefined) return undefined;
		if (typeof value !== 'string') throw new InspectionError(400, `${key} must be a string`);
		return value;
	};

	const routes: Route[] = [
		{
			method: 'GET',
			pattern: /^\/health$/,
			handle: () => ({
				ok: true,
				accounts: state.accounts.size,
				messages: state.messages.length,
				calls: state.calls.length,
				requests: state.requests.length,
			}),
		},
		{
			method: 'GET',
			pattern: /^\/accounts$/,
			handle: () =>
				[...state.accounts.values()].map((account) => ({
					sid: account.sid,
					authToken: account.authToken,
					apiKeys: account.apiKeys,
					phoneNumbers: [...state.numbers.values()].filter((number) => number.accountSid === account.sid).map((number) => number.phoneNumber),
					messagingServices: [...state.messagingServices.values()].filter((service) => service.accountSid === account.sid),
				})),
		},
		{
			method: 'GET',
			pattern: /^\/messages$/,
			handle: (_, query) =>
				state.messages.filter(
					(message) =>
						(query.get('sid') === null || message.sid === query.get('sid')) &&
						(query.get('to') === null || message.to === query.get('to')) &&
						(query.get('from') === null || message.from === query.get('from')) &&
						(query.get('direction') === null || message.direction === query.get('direction')),
				),
		},
		{
			method: 'GET',
			pattern: /^\/calls$/,
			handle: (_, query) =>
				state.calls
					.filter(
						(call) =>
							(query.get('to') === null || call.to === query.get('to')) &&
							(query.get('from') === null || call.from === query.get('from')) &&
							(query.get('parentCallSid') === null || call.parentCallSid === query.get('parentCallSid')),
					)
					.map(withLegs),
		},
		{
			method: 'GET',
			pattern: /^\/calls\/(CA[0-9a-f]{32})$/,
			handle: (match) => {
				const call = state.calls.find((candidate) => candidate.sid === match[1]);
				if (call === undefined) throw new InspectionError(404, `no call ${match[1]}`);
				return withLegs(call);
			},
		},
		{
			method: 'GET',
			pattern: /^\/requests$/,
			handle: (_, query) => state.requests.filter((request) => query.get('operationId') === null || request.operationId === query.get('operationId')),
		},
		{
			method: 'GET',
			pattern: /^\/webhooks$/,
			handle: (_, query) =>
				state.webhooks.deliveries.filter(
					(delivery) => (query.get('kind') === null || delivery.kind === query.get('kind')) && (query.get('sid') === null || delivery.relatedSid === query.get('sid')),
				),
		},
		{ method: 'GET', pattern: /^\/notifications$/, handle: () => state.notifications },
		{ method: 'GET', pattern: /^\/scenarios$/, handle: () => state.scenarios.list() },
		{
			method: 'POST',
			pattern: /^\/scenarios$/,
			handle: (_, __, body) => (Array.isArray(body) ? body.map((scenario) => state.scenarios.set(scenario)) : state.scenarios.set(body)),
		},
		{ method: 'GET', pattern: /^\/numbers$/, handle: () => [...state.numbers.values()].map(incomingNumberResource) },
		{
			method: 'POST',
			pattern: /^\/numbers$/,
			handle: (_, __, raw) => {
				const body = objectBody(raw);
				const phoneNumber = optionalString(body, 'phoneNumber');
				if (phoneNumber === undefined || !isRoutablePhoneNumber(phoneNumber)) throw new InspectionError(400, 'phoneNumber must be a valid E.164 number');
				const settings: Record<string, string> = {};
				const names: Record<string, string> = {
					smsUrl: 'sms_url',
					smsMethod: 'sms_method',
					voiceUrl: 'voice_url',
					voiceMethod: 'voice_method',
					voiceFallbackUrl: 'voice_fallback_url',
					statusCallback: 'status_callback',
					statusCallbackMethod: 'status_callback_method',
					friendlyName: 'friendly_name',
				};
				for (const key of Object.keys(body)) {
					if (key === 'phoneNumber' || key === 'accountSid') continue;
					const property = names[key];
					if (property === undefined) throw new InspectionError(400, `unknown number field ${key}`);
					const value = optionalString(body, key) ?? '';
					if (property.endsWith('method') && value !== 'GET' && value !== 'POST') throw new InspectionError(400, `${key} must be GET or POST`);
					settings[property] = value;
				}
				try {
					return incomingNumberResource(state.addNumber(accountSidOf(body), phoneNumber, settings));
				} catch (error) {
					if (error instanceof InspectionError) throw error;
					throw new InspectionError(409, error instanceof Error ? error.message : String(error));
				}
			},
		},
		{
			method: 'POST',
			pattern: /^\/messaging-services$/,
			handle: (_, __, raw) => {
				const body = objectBody(raw);
				const phoneNumbers = body.phoneNumbers;
				if (!Array.isArray(phoneNumbers) || !phoneNumbers.every((number) => typeof number === 'string')) throw new InspectionError(400, 'phoneNumbers must be a list of numbers');
				try {
					return state.addMessagingService(accountSidOf(body), phoneNumbers as string[], optionalString(body, 'sid'));
				} catch (error) {
					if (error instanceof InspectionError) throw error;
					throw new InspectionError(400, error instanceof Error ? error.message : String(error));
				}
			},
		},
		{
			method: 'POST',
			pattern: /^\/content-templates$/,
			handle: (_, __, raw) => {
				const body = objectBody(raw);
				const sid = optionalString(body, 'sid') ?? newSid('HX');
				if (!/^HX[0-9a-fA-F]{32}$/.test(sid)) throw new InspectionError(400, 'sid must be HX + 32 hex digits');
				const template = { sid, accountSid: accountSidOf(body), body: optionalString(body, 'body') ?? '' };
				state.contentTemplates.set(sid, template);
				return template;
			},
		},
		{
			method: 'GET',
			pattern: /^\/opt-outs$/,
			handle: () => [...state.optOuts.entries()].map(([accountSid, numbers]) => ({ accountSid, numbers: [...numbers] })),
		},
		{
			method: 'POST',
			pattern: /^\/opt-outs$/,
			handle: (_, __, raw) => {
				const body = objectBody(raw);
				const number = optionalString(body, 'number');
				if (number === undefined) throw new InspectionError(400, 'number is required');
				if (typeof body.optedOut !== 'boolean') throw new InspectionError(400, 'optedOut must be a boolean');
				const accountSid = accountSidOf(body);
				state.setOptOut(accountSid, number, body.optedOut);
				return { accountSid, number, optedOut: body.optedOut };
			},
		},
		{
			method: 'POST',
			pattern: /^\/inbound\/sms$/,
			handle: async (_, __, raw) => {
				const body = objectBody(raw);
				const mediaUrls = body.mediaUrls;
				if (mediaUrls !== undefined && !(Array.isArray(mediaUrls) && mediaUrls.every((url) => typeof url === 'string'))) {
					throw new InspectionError(400, 'mediaUrls must be a list of URLs');
				}
				const sms: InboundSms = {
					from: optionalString(body, 'from') ?? '',
					to: optionalString(body, 'to') ?? '',
					body: optionalString(body, 'body') ?? '',
					mediaUrls: mediaUrls as string[] | undefined,
				};
				return receiveSms(state, sms);
			},
		},
		{
			method: 'POST',
			pattern: /^\/inbound\/call$/,
			handle: (_, __, raw) => {
				const body = objectBody(raw);
				const ringFor = body.ringFor;
				if (ringFor !== undefined && typeof ringFor !== 'number') throw new InspectionError(400, 'ringFor must be a number');
				const call: InboundCall = {
					from: optionalString(body, 'from') ?? '',
					to: optionalString(body, 'to') ?? '',
					outcome: optionalString(body, 'outcome') as InboundCall['outcome'],
					ringFor,
				};
				return receiveCall(state, engine, call);
			},
		},
		{ method: 'GET', pattern: /^\/faults$/, handle: () => state.faults.list() },
		{
			method: 'POST',
			pattern: /^\/faults$/,
			handle: (_, __, raw) => {
				const body = objectBody(raw);
				if ('dropCallbacks' in body) {
					const { dropCallbacks, ...rest } = body;
					if (Object.keys(rest).length > 0) throw new InspectionError(400, 'dropCallbacks goes alone in its request');
					return state.faults.addCallbackDrop(objectBody(dropCallbacks));
				}
				return state.faults.addRequestFault(body);
			},
		},
		{
			method: 'POST',
			pattern: /^\/reset$/,
			handle: () => {
				engine.abandonAll();
				state.reset();
				return { ok: true };
			},
		},
	];

	return async (request, response, url) => {
		const path = url.pathname.slice(INSPECTION_PREFIX.length) || '/';
		const send = (status: number, payload: unknown): void => {
			const text = JSON.stringify(payload);
			response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
			response.end(text);
		};
		if (path === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
			// The page for people; everything else under /__sandbox/ is JSON for tests.
			const html = renderSandboxPage(state);
			response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
			if (request.method === 'HEAD') response.end();
			else response.end(html);
			return;
		}
		try {
			const matching = routes.filter((route) => route.pattern.test(path));
			const route = matching.find((candidate) => candidate.method === request.method);
			if (route === undefined) {
				send(matching.length > 0 ? 405 : 404, { error: `no sandbox route ${request.method ?? ''} ${url.pathname}` });
				return;
			}
			const match = route.pattern.exec(path);
			if (match === null) throw new InspectionError(404, 'route vanished');
			let body: unknown;
			if (request.method === 'POST') {
				const text = await readText(request);
				try {
					body = text === '' ? {} : JSON.parse(text);
				} catch {
					throw new InspectionError(400, 'the body must be JSON');
				}
			}
			send(200, await route.handle(match, url.searchParams, body));
		} catch (error) {
			if (error instanceof InspectionError || error instanceof InboundError) send(error.status, { error: error.message });
			else if (error instanceof ScenarioError || error instanceof FaultError) send(400, { error: error.message });
			else {
				state.log(`inspection error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
				send(500, { error: error instanceof Error ? error.message : String(error) });
			}
		}
	};
}

export function readText(request: IncomingMessage, limit = 1_000_000): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new Error('request body too large'));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}
