import fc from 'fast-check';

import { escapeHtml, escapeMultilineText } from '../../../../nodes/core/form/escapeHtml';
import { decodeEntities } from './htmlInspection';

describe('escapeHtml', () => {
	it('replaces every character that can open a tag or end an attribute', () => {
		expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
		);
	});

	it('escapes an ampersand first so existing entities are not smuggled through', () => {
		expect(escapeHtml('&lt;script&gt;')).toBe('&amp;lt;script&amp;gt;');
	});

	it('turns missing values into empty text and other values into their string form', () => {
		expect(escapeHtml(undefined)).toBe('');
		expect(escapeHtml(null)).toBe('');
		expect(escapeHtml(42)).toBe('42');
	});

	it('never lets markup characters through, and loses nothing', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				const escaped = escapeHtml(text);
				expect(escaped).not.toMatch(/[<>"'`]/);
				expect(decodeEntities(escaped)).toBe(text);
			}),
		);
	});
});

describe('escapeMultilineText', () => {
	it('keeps each kind of line break as <br> and escapes each line', () => {
		expect(escapeMultilineText('one <b>\r\ntwo\rthree\nfour')).toBe('one &lt;b&gt;<br>two<br>three<br>four');
	});

	it('adds no <br> to a single line', () => {
		expect(escapeMultilineText('We call back within 15 minutes.')).toBe('We call back within 15 minutes.');
	});
});
