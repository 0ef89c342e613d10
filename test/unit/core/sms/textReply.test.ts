import { DateTime } from 'luxon';

import { readTextReply, TEXT_REPLY_OUTPUT_NAMES, TEXT_REPLY_OUTPUTS, type InboundText, type TextReplyRules } from '../../../../nodes/core/sms/textReply';

/** Tuesday 3 March 2026, 14:00 in New York. */
const NOW = DateTime.fromISO('2026-03-03T19:00:00Z');
let ids = 0;
const RULES: TextReplyRules = { allowedCountries: ['US', 'CA'], businessTimezone: 'America/New_York', newCallbackId: () => `cb_${String(++ids).padStart(20, '0')}` };

function inbound(body: string, from = '+14155552671'): InboundText {
	return { from, to: '+14155550100', body, messageSid: 'SM0123456789abcdef0123456789abcdef', receivedAt: NOW };
}

describe('readTextReply', () => {
	it('has one output per intent, named for the editor', () => {
		expect(TEXT_REPLY_OUTPUTS.map((output) => TEXT_REPLY_OUTPUT_NAMES[output])).toEqual(['Status', 'Cancel', 'Call Me', 'Reschedule', 'New Number', 'Opted Out', 'Opted In', 'Help', 'Other']);
	});

	it.each([
		['@status', 'status'],
		['@cancel', 'cancel'],
		['@callme', 'callMe'],
		['RESCHEDULE monday 10:30', 'reschedule'],
		['UPDATE +1 212 555 0188', 'updateNumber'],
		['STOP', 'optOut'],
		['START', 'optIn'],
		['HELP', 'help'],
		['thanks!', 'other'],
	])('sends %j to %s', (body, output) => {
		expect(readTextReply(inbound(body), RULES).output).toBe(output);
	});

	it('makes the lead a callback request from SMS, on the clock of their number', () => {
		const { item } = readTextReply(inbound('@status'), RULES);
		expect(item).toMatchObject({
			callbackId: null,
			contact: { phone: '+14155552671', phoneCountry: 'US', firstName: '', email: null },
			timezone: 'America/Los_Angeles',
			source: 'sms',
			mode: 'asap',
			preferredTime: null,
			consent: { given: true, text: '@status', at: '2026-03-03T19:00:00.000Z' },
			reply: { intent: 'status', text: '@status', messageSid: 'SM0123456789abcdef0123456789abcdef', to: '+14155550100', receivedAt: '2026-03-03T19:00:00.000Z' },
		});
	});

	it('gives a new callback id only to texts that ask for a new callback', () => {
		for (const body of ['@status', '@cancel', 'STOP', 'START', 'HELP', 'hello', 'RESCHEDULE', 'RESCHEDULE whenever', 'UPDATE 2125550188']) {
			expect({ body, callbackId: readTextReply(inbound(body), RULES).item.callbackId }).toEqual({ body, callbackId: null });
		}
		const callMe = readTextReply(inbound('@callme'), RULES).item.callbackId;
		const reschedule = readTextReply(inbound('RESCHEDULE tomorrow 10am'), RULES).item.callbackId;
		expect(callMe).toMatch(/^cb_\d{20}$/);
		expect(reschedule).toMatch(/^cb_\d{20}$/);
		expect(callMe).not.toBe(reschedule);
	});

	it('reads the rescheduled time on the lead\'s clock, or says why it could not', () => {
		const { item } = readTextReply(inbound('RESCHEDULE tomorrow 10am'), RULES);
		expect(item).toMatchObject({ mode: 'scheduled', preferredTime: '2026-03-04T10:00:00.000-08:00', reply: { requestedTime: '2026-03-04T10:00:00.000-08:00' } });
		expect(readTextReply(inbound('RESCHEDULE'), RULES).item.reply).toMatchObject({ requestedTime: null, requestedTimeProblem: 'empty' });
		expect(readTextReply(inbound('RESCHEDULE when the moon is full'), RULES).item.reply).toMatchObject({ requestedTime: null, requestedTimeProblem: 'unreadable' });
		// A number whose zone cannot be told is read on the business clock.
		const unknownZone = readTextReply(inbound('RESCHEDULE tomorrow 10am', '+33612345678'), RULES).item;
		expect(unknownZone.timezone).toBe('Europe/Paris');
		const business = readTextReply(inbound('RESCHEDULE tomorrow 10am', '+5511987654321'), RULES).item;
		expect(business.preferredTime).toBe('2026-03-04T10:00:00.000-05:00');
	});

	it('checks a new number with the same rules as the callback form', () => {
		expect(readTextReply(inbound('UPDATE (212) 555-0188'), RULES).item.reply).toMatchObject({ newNumber: '+12125550188' });
		const abroad = readTextReply(inbound('UPDATE +44 7400 123456'), RULES).item.reply;
		expect(abroad).toMatchObject({ newNumber: null, numberProblem: expect.stringMatching(/United States|Canada/) });
		expect(readTextReply(inbound('UPDATE +44 7400 123456'), { ...RULES, allowedCountries: [] }).item.reply).toMatchObject({ newNumber: '+447400123456' });
		expect(readTextReply(inbound('UPDATE 123'), RULES).item.reply).toMatchObject({ newNumber: null, numberProblem: expect.any(String) });
		expect(readTextReply(inbound('UPDATE 1-900-555-0123'), RULES).item.reply).toMatchObject({ newNumber: null });
	});

	it('keeps the carrier keyword, and marks CANCEL as calling the callback off', () => {
		expect(readTextReply(inbound('Cancel'), RULES)).toMatchObject({ output: 'optOut', item: { reply: { keyword: 'CANCEL', cancelsCallback: true } } });
		expect(readTextReply(inbound('stop'), RULES)).toMatchObject({ output: 'optOut', item: { reply: { keyword: 'STOP', cancelsCallback: false } } });
		expect(readTextReply(inbound('unstop'), RULES)).toMatchObject({ output: 'optIn', item: { reply: { keyword: 'UNSTOP' } } });
	});
});
