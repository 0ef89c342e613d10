import { SmsTextError } from '../../../../nodes/core/sms/errors';
import { fillPlaceholders, markPlaceholders, renderPlaceholders, type PlaceholderValues } from '../../../../nodes/core/sms/placeholders';

const values: PlaceholderValues = {
	'first-name': () => 'Jane',
	'contact-number': () => '+1 415 555 2671',
	'callback-cid': () => '+1 415 555 0100',
	ecbt: () => 'today at 3:30 PM EST',
	'scheduled-time': () => 'Mon 23 Nov, 9:00 AM EST',
	'business-name': () => 'Acme Plumbing',
};

describe('renderPlaceholders', () => {
	it('fills every placeholder', () => {
		expect(
			renderPlaceholders('{{first-name}} {{contact-number}} {{callback-cid}} {{ecbt}} {{scheduled-time}} {{business-name}}', values),
		).toBe('Jane +1 415 555 2671 +1 415 555 0100 today at 3:30 PM EST Mon 23 Nov, 9:00 AM EST Acme Plumbing');
	});

	it('leaves out an empty name with the space or comma that set it off', () => {
		const noName: PlaceholderValues = { ...values, 'first-name': () => '' };
		const cases: Array<[string, string]> = [
			['Hi {{first-name}}, Acme will call you.', 'Hi, Acme will call you.'],
			['Thank you for talking with Acme, {{first-name}}.', 'Thank you for talking with Acme.'],
			['Hi {{first-name}}!', 'Hi!'],
			['{{first-name}}, your call is booked.', 'your call is booked.'],
			['Call from {{callback-cid}}, {{first-name}}', 'Call from +1 415 555 0100'],
		];
		for (const [template, text] of cases) expect(renderPlaceholders(template, noName)).toBe(text);
		// With a name, the separators stay where they were.
		expect(renderPlaceholders('Hi {{first-name}}, Acme, {{first-name}}.', values)).toBe('Hi Jane, Acme, Jane.');
	});

	it('forgives spaces inside the braces and capital letters', () => {
		expect(renderPlaceholders('Hi {{ First-Name }}!', values)).toBe('Hi Jane!');
	});

	it('names an unknown placeholder in the error, with a hint for a near miss', () => {
		expect(() => renderPlaceholders('Hi {{frist-name}}', values)).toThrow(SmsTextError);
		expect(() => renderPlaceholders('Hi {{frist-name}}', values)).toThrow('Unknown placeholder {{frist-name}}');
		expect(() => renderPlaceholders('Hi {{firstname}}', values)).toThrow('Did you mean {{first-name}}?');
		expect(() => renderPlaceholders('From {{business}}', values)).toThrow(/Unknown placeholder \{\{business\}\}.*Placeholders are \{\{first-name\}\}/);
	});

	it('refuses an n8n expression left in a fixed text, which would reach the lead as typed', () => {
		expect(() => renderPlaceholders('Hi {{ $json.contact.firstName }}', values)).toThrow(/looks like an n8n expression.*Switch the field to Expression/);
	});

	it('asks for a value only when the text uses the placeholder', () => {
		const missing: PlaceholderValues = {
			...values,
			'business-name': () => {
				throw new SmsTextError('The message uses {{business-name}}, but Business Name is empty.');
			},
		};
		expect(renderPlaceholders('Hi {{first-name}}', missing)).toBe('Hi Jane');
		expect(() => renderPlaceholders('Hi from {{business-name}}', missing)).toThrow('Business Name is empty');
	});

	it('does not expand placeholders that arrive inside a value (a lead typing them as a name)', () => {
		expect(renderPlaceholders('Hi {{first-name}}', { ...values, 'first-name': () => '{{business-name}}' })).toBe('Hi {{business-name}}');
	});
});

describe('placeholders beside n8n expressions', () => {
	it('in expression mode leaves n8n expressions for n8n and marks only placeholders', () => {
		const marked = markPlaceholders('Hi {{first-name}}, about {{ $json.reason }}', { expressionMode: true });
		expect(marked).toContain('{{ $json.reason }}');
		expect(marked).not.toContain('{{first-name}}');
		// What n8n's evaluation would do to the rest of the text.
		const evaluated = marked.replace('{{ $json.reason }}', 'a leaking boiler');
		expect(fillPlaceholders(evaluated, values)).toBe('Hi Jane, about a leaking boiler');
	});

	it('still rejects an unknown placeholder in expression mode', () => {
		expect(() => markPlaceholders('{{ $json.a }} {{callback-id}}', { expressionMode: true })).toThrow('Unknown placeholder {{callback-id}}');
	});
});
