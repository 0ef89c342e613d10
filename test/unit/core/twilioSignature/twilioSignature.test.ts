import fc from 'fast-check';
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks';

import { expectedTwilioSignature, formParams, isValidTwilioSignature, paramsFromParsedBody, requestedUrl } from '../../../../nodes/core/twilioSignature';

const AUTH_TOKEN = '12345678901234567890123456789012';
const URL = 'https://n8n.example.com/webhook-waiting/42/node-1?step=agent-status&agent=0&signature=abc123';
const PARAMS = {
	AccountSid: 'AC0123456789abcdef0123456789abcdef',
	CallSid: 'CA0123456789abcdef0123456789abcdef',
	CallStatus: 'completed',
	From: '+14155550100',
	To: '+14155550123',
	CallDuration: '17',
};

describe('expectedTwilioSignature', () => {
	it('matches the twilio SDK for a status callback', () => {
		expect(expectedTwilioSignature(AUTH_TOKEN, URL, PARAMS)).toBe(getExpectedTwilioSignature(AUTH_TOKEN, URL, PARAMS));
	});

	it('matches the twilio SDK for any URL and parameters, repeated names included (property)', () => {
		const name = fc.string({ minLength: 1, maxLength: 12 });
		const value = fc.string({ maxLength: 20 });
		const params = fc.dictionary(name, fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 })), { maxKeys: 8 });
		fc.assert(
			fc.property(fc.webUrl({ withQueryParameters: true }), fc.string({ minLength: 1, maxLength: 40 }), params, (url, token, form) => {
				expect(expectedTwilioSignature(token, url, form)).toBe(getExpectedTwilioSignature(token, url, form));
			}),
			{ numRuns: 300 },
		);
	});
});

describe('isValidTwilioSignature', () => {
	const signature = getExpectedTwilioSignature(AUTH_TOKEN, URL, PARAMS);

	it('accepts what the twilio SDK signs, and what its validateRequest accepts', () => {
		expect(isValidTwilioSignature(AUTH_TOKEN, signature, URL, PARAMS)).toBe(true);
		expect(validateRequest(AUTH_TOKEN, signature, URL, PARAMS)).toBe(true);
	});

	it('refuses a changed parameter, URL, step or token', () => {
		expect(isValidTwilioSignature(AUTH_TOKEN, signature, URL, { ...PARAMS, CallStatus: 'busy' })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, signature, URL, { ...PARAMS, Digits: '1' })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, signature, URL.replace('agent-status', 'dial-done'), PARAMS)).toBe(false);
		expect(isValidTwilioSignature(`${AUTH_TOKEN.slice(1)}0`, signature, URL, PARAMS)).toBe(false);
	});

	it('refuses a missing, empty or malformed signature and an empty token', () => {
		expect(isValidTwilioSignature(AUTH_TOKEN, undefined, URL, PARAMS)).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, '', URL, PARAMS)).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, 'not-base64', URL, PARAMS)).toBe(false);
		expect(isValidTwilioSignature('', getExpectedTwilioSignature('', URL, PARAMS), URL, PARAMS)).toBe(false);
	});

	it('accepts the URL with or without the default port, as a proxy may change it', () => {
		const withPort = 'https://n8n.example.com:443/webhook-waiting/42/node-1?step=a';
		const withoutPort = 'https://n8n.example.com/webhook-waiting/42/node-1?step=a';
		expect(isValidTwilioSignature(AUTH_TOKEN, getExpectedTwilioSignature(AUTH_TOKEN, withPort, PARAMS), withoutPort, PARAMS)).toBe(true);
		expect(isValidTwilioSignature(AUTH_TOKEN, getExpectedTwilioSignature(AUTH_TOKEN, withoutPort, PARAMS), withPort, PARAMS)).toBe(true);
		expect(isValidTwilioSignature(AUTH_TOKEN, getExpectedTwilioSignature(AUTH_TOKEN, 'http://localhost:5678/x?y=1', PARAMS), 'http://localhost:5678/x?y=1', PARAMS)).toBe(true);
		expect(isValidTwilioSignature(AUTH_TOKEN, getExpectedTwilioSignature(AUTH_TOKEN, 'http://localhost:5678/x?y=1', PARAMS), 'http://localhost:5679/x?y=1', PARAMS)).toBe(false);
	});

	it('agrees with the SDK on what it accepts and refuses (property)', () => {
		const params = fc.dictionary(fc.constantFrom('CallSid', 'CallStatus', 'Digits', 'AnsweredBy', 'To'), fc.string({ maxLength: 12 }), { maxKeys: 5 });
		fc.assert(
			fc.property(params, params, fc.boolean(), (signed, received, sameUrl) => {
				const sent = getExpectedTwilioSignature(AUTH_TOKEN, URL, signed);
				const url = sameUrl ? URL : `${URL}&x=1`;
				expect(isValidTwilioSignature(AUTH_TOKEN, sent, url, received)).toBe(validateRequest(AUTH_TOKEN, sent, url, received));
			}),
			{ numRuns: 300 },
		);
	});
});

describe('what the signature is checked over', () => {
	it('reads a raw form body with every value, repeated names kept in order', () => {
		expect(formParams('CallSid=CA1&Digits=1&Caller=%2B14155550100&Note=a+b&Tag=x&Tag=y')).toEqual({ CallSid: 'CA1', Digits: '1', Caller: '+14155550100', Note: 'a b', Tag: ['x', 'y'] });
		expect(formParams('')).toEqual({});
	});

	it('keeps only text from a parsed body', () => {
		expect(paramsFromParsedBody({ A: '1', B: ['x', 'y'], C: { nested: true }, D: 3 })).toEqual({ A: '1', B: ['x', 'y'] });
		expect(paramsFromParsedBody(undefined)).toEqual({});
	});

	it('rebuilds the URL Twilio requested from the public base and the query as received', () => {
		const base = 'https://n8n.example.com/webhook-waiting/42/node-1?step=agent-answer&agent=0&signature=x';
		expect(requestedUrl(base, '/webhook-waiting/42/node-1?step=dial-done&agent=0&signature=y')).toBe('https://n8n.example.com/webhook-waiting/42/node-1?step=dial-done&agent=0&signature=y');
		// The query is taken exactly as it came, encoding included.
		expect(requestedUrl('https://h/p', '/local/path?a=%2B1&b=c+d')).toBe('https://h/p?a=%2B1&b=c+d');
		expect(requestedUrl('https://h/p?x=1', '/p')).toBe('https://h/p');
	});
});
