import type { CallRecord } from './calls';
import type { SandboxClock } from './clock';
import { FaultBook } from './faults';
import type { MessageRecord } from './messages';
import { newNotification, type NotificationInput, type NotificationRecord } from './notifications';
import type { ValidationIssue } from './openApiValidator';
import { newIncomingNumber, type IncomingNumber } from './phoneNumbers';
import { ScenarioBook, type ScenarioBookOptions } from './scenarios';
import { newSecret, newSid } from './sids';
import { isRoutablePhoneNumber } from './twilioFormats';
import { WebhookSender } from './webhooks';

export interface ApiKey {
	sid: string;
	secret: string;
}

/** An account as `startTwilioSandbox({ accounts })` takes it. */
export interface SandboxAccountConfig {
	sid: string;
	authToken: string;
	apiKeys?: ApiKey[];
	/** Numbers the account owns (IncomingPhoneNumbers); one is generated when omitted. */
	phoneNumbers?: string[];
	/** Messaging services; by default one holding all the account's numbers. */
	messagingServices?: { sid?: string; phoneNumbers: string[] }[];
	friendlyName?: string;
}

export interface SandboxAccount {
	sid: string;
	authToken: string;
	apiKeys: ApiKey[];
	friendlyName: string;
	dateCreated: Date;
}

export interface MessagingService {
	sid: string;
	accountSid: string;
	phoneNumbers: string[];
}

export interface ContentTemplate {
	sid: string;
	accountSid: string;
	body: string;
}

/** One REST request as the inspection API shows it (credentials left out). */
export interface RequestRecord {
	id: number;
	at: string;
	method: string;
	path: string;
	query: Record<string, string[]>;
	operationId: string | null;
	accountSid: string | null;
	/** The SID the request authenticated with: the account's, an API key's, or null. */
	authenticatedAs: string | null;
	params: Record<string, string[]>;
	issues: ValidationIssue[];
	status: number;
	errorCode: number | null;
	errorMessage: string | null;
	/** Where the sandbox's own response strayed from the spec's response schema (should be empty). */
	responseIssues: string[];
	faultStatus: number | null;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/** Everything the sandbox knows, shared by the REST handlers, the engines and the inspection API. */
export class SandboxState {
	readonly accounts = new Map<string, SandboxAccount>();
	readonly numbers = new Map<string, IncomingNumber>();
	readonly messagingServices = new Map<string, MessagingService>();
	readonly contentTemplates = new Map<string, ContentTemplate>();
	/** Recipients who texted STOP, per account. */
	readonly optOuts = new Map<string, Set<string>>();
	readonly notifications: NotificationRecord[] = [];
	readonly requests: RequestRecord[] = [];
	readonly messages: MessageRecord[] = [];
	readonly calls: CallRecord[] = [];
	readonly scenarios: ScenarioBook;
	readonly faults = new FaultBook();
	readonly webhooks: WebhookSender;
	/** Set once the server listens; used for URLs the sandbox hands out (recordings). */
	baseUrl = '';
	private initialNumbers: IncomingNumber[] = [];
	private initialServices: MessagingService[] = [];
	private nextRequestId = 1;

	constructor(
		readonly clock: SandboxClock,
		readonly log: (line: string) => void,
		scenarioOptions: ScenarioBookOptions = {},
	) {
		this.scenarios = new ScenarioBook(scenarioOptions);
		this.webhooks = new WebhookSender(clock, log);
	}

	/** Adds the configured accounts, generating one when none is given. */
	configure(configs: SandboxAccountConfig[] | undefined): void {
		const list = configs === undefined || configs.length === 0 ? [{ sid: newSid('AC'), authToken: newSecret() }] : configs;
		let generated = 100;
		for (const config of list) {
			if (!ACCOUNT_SID.test(config.sid)) throw new Error(`account sid must be AC + 32 hex digits, got ${config.sid}`);
			if (config.authToken === '') throw new Error(`account ${config.sid} needs an auth token`);
			for (const key of config.apiKeys ?? []) {
				if (!API_KEY_SID.test(key.sid)) throw new Error(`API key sid must be SK + 32 hex digits, got ${key.sid}`);
			}
			this.accounts.set(config.sid, {
				sid: config.sid,
				authToken: config.authToken,
				apiKeys: config.apiKeys ?? [],
				friendlyName: config.friendlyName ?? `Sandbox account ${this.accounts.size + 1}`,
				dateCreated: this.clock.now(),
			});
			let numbers = config.phoneNumbers;
			if (numbers === undefined) {
				do generated += 1;
				while (this.numbers.has(`+14155550${generated}`));
				numbers = [`+14155550${generated}`];
			}
			for (const number of numbers) this.addNumber(config.sid, number);
			const services = config.messagingServices ?? [{ phoneNumbers: numbers }];
			for (const service of services) this.addMessagingService(config.sid, service.phoneNumbers, service.sid);
		}
		this.initialNumbers = [...this.numbers.values()].map((number) => structuredClone(number));
		this.initialServices = [...this.messagingServices.values()].map((service) => structuredClone(service));
	}

	/** Back to the configuration the sandbox started with: no traffic, scenarios or faults. */
	reset(): void {
		this.numbers.clear();
		for (const number of this.initialNumbers) this.numbers.set(number.phoneNumber, structuredClone(number));
		this.messagingServices.clear();
		for (const service of this.initialServices) this.messagingServices.set(service.sid, structuredClone(service));
		this.contentTemplates.clear();
		this.optOuts.clear();
		this.notifications.length = 0;
		this.requests.length = 0;
		this.messages.length = 0;
		this.calls.length = 0;
		this.scenarios.reset();
		this.faults.reset();
		this.webhooks.reset();
	}

	account(sid: string): SandboxAccount | undefined {
		return this.accounts.get(sid);
	}

	addNumber(accountSid: string, phoneNumber: string, settings: Record<string, string | boolean> = {}): IncomingNumber {
		if (!isRoutablePhoneNumber(phoneNumber)) throw new Error(`not a valid E.164 phone number: ${phoneNumber}`);
		const owner = this.numbers.get(phoneNumber);
		if (owner !== undefined && owner.accountSid !== accountSid) throw new Error(`${phoneNumber} already belongs to ${owner.accountSid}`);
		const number = owner ?? newIncomingNumber(accountSid, phoneNumber, this.clock.now());
		Object.assign(number.settings, settings);
		number.dateUpdated = this.clock.now();
		this.numbers.set(phoneNumber, number);
		return number;
	}

	addMessagingService(accountSid: string, phoneNumbers: string[], sid: string = newSid('MG')): MessagingService {
		if (!MESSAGING_SERVICE_SID.test(sid)) throw new Error(`messaging service sid must be MG + 32 hex digits, got ${sid}`);
		for (const number of phoneNumbers) {
			if (this.numbers.get(number)?.accountSid !== accountSid) throw new Error(`${number} is not a number of ${accountSid}`);
		}
		const service: MessagingService = { sid, accountSid, phoneNumbers: [...phoneNumbers] };
		this.messagingServices.set(sid, service);
		return service;
	}

	ownedNumber(accountSid: string, phoneNumber: string): IncomingNumber | undefined {
		const number = this.numbers.get(phoneNumber);
		return number?.accountSid === accountSid ? number : undefined;
	}

	serviceOfNumber(phoneNumber: string): MessagingService | undefined {
		return [...this.messagingServices.values()].find((service) => service.phoneNumbers.includes(phoneNumber));
	}

	isOptedOut(accountSid: string, recipient: string): boolean {
		return this.optOuts.get(accountSid)?.has(recipient) === true;
	}

	setOptOut(accountSid: string, recipient: string, optedOut: boolean): void {
		let set = this.optOuts.get(accountSid);
		if (set === undefined) {
			set = new Set();
			this.optOuts.set(accountSid, set);
		}
		if (optedOut) set.add(recipient);
		else set.delete(recipient);
	}

	notify(input: NotificationInput): NotificationRecord {
		const record = newNotification(input, this.clock.now());
		this.notifications.push(record);
		this.log(`debugger ${record.errorCode} ${record.messageText}`);
		return record;
	}

	nextRequestNumber(): number {
		return this.nextRequestId++;
	}
}
