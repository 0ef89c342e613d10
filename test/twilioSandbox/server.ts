import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { accountOfCredentials, authenticate, fetchAccount, listAccounts } from './accounts';
import { CallEngine } from './callEngine';
import { callOf, createCall, deleteCall, fetchCall, listCalls, updateCall } from './calls';
import { SandboxClock } from './clock';
import { faultResponse } from './faults';
import { INSPECTION_PREFIX, inspectionHandler, readText } from './inspection';
import { createMessage, deleteMessage, fetchMessage, listMessages, updateMessage } from './messages';
import { notificationResource } from './notifications';
import { OpenApiValidator, TWILIO_SPEC_PATH, ValidatedParams } from './openApiValidator';
import { createIncomingNumber, deleteIncomingNumber, fetchIncomingNumber, listIncomingNumbers, updateIncomingNumber } from './phoneNumbers';
import { listCallRecordings } from './recordings';
import { listPage, newestFirst, type RestHandler } from './restContext';
import { TwilioSandboxClient } from './sandboxClient';
import { SandboxState, type ApiKey, type RequestRecord, type SandboxAccountConfig } from './sandboxState';
import { newSid } from './sids';
import { TwilioApiError, errorForIssues, notFound, twilioError } from './twilioErrors';

export interface TwilioSandboxOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
	host?: string;
	/** One account with a generated SID, token and number when omitted. */
	accounts?: SandboxAccountConfig[];
	/** Real seconds per call second: 1 is real time, 0.05 runs calls twenty times faster. */
	timeScale?: number;
	log?: (line: string) => void;
	/** Twilio's OpenAPI file; by default the one the pinned `@twilio-alpha/mcp` dev dependency ships. */
	specPath?: string;
	/**
	 * Demo phones: a number without its own scenario behaves by its last digit (7 rings out,
	 * 8 goes to voicemail, 9 is busy, any other digit answers after 3 s); see `LAST_DIGIT_PHONES`.
	 */
	phonesByLastDigit?: boolean;
}

/** An account as the sandbox was started with, for tests and the demo to configure credentials. */
export interface SandboxAccountInfo {
	sid: string;
	authToken: string;
	apiKeys: ApiKey[];
	phoneNumbers: string[];
	messagingServiceSids: string[];
}

export interface TwilioSandbox {
	/** Put this in the Twilio credential's Base URL instead of https://api.twilio.com. */
	baseUrl: string;
	port: number;
	accounts: SandboxAccountInfo[];
	state: SandboxState;
	client: TwilioSandboxClient;
	stop(): Promise<void>;
}

const ACCOUNT_RESOURCE = '/2010-04-01/Accounts/{Sid}.json';
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * A local stand-in for api.twilio.com that accepts only what Twilio accepts: every request is
 * matched to an operation of Twilio's OpenAPI spec, authenticated, validated against it, and
 * answered with JSON shaped by the spec's response schema. Calls and messages then live their
 * lives (status callbacks, TwiML, scenarios), inspectable under /__sandbox/ (JSON for tests, and
 * a page at /__sandbox/ for a person watching the demo).
 */
export async function startTwilioSandbox(options: TwilioSandboxOptions = {}): Promise<TwilioSandbox> {
	const log = options.log ?? ((): void => undefined);
	const clock = new SandboxClock(options.timeScale ?? 1);
	const state = new SandboxState(clock, log, { phonesByLastDigit: options.phonesByLastDigit });
	state.configure(options.accounts);
	const validator = OpenApiValidator.fromFile(options.specPath ?? TWILIO_SPEC_PATH);
	const engine = new CallEngine(state);

	const notifications: RestHandler = (context) =>
		listPage(
			context,
			newestFirst(
				state.notifications.filter(
					(record) => record.accountSid === context.account.sid && (context.query.integer('Log') === undefined || Number(record.log) === context.query.integer('Log')),
				),
			).map(notificationResource),
		);
	const handlers: Record<string, RestHandler> = {
		FetchAccount: fetchAccount,
		ListAccount: listAccounts,
		CreateMessage: createMessage,
		FetchMessage: fetchMessage,
		ListMessage: listMessages,
		UpdateMessage: updateMessage,
		DeleteMessage: deleteMessage,
		CreateCall: (context) => createCall(engine, context),
		FetchCall: fetchCall,
		ListCall: listCalls,
		UpdateCall: (context) => updateCall(engine, context),
		DeleteCall: deleteCall,
		ListIncomingPhoneNumber: listIncomingNumbers,
		CreateIncomingPhoneNumber: createIncomingNumber,
		FetchIncomingPhoneNumber: fetchIncomingNumber,
		UpdateIncomingPhoneNumber: updateIncomingNumber,
		DeleteIncomingPhoneNumber: deleteIncomingNumber,
		ListNotification: notifications,
		ListCallNotification: (context) => {
			const call = callOf(context);
			return listPage(context, newestFirst(state.notifications.filter((record) => record.callSid === call.sid)).map(notificationResource));
		},
		ListCallRecording: listCallRecordings,
	};
	const inspect = inspectionHandler(state, engine);

	const rest = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
		const method = request.method ?? 'GET';
		const text = await readText(request);
		const form = new URLSearchParams(text);
		const record: RequestRecord = {
			id: state.nextRequestNumber(),
			at: clock.now().toISOString(),
			method,
			path: url.pathname,
			query: groupParams(url.searchParams),
			operationId: null,
			accountSid: null,
			authenticatedAs: null,
			params: groupParams(form),
			issues: [],
			status: 0,
			errorCode: null,
			errorMessage: null,
			responseIssues: [],
			faultStatus: null,
		};
		let status: number;
		let payload: Record<string, unknown> | undefined;
		let headers: Record<string, string> = {};
		try {
			const match = validator.match(method, url.pathname);
			if (match.kind === 'no-route') throw notFound(url.pathname);
			if (match.kind === 'method-not-allowed') {
				throw twilioError(20004, `Method ${method} is not allowed on ${url.pathname}`, { Allow: match.allowed.join(', ') });
			}
			const { operation, pathParams } = match;
			record.operationId = operation.operationId;
			const accountSid = pathParams.AccountSid ?? (operation.pathTemplate === ACCOUNT_RESOURCE ? pathParams.Sid : undefined);
			const account = accountSid === undefined ? accountOfCredentials(state, request.headers.authorization) : state.account(accountSid);
			if (account === undefined) {
				if (accountSid === undefined) throw twilioError(20003, 'Authentication Error - No credentials provided', { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
				throw notFound(url.pathname);
			}
			const authentication = authenticate(account, request.headers.authorization);
			if (!authentication.ok) throw authentication.error;
			record.accountSid = account.sid;
			record.authenticatedAs = authentication.authenticatedAs;

			const fault = state.faults.takeRequestFault(operation);
			record.faultStatus = fault?.status ?? null;
			if (fault !== undefined && !fault.afterEffect) throw faultResponse(fault);

			// A SID that cannot exist names no resource: Twilio answers 404.
			if (validator.validatePath(operation, pathParams).length > 0) throw notFound(url.pathname);
			const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
			if (text !== '' && (contentType !== FORM_CONTENT_TYPE || operation.bodyFields === undefined)) {
				throw twilioError(
					21008,
					operation.bodyFields === undefined
						? `${method} ${operation.pathTemplate} takes no request body`
						: `The request body must be ${FORM_CONTENT_TYPE}, got '${contentType}'`,
				);
			}
			const query = validator.validateQuery(operation, url.searchParams);
			const body = operation.bodyFields === undefined ? { issues: [], params: new ValidatedParams(new Map()) } : validator.validateBody(operation, form);
			record.issues = [...query.issues, ...body.issues];
			if (record.issues.length > 0) throw errorForIssues(operation.operationId, record.issues);

			const handler = handlers[operation.operationId];
			if (handler === undefined) {
				throw twilioError(21009, `The sandbox does not simulate ${operation.operationId} (${operation.method} ${operation.pathTemplate})`);
			}
			const result = await handler({ state, account, operation, pathParams, query: query.params, body: body.params, pathname: url.pathname });
			if (fault !== undefined) throw faultResponse(fault);
			status = result.status;
			payload = result.body;
			if (payload !== undefined) record.responseIssues = validator.validateResponse(operation, payload);
			if (record.responseIssues.length > 0) log(`response of ${operation.operationId} strays from the spec: ${record.responseIssues.join('; ')}`);
		} catch (error) {
			const apiError =
				error instanceof TwilioApiError
					? error
					: twilioError(20500, `Sandbox failure: ${error instanceof Error ? error.message : String(error)}`);
			if (!(error instanceof TwilioApiError)) log(`sandbox failure on ${method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			status = apiError.status;
			payload = { ...apiError.body() };
			headers = apiError.headers;
			record.errorCode = apiError.code;
			record.errorMessage = apiError.message;
		}
		record.status = status;
		state.requests.push(record);
		log(`${method} ${url.pathname}${url.search} -> ${status}${record.errorCode === null ? '' : ` (${record.errorCode} ${record.errorMessage})`}`);
		const responseHeaders: Record<string, string | number> = { ...headers, 'Twilio-Request-Id': newSid('RQ') };
		if (payload === undefined) {
			response.writeHead(status, responseHeaders);
			response.end();
			return;
		}
		const json = JSON.stringify(payload);
		response.writeHead(status, { ...responseHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
		response.end(json);
	};

	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
		const route = url.pathname === INSPECTION_PREFIX || url.pathname.startsWith(`${INSPECTION_PREFIX}/`) ? inspect : rest;
		route(request, response, url).catch((error: unknown) => {
			log(`unhandled ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
			response.end();
		});
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	state.baseUrl = baseUrl;
	log(`Twilio sandbox listening on ${baseUrl}`);

	const accounts: SandboxAccountInfo[] = [...state.accounts.values()].map((account) => ({
		sid: account.sid,
		authToken: account.authToken,
		apiKeys: account.apiKeys,
		phoneNumbers: [...state.numbers.values()].filter((number) => number.accountSid === account.sid).map((number) => number.phoneNumber),
		messagingServiceSids: [...state.messagingServices.values()].filter((service) => service.accountSid === account.sid).map((service) => service.sid),
	}));

	return {
		baseUrl,
		port,
		accounts,
		state,
		client: new TwilioSandboxClient(baseUrl),
		stop: () =>
			new Promise<void>((resolve) => {
				clock.stop();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function groupParams(params: URLSearchParams): Record<string, string[]> {
	const grouped: Record<string, string[]> = {};
	for (const [name, value] of params) (grouped[name] ??= []).push(value);
	return grouped;
}
