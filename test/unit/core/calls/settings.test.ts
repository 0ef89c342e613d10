import { audioUrl, businessNumber, businessNumbers, PhoneNumberSettingError, speechVoice, SpeechVoiceError } from '../../../../nodes/core/calls';

describe('business numbers', () => {
	it('reads a list in order, each once, in E.164', () => {
		expect(businessNumbers('+1 415 555 0123, +14155550124\n+14155550123;+44 20 7946 0958', 'Business Numbers')).toEqual(['+14155550123', '+14155550124', '+442079460958']);
	});

	it('names the setting and the number that is wrong', () => {
		expect(() => businessNumbers('+14155550123, 555-0100', 'Business Numbers')).toThrow(new PhoneNumberSettingError('Business Numbers "555-0100" is not a valid phone number; use E.164 form with + and the country code, e.g. +14155550100'));
		expect(() => businessNumbers(' , ', 'Business Numbers')).toThrow(/is empty/);
		expect(() => businessNumber('', 'Call From')).toThrow(/Call From "" is not a valid phone number/);
	});
});

describe('speech voice and audio URL', () => {
	it('accepts Twilio voice names and language tags, and leaves out what is empty', () => {
		expect(speechVoice('Polly.Joanna', 'en-US')).toEqual({ voice: 'Polly.Joanna', language: 'en-US' });
		expect(speechVoice('Google.en-US-Neural2-F', '')).toEqual({ voice: 'Google.en-US-Neural2-F' });
		expect(speechVoice(' ', ' ')).toEqual({});
	});

	it('refuses anything else', () => {
		expect(() => speechVoice('alice" loop="0', 'en-US')).toThrow(SpeechVoiceError);
		expect(() => speechVoice('alice', 'english please')).toThrow(/not a language tag/);
	});

	it('takes only absolute http(s) URLs for audio', () => {
		expect(audioUrl(' https://cdn.example.com/a b.mp3 ', 'Recording URL')).toBe('https://cdn.example.com/a%20b.mp3');
		expect(() => audioUrl('/local.mp3', 'Recording URL')).toThrow(/Recording URL "\/local.mp3" is not a URL/);
		expect(() => audioUrl('ftp://cdn.example.com/a.mp3', 'Recording URL')).toThrow(/http\(s\) URL/);
		expect(() => audioUrl('javascript:alert(1)', 'Recording URL')).toThrow(/http\(s\) URL/);
	});
});
