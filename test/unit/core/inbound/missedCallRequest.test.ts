import { readInboundCall } from '../../../../nodes/core/inbound/inboundCall';
import { missedCallRequest } from '../../../../nodes/core/inbound/missedCallRequest';

const CALL = readInboundCall({ CallSid: 'CA0123', From: '+12125550142', To: '+14155550160', Direction: 'inbound', CallStatus: 'no-answer' });
const MISSED_AT = '2026-11-30T15:04:05.000Z';

describe('a missed call as a callback request', () => {
	it('is the Callback Request Trigger’s shape, from the number the caller dialled, in the caller’s zone', () => {
		const result = missedCallRequest({ call: CALL, caller: { e164: '+12125550142', country: 'US' }, reason: 'no-answer', callbackId: 'cb_abc123def456', missedAt: MISSED_AT, fallbackTimezone: null });
		expect(result).toEqual({
			ok: true,
			request: {
				callbackId: 'cb_abc123def456',
				requestedAt: MISSED_AT,
				contact: { firstName: '', lastName: '', phone: '+12125550142', phoneCountry: 'US', email: null },
				reason: null,
				mode: 'asap',
				preferredTime: null,
				timezone: 'America/New_York',
				consent: { given: true, text: 'Called +14155550160 and was not answered (no-answer)', at: MISSED_AT, ip: null, userAgent: null, pageUrl: null },
				source: 'missed-call',
				custom: {},
				callback: { calledNumber: '+14155550160', missedCallReason: 'no-answer', missedCallSid: 'CA0123' },
			},
		});
	});

	it('uses the fallback zone only when the number does not tell, and starts no callback with neither', () => {
		// A US toll-free number belongs to no zone.
		const tollFree = { e164: '+18005550100', country: 'US' };
		const input = { call: CALL, caller: tollFree, reason: 'busy' as const, callbackId: 'cb_abc123def456', missedAt: MISSED_AT };
		expect(missedCallRequest({ ...input, fallbackTimezone: 'America/Chicago' })).toMatchObject({ ok: true, request: { timezone: 'America/Chicago' } });
		expect(missedCallRequest({ ...input, fallbackTimezone: null })).toMatchObject({ ok: false, reason: 'timezone-unknown' });
		expect(missedCallRequest({ ...input, caller: { e164: '+12125550142', country: 'US' }, fallbackTimezone: 'America/Chicago' })).toMatchObject({ ok: true, request: { timezone: 'America/New_York' } });
	});
});
