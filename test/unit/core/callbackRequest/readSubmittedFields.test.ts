import { presetAliases } from '../../../../nodes/core/callbackRequest/fieldAliases';
import { readSubmittedFields } from '../../../../nodes/core/callbackRequest/readSubmittedFields';

const standard = { aliases: presetAliases('standard'), overrides: {}, internalKeys: ['_form', 'website'] };

describe('readSubmittedFields', () => {
	it('matches the usual names whatever their case and punctuation', () => {
		const { values } = readSubmittedFields(
			{ 'First Name': 'Jane', last_name: 'Doe', phoneNumber: '4155552671', 'E-mail': 'jane@example.com', Message: 'Billing' },
			standard,
		);
		expect(values.firstName).toEqual({ value: 'Jane', key: 'First Name' });
		expect(values.lastName).toEqual({ value: 'Doe', key: 'last_name' });
		expect(values.phone).toEqual({ value: '4155552671', key: 'phoneNumber' });
		expect(values.email).toEqual({ value: 'jane@example.com', key: 'E-mail' });
		expect(values.reason).toEqual({ value: 'Billing', key: 'Message' });
	});

	it('keeps unmapped fields as custom data and drops internal and blank known keys', () => {
		const { custom } = readSubmittedFields(
			{ first_name: 'Jane', phone: '4155552671', email: '', utm_campaign: 'spring', _form: 'hosted', website: '' },
			standard,
		);
		expect(custom).toEqual({ utm_campaign: 'spring' });
	});

	it('reads WordPress Contact Form 7 names', () => {
		const { values } = readSubmittedFields({ 'your-name': 'Jane Doe', 'your-tel': '4155552671', 'your-message': 'Hi' }, standard);
		expect(values.fullName?.value).toBe('Jane Doe');
		expect(values.phone?.value).toBe('4155552671');
		expect(values.reason?.value).toBe('Hi');
	});

	it('reads the answers of a Webflow-style payload from payload.data, not the form name', () => {
		const body = {
			triggerType: 'form_submission',
			payload: { name: 'Callback form', siteId: 'site1', data: { Name: 'Jane Doe', Phone: '4155552671' } },
		};
		const { values, custom } = readSubmittedFields(body, standard);
		expect(values.fullName).toEqual({ value: 'Jane Doe', key: 'payload.data.Name' });
		expect(values.phone).toEqual({ value: '4155552671', key: 'payload.data.Phone' });
		expect(custom).toEqual({ triggerType: 'form_submission', payload: { name: 'Callback form', siteId: 'site1' } });
	});

	it('reads HighLevel customData and nested contact values', () => {
		const body = {
			contact_id: 'c1',
			first_name: 'Jane',
			phone: '+14155552671',
			customData: { reason: 'Quote', campaign: 'x' },
			attributionSource: { url: 'https://example.com/landing' },
		};
		const { values, custom } = readSubmittedFields(body, { ...standard, aliases: presetAliases('highLevel') });
		expect(values.reason).toEqual({ value: 'Quote', key: 'customData.reason' });
		expect(values.pageUrl).toEqual({ value: 'https://example.com/landing', key: 'attributionSource.url' });
		expect(custom).toEqual({ contact_id: 'c1', customData: { campaign: 'x' } });
	});

	it('uses the field name the user picked instead of the aliases', () => {
		const { values, custom } = readSubmittedFields(
			{ phone: '+14155550000', mobile_number: '+14155552671' },
			{ ...standard, overrides: { phone: 'mobile_number' } },
		);
		expect(values.phone).toEqual({ value: '+14155552671', key: 'mobile_number' });
		expect(custom).toEqual({ phone: '+14155550000' });
	});

	it('unwraps single answers sent as lists (repeated form keys, multipart)', () => {
		const { values } = readSubmittedFields({ phone: ['4155552671'], consent: ['yes'] }, standard);
		expect(values.phone?.value).toBe('4155552671');
		expect(values.consent?.value).toBe('yes');
	});

	it('reads a submission nested thousands of levels deep without copying it whole', () => {
		let deep: Record<string, unknown> = {};
		const extra = deep;
		for (let level = 0; level < 100_000; level++) {
			deep.a = {};
			deep = deep.a as Record<string, unknown>;
		}
		const { values, custom } = readSubmittedFields({ first_name: 'Jane', phone: '4155552671', extra }, standard);
		expect(values.phone?.value).toBe('4155552671');
		expect(custom.extra).toBe(extra);
	});

	it('leaves the submission untouched and copies only the containers fields were taken from', () => {
		const body = {
			payload: { name: 'Callback form', data: { Name: 'Jane Doe', Phone: '4155552671' } },
			tracking: { utm: { source: 'ads' } },
		};
		const before = JSON.stringify(body);
		const { custom } = readSubmittedFields(body, standard);
		expect(JSON.stringify(body)).toBe(before);
		expect(custom).toEqual({ payload: { name: 'Callback form' }, tracking: { utm: { source: 'ads' } } });
		expect(custom.payload).not.toBe(body.payload);
		expect(custom.tracking).toBe(body.tracking);
	});

	it('takes a field from under a key named __proto__ without touching any prototype', () => {
		const body = JSON.parse('{"__proto__":{"phone":"4155552671","note":"x"}}') as Record<string, unknown>;
		const { values, custom } = readSubmittedFields(body, { ...standard, overrides: { phone: '__proto__.phone' } });
		expect(values.phone).toEqual({ value: '4155552671', key: '__proto__.phone' });
		expect(Object.getPrototypeOf(custom)).toBe(Object.prototype);
		expect(Object.prototype.hasOwnProperty.call(custom, '__proto__')).toBe(true);
		expect(({} as Record<string, unknown>).note).toBeUndefined();
	});

	it('copies values a structured clone would refuse (functions, symbols)', () => {
		const { custom } = readSubmittedFields({ phone: '4155552671', hook: () => 1, mark: Symbol('x') }, standard);
		expect(Object.keys(custom)).toEqual(['hook', 'mark']);
	});
});
