import { DateTime } from 'luxon';

import {
	DEFAULT_SUBMISSION_RULES,
	normalizeSubmission,
	type SubmissionContext,
	type SubmissionRules,
} from '../../../../nodes/core/callbackRequest/normalizeSubmission';

const now = DateTime.fromISO('2026-11-20T15:00:00Z', { zone: 'utc' });
const context: SubmissionContext = {
	callbackId: 'cb_test',
	now,
	ip: '203.0.113.9',
	userAgent: 'Mozilla/5.0',
	referer: 'https://acme.example/contact',
	internalKeys: ['_form'],
};

function normalize(body: unknown, rules: Partial<SubmissionRules> = {}) {
	return normalizeSubmission(body, { ...DEFAULT_SUBMISSION_RULES, ...rules }, context);
}

function errorsOf(result: ReturnType<typeof normalize>) {
	if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.request)}`);
	return result;
}

describe('normalizeSubmission', () => {
	it('builds the clean callback item from a plain JSON form', () => {
		const result = normalize({
			first_name: ' Jane ',
			last_name: 'Doe',
			phone: '(415) 555-2671',
			email: 'Jane@Example.com',
			message: 'Question about my\r\nbill',
			consent: 'on',
			utm_source: 'google',
		});
		expect(result).toEqual({
			ok: true,
			request: {
				callbackId: 'cb_test',
				requestedAt: '2026-11-20T15:00:00.000Z',
				contact: { firstName: 'Jane', lastName: 'Doe', phone: '+14155552671', phoneCountry: 'US', email: 'jane@example.com' },
				reason: 'Question about my\nbill',
				mode: 'asap',
				preferredTime: null,
				timezone: null,
				consent: {
					given: true,
					text: null,
					at: '2026-11-20T15:00:00.000Z',
					ip: '203.0.113.9',
					userAgent: 'Mozilla/5.0',
					pageUrl: 'https://acme.example/contact',
				},
				source: 'webhook',
				custom: { utm_source: 'google' },
			},
		});
	});

	it('splits a full name and records the consent text the lead saw', () => {
		const result = normalize({ name: 'Dr. Mary Ann Smith', phone: '+16135550123', consent: 'yes' }, { consentText: 'I agree.' });
		if (!result.ok) throw new Error('expected ok');
		expect(result.request.contact).toEqual(expect.objectContaining({ firstName: 'Mary', lastName: 'Ann Smith', phoneCountry: 'CA' }));
		expect(result.request.consent.text).toBe('I agree.');
	});

	it('makes a scheduled request from a local preferred time in the lead timezone', () => {
		const result = normalize({ first_name: 'Jane', phone: '4155552671', preferred_time: '2026-11-23T10:30', timezone: 'America/Los_Angeles' });
		if (!result.ok) throw new Error('expected ok');
		expect(result.request.mode).toBe('scheduled');
		expect(result.request.preferredTime).toBe('2026-11-23T10:30:00-08:00');
		expect(result.request.timezone).toBe('America/Los_Angeles');
	});

	it('asks for a timezone when a preferred time has neither offset nor zone', () => {
		const result = errorsOf(normalize({ first_name: 'Jane', phone: '4155552671', preferred_time: '2026-11-23 10:30' }));
		expect(result.errors).toEqual([{ field: 'preferred_time', message: expect.stringContaining('timezone') }]);
	});

	it('names every field to fix, as it was submitted', () => {
		const result = errorsOf(
			normalize({ firstName: '', phoneNumber: '123', email: 'not-an-email', tz: 'Mars/Olympus', consent: 'maybe' }),
		);
		expect(result.status).toBe(422);
		expect(result.errors.map((error) => error.field).sort()).toEqual(['consent', 'email', 'first_name', 'phoneNumber', 'tz']);
	});

	it('says which countries are allowed', () => {
		const result = errorsOf(normalize({ first_name: 'Jane', phone: '+44 20 7946 0958' }));
		expect(result.errors).toEqual([{ field: 'phone', message: 'We can only call numbers in the United States or Canada.' }]);
	});

	it('marks a submission that fills the honeypot as spam, with no error that could show the trap', () => {
		for (const website of ['http://spam.example', ' x ', ['http://a.example'], ['', 'x'], 1, { url: 'x' }]) {
			const result = errorsOf(normalize({ first_name: 'Jane', phone: '4155552671', website }));
			expect(result).toEqual({ ok: false, status: 400, errors: [], spam: true });
			expect(JSON.stringify(result)).not.toMatch(/website|empty|honeypot|field/i);
		}
		const custom = errorsOf(normalize({ first_name: 'Jane', phone: '4155552671', fax_number: '1' }, { honeypotFieldName: 'fax_number' }));
		expect(custom.spam).toBe(true);
	});

	it('a bot is spotted before anything else, even in an invalid submission', () => {
		expect(errorsOf(normalize({ phone: 'nope', email: 'x', website: 'spam' }))).toEqual({ ok: false, status: 400, errors: [], spam: true });
	});

	it('a person never trips the trap: empty honeypot, or the trap switched off', () => {
		expect(normalize({ first_name: 'Jane', phone: '4155552671', website: '' }).ok).toBe(true);
		expect(normalize({ first_name: 'Jane', phone: '4155552671', website: '   ' }).ok).toBe(true);
		expect(normalize({ first_name: 'Jane', phone: '4155552671', website: [''] }).ok).toBe(true);
		const off = normalize({ first_name: 'Jane', phone: '4155552671', website: 'https://jane.example' }, { honeypotFieldName: '' });
		if (!off.ok) throw new Error('expected ok');
		expect(off.request.custom).toEqual({ website: 'https://jane.example' });
	});

	it('never answers with an error that names the trap, whatever else is wrong', () => {
		const result = errorsOf(normalize({ first_name: '', phone: '1', website: '' }));
		expect(result.spam).toBeFalsy();
		expect(result.errors.map((error) => error.field)).not.toContain('website');
	});

	it('refuses a body that is not a form', () => {
		expect(errorsOf(normalize('phone=1')).status).toBe(400);
		expect(errorsOf(normalize([{ phone: '4155552671' }])).status).toBe(400);
	});

	it('enforces length limits without truncating', () => {
		const result = errorsOf(normalize({ first_name: 'J'.repeat(81), phone: '4155552671', reason: 'x'.repeat(501) }));
		expect(result.errors).toEqual([
			{ field: 'first_name', message: 'Shorten your first name to 80 characters or fewer.' },
			{ field: 'reason', message: 'Shorten this to 500 characters or fewer.' },
		]);
		const atLimit = normalize({ first_name: 'J'.repeat(80), phone: '4155552671', reason: 'x'.repeat(500) });
		expect(atLimit.ok).toBe(true);
	});

	it('counts the reason after cleaning: spaces and line endings a browser adds do not count twice', () => {
		const typed = `${'ab  '.repeat(125)}\r\n`;
		const result = normalize({ first_name: 'Jane', phone: '4155552671', reason: typed });
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.request.reason?.length).toBe(374);
	});

	it('refuses a phone field longer than the page allows, before reading it', () => {
		const result = errorsOf(normalize({ first_name: 'Jane', phone: `+1 415 555 2671 ${' ext'.repeat(10)}` }));
		expect(result.errors).toEqual([{ field: 'phone', message: 'Shorten the phone number to 40 characters or fewer.' }]);
	});

	it.each([
		['+1 415 555 0123 x123', '123'],
		['(415) 555-0123 ext. 45', '45'],
		['415.555.0123#9', '9'],
		['+1 415-555-0123 extension 12345678', '12345678'],
	])('keeps the extension of %p as contact.phoneExtension', (phone, extension) => {
		const result = normalize({ first_name: 'Jane', phone });
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.request.contact).toEqual({ firstName: 'Jane', lastName: '', phone: '+14155550123', phoneCountry: 'US', email: null, phoneExtension: extension });
	});

	it('leaves contact.phoneExtension out when there is none, so items keep their shape', () => {
		const result = normalize({ first_name: 'Jane', phone: '(415) 555-0123' });
		if (!result.ok) throw new Error('expected ok');
		expect('phoneExtension' in result.request.contact).toBe(false);
	});

	it('refuses an extension that is too long, saying so', () => {
		const result = errorsOf(normalize({ first_name: 'Jane', phone: '(415) 555-0123 x123456789' }));
		expect(result.errors).toEqual([{ field: 'phone', message: 'The extension can have at most 8 digits, for example x123.' }]);
	});

	it('asks for the full name as a whole when it is empty, and for the missing part when it is not', () => {
		expect(errorsOf(normalize({ name: '', phone: '4155552671' })).errors).toEqual([{ field: expect.any(String), message: expect.stringMatching(/^Enter your (first )?name\.$/) }]);
		expect(errorsOf(normalize({ name: 'Cher', phone: '4155552671' }, { requiredFields: ['firstName', 'lastName'] })).errors).toEqual([
			{ field: 'name', message: 'Enter your last name.' },
		]);
	});

	it('checks the custom data limits and names the oversized field', () => {
		const result = errorsOf(normalize({ first_name: 'Jane', phone: '4155552671', notes_blob: 'y'.repeat(2001) }));
		expect(result.errors).toEqual([{ field: 'notes_blob', message: expect.any(String) }]);
	});

	it('enforces the configured required fields', () => {
		const result = errorsOf(normalize({ first_name: 'Jane', phone: '4155552671' }, { requiredFields: ['firstName', 'email', 'consent', 'reason'] }));
		expect(result.errors.map((error) => error.field).sort()).toEqual(['consent', 'email', 'reason']);
	});

	it('refuses preferred times in the past or too far ahead', () => {
		const past = errorsOf(normalize({ first_name: 'Jane', phone: '4155552671', preferred_time: '2026-11-20T09:00:00-05:00' }));
		expect(past.errors[0].message).toContain('past');
		const far = errorsOf(normalize({ first_name: 'Jane', phone: '4155552671', preferred_time: '2027-06-01T09:00:00-05:00' }));
		expect(far.errors[0].message).toContain('60 days');
	});

	it('refuses names without letters and non-text values', () => {
		const result = errorsOf(normalize({ first_name: '12345', last_name: { nested: true }, phone: '4155552671' }));
		expect(result.errors.map((error) => error.field).sort()).toEqual(['first_name', 'last_name']);
	});

	it('ignores a page URL that is not http(s) and falls back to the referer', () => {
		const result = normalize({ first_name: 'Jane', phone: '4155552671', page_url: 'javascript:alert(1)' });
		if (!result.ok) throw new Error('expected ok');
		expect(result.request.consent.pageUrl).toBeNull();
		const withoutField = normalize({ first_name: 'Jane', phone: '4155552671' });
		if (!withoutField.ok) throw new Error('expected ok');
		expect(withoutField.request.consent.pageUrl).toBe('https://acme.example/contact');
	});

	it('reads a HighLevel webhook with the HighLevel preset', () => {
		const result = normalize(
			{
				contact_id: 'hl-123',
				first_name: 'Jane',
				last_name: 'Doe',
				full_name: 'Jane Doe',
				phone: '+14155552671',
				email: 'jane@example.com',
				timezone: 'America/Chicago',
				customData: { reason: 'Roof repair' },
				location: { id: 'loc1', name: 'Acme' },
			},
			{ preset: 'highLevel', defaultSource: 'highlevel' },
		);
		if (!result.ok) throw new Error(JSON.stringify(result.errors));
		expect(result.request.contact.lastName).toBe('Doe');
		expect(result.request.reason).toBe('Roof repair');
		expect(result.request.timezone).toBe('America/Chicago');
		expect(result.request.source).toBe('highlevel');
		expect(result.request.custom).toEqual({ contact_id: 'hl-123', location: { id: 'loc1', name: 'Acme' } });
	});
});
