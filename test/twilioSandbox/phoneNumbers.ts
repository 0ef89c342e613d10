import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { listPage, newestFirst, type RestContext, type RestResult } from './restContext';
import { newSid } from './sids';
import { notFound, twilioError } from './twilioErrors';
import { formattedPhoneNumber, isRoutablePhoneNumber, rfc2822 } from './twilioFormats';

/**
 * A Twilio number an account owns (IncomingPhoneNumber): where its SMS and calls are sent
 * (`sms_url`, `voice_url`) and where call status goes (`status_callback`).
 */
export interface IncomingNumber {
	sid: string;
	accountSid: string;
	phoneNumber: string;
	dateCreated: Date;
	dateUpdated: Date;
	/** Writable properties by their resource name (`sms_url`, `voice_method`, ...). */
	settings: Record<string, string | boolean | null>;
}

export interface NumberWebhook {
	url: string;
	method: 'GET' | 'POST';
}

function defaultSettings(phoneNumber: string): Record<string, string | boolean | null> {
	return {
		friendly_name: formattedPhoneNumber(phoneNumber),
		sms_url: '',
		sms_method: 'POST',
		sms_fallback_url: '',
		sms_fallback_method: 'POST',
		sms_application_sid: null,
		voice_url: '',
		voice_method: 'POST',
		voice_fallback_url: '',
		voice_fallback_method: 'POST',
		voice_application_sid: null,
		voice_caller_id_lookup: false,
		voice_receive_mode: 'voice',
		status_callback: '',
		status_callback_method: 'POST',
		address_sid: null,
		identity_sid: null,
		bundle_sid: null,
		trunk_sid: null,
		emergency_status: 'Inactive',
		emergency_address_sid: null,
	};
}

export function newIncomingNumber(accountSid: string, phoneNumber: string, now: Date): IncomingNumber {
	return { sid: newSid('PN'), accountSid, phoneNumber, dateCreated: now, dateUpdated: now, settings: defaultSettings(phoneNumber) };
}

/** The number's SMS URL, voice URL or status callback, when one is set. */
export function numberWebhook(number: IncomingNumber, kind: 'sms' | 'voice' | 'status'): NumberWebhook | undefined {
	const prefix = kind === 'status' ? 'status_callback' : `${kind}_url`;
	const url = number.settings[prefix];
	const method = number.settings[kind === 'status' ? 'status_callback_method' : `${kind}_method`];
	if (typeof url !== 'string' || url === '') return undefined;
	return { url, method: method === 'GET' ? 'GET' : 'POST' };
}

export function incomingNumberResource(number: IncomingNumber): Record<string, unknown> {
	const type = parsePhoneNumberFromString(number.phoneNumber)?.getType();
	return {
		account_sid: number.accountSid,
		address_requirements: 'none',
		api_version: '2010-04-01',
		beta: false,
		capabilities: { mms: true, sms: true, voice: true, fax: false },
		date_created: rfc2822(number.dateCreated),
		date_updated: rfc2822(number.dateUpdated),
		origin: 'twilio',
		phone_number: number.phoneNumber,
		sid: number.sid,
		status: 'in-use',
		type: type === 'TOLL_FREE' ? 'toll-free' : type === 'MOBILE' ? 'mobile' : 'local',
		uri: `/2010-04-01/Accounts/${number.accountSid}/IncomingPhoneNumbers/${number.sid}.json`,
		emergency_address_status: 'unregistered',
		...number.settings,
	};
}

/** `SmsUrl` → `sms_url`: request parameters map onto resource properties by name. */
function propertyName(parameter: string): string {
	return parameter.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Parameters that would route traffic somewhere the sandbox does not simulate. */
const UNSIMULATED = ['SmsApplicationSid', 'VoiceApplicationSid', 'TrunkSid'];
const NOT_SETTINGS = new Set(['AccountSid', 'ApiVersion', 'PhoneNumber', 'AreaCode']);

function applySettings(context: RestContext, number: IncomingNumber): void {
	for (const name of UNSIMULATED) {
		if (context.body.has(name)) throw twilioError(21009, `The sandbox does not simulate ${name}: route traffic with SmsUrl / VoiceUrl`);
	}
	for (const name of context.body.names()) {
		if (NOT_SETTINGS.has(name)) continue;
		const property = propertyName(name);
		const value = context.body.boolean(name) ?? context.body.string(name) ?? null;
		number.settings[property] = value;
	}
	number.dateUpdated = context.state.clock.now();
}

function findNumber(context: RestContext): IncomingNumber {
	const number = [...context.state.numbers.values()].find(
		(candidate) => candidate.sid === context.pathParams.Sid && candidate.accountSid === context.account.sid,
	);
	if (number === undefined) throw notFound(context.pathname);
	return number;
}

export function listIncomingNumbers(context: RestContext): RestResult {
	const phoneNumber = context.query.string('PhoneNumber');
	const friendlyName = context.query.string('FriendlyName');
	const numbers = [...context.state.numbers.values()].filter(
		(number) =>
			number.accountSid === context.account.sid &&
			(phoneNumber === undefined || number.phoneNumber === phoneNumber) &&
			(friendlyName === undefined || number.settings.friendly_name === friendlyName),
	);
	return listPage(context, newestFirst(numbers).map(incomingNumberResource));
}

export function fetchIncomingNumber(context: RestContext): RestResult {
	return { status: 200, body: incomingNumberResource(findNumber(context)) };
}

export function createIncomingNumber(context: RestContext): RestResult {
	const { state } = context;
	let phoneNumber = context.body.string('PhoneNumber');
	const areaCode = context.body.string('AreaCode');
	if (phoneNumber === undefined && areaCode === undefined) throw twilioError(21007, "A 'PhoneNumber' or 'AreaCode' parameter is required");
	if (phoneNumber === undefined) {
		if (!/^[2-9]\d{2}$/.test(areaCode ?? '')) throw twilioError(21004, `The parameter 'AreaCode' must be a North American area code, got '${areaCode}'`);
		for (let line = 100; line < 10000 && phoneNumber === undefined; line++) {
			const candidate = `+1${areaCode}555${String(line).padStart(4, '0')}`;
			if (isRoutablePhoneNumber(candidate) && !state.numbers.has(candidate)) phoneNumber = candidate;
		}
		if (phoneNumber === undefined) throw twilioError(21422, `No phone number is available in area code ${areaCode}`);
	}
	if (state.numbers.has(phoneNumber)) throw twilioError(21422, `Phone number ${phoneNumber} is not available`);
	const number = state.addNumber(context.account.sid, phoneNumber);
	try {
		applySettings(context, number);
	} catch (error) {
		state.numbers.delete(phoneNumber);
		throw error;
	}
	return { status: 201, body: incomingNumberResource(number) };
}

export function updateIncomingNumber(context: RestContext): RestResult {
	const number = findNumber(context);
	const newOwner = context.body.string('AccountSid');
	if (newOwner !== undefined && newOwner !== number.accountSid) {
		if (context.state.account(newOwner) === undefined) throw twilioError(20404, `Account ${newOwner} was not found`);
		number.accountSid = newOwner;
		for (const service of context.state.messagingServices.values()) {
			service.phoneNumbers = service.phoneNumbers.filter((candidate) => candidate !== number.phoneNumber);
		}
	}
	applySettings(context, number);
	return { status: 200, body: incomingNumberResource(number) };
}

export function deleteIncomingNumber(context: RestContext): RestResult {
	const number = findNumber(context);
	context.state.numbers.delete(number.phoneNumber);
	for (const service of context.state.messagingServices.values()) {
		service.phoneNumbers = service.phoneNumbers.filter((candidate) => candidate !== number.phoneNumber);
	}
	return { status: 204 };
}
