import { menuCallbackRequest, type MenuCallbackRequestInput } from '../../../../nodes/core/inbound/menuCallbackRequest';

const INPUT: MenuCallbackRequestInput = {
	callbackId: 'cb_menu0000001',
	number: { e164: '+12125550142', country: 'US' },
	timing: 'asap',
	numberKeyedIn: false,
	estimatedWaitMinutes: 20,
	calledNumber: '+14155550180',
	callSid: 'CA42',
	requestedAt: '2026-11-30T15:00:00.000Z',
	expectedCallbackAt: '2026-11-30T15:20:00.000Z',
	expectedCallbackText: 'around 10:20 AM',
	businessTimezone: 'America/Chicago',
};

describe('a callback asked for in the phone menu', () => {
	it('is a callback request from the phone menu with the choices as context data', () => {
		expect(menuCallbackRequest(INPUT)).toEqual({
			callbackId: 'cb_menu0000001',
			requestedAt: '2026-11-30T15:00:00.000Z',
			contact: { firstName: '', lastName: '', phone: '+12125550142', phoneCountry: 'US', email: null },
			reason: null,
			mode: 'asap',
			preferredTime: null,
			timezone: 'America/New_York',
			consent: { given: true, text: 'Pressed 1 in the phone menu to keep their place and get a call back', at: '2026-11-30T15:00:00.000Z', ip: null, userAgent: null, pageUrl: null },
			source: 'phone-menu',
			custom: { ivrChoice: 'keep-place', estimatedWaitMinutes: 20, numberKeyedIn: false },
			callback: { calledNumber: '+14155550180', menuCallSid: 'CA42', expectedCallbackAt: '2026-11-30T15:20:00.000Z', expectedCallbackText: 'around 10:20 AM' },
		});
	});

	it('"choose a time" is a scheduled callback; a number without a zone of its own takes the business zone', () => {
		const chosen = menuCallbackRequest({ ...INPUT, timing: 'choose-time', numberKeyedIn: true, number: { e164: '+18005550100', country: 'US' } });
		expect(chosen).toMatchObject({ mode: 'scheduled', timezone: 'America/Chicago', custom: { ivrChoice: 'choose-time', numberKeyedIn: true } });
		expect(chosen.consent.text).toBe('Pressed 2 in the phone menu to choose a time for a call back');
	});
});
