import { formEncode } from '../../../nodes/transport/formEncode';

describe('formEncode', () => {
	it('repeats the key for a list, never Key[] or Key[0]', () => {
		expect(formEncode({ StatusCallbackEvent: ['initiated', 'answered', 'completed'] })).toBe(
			'StatusCallbackEvent=initiated&StatusCallbackEvent=answered&StatusCallbackEvent=completed',
		);
	});

	it('leaves unset values out and writes numbers and booleans as text', () => {
		expect(formEncode({ To: '+14155552671', From: undefined, MessagingServiceSid: null, Timeout: 30, Record: true })).toBe('To=%2B14155552671&Timeout=30&Record=true');
	});

	it('encodes new lines, ampersands and emoji of a text body', () => {
		const body = new URLSearchParams(formEncode({ Body: 'Hi & welcome 👋\nReply STOP to opt out.' })).get('Body');
		expect(body).toBe('Hi & welcome 👋\nReply STOP to opt out.');
	});

	it('gives an empty string for no parameters', () => {
		expect(formEncode(undefined)).toBe('');
	});
});
