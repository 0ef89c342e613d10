import fc from 'fast-check';
import { DateTime } from 'luxon';

import {
	boundHeaderText,
	boundSubmission,
	checkBodySize,
	isUnsafeKey,
	MAX_BODY_BYTES,
	MAX_DEPTH,
	MAX_ENTRIES,
	MAX_HEADER_TEXT_LENGTH,
	MAX_KEY_LENGTH,
	MAX_STRING_LENGTH,
	MAX_TOTAL_CHARACTERS,
	NOT_AN_OBJECT_MESSAGE,
	repairText,
	SUBMISSION_LIMITS,
	type BoundedSubmission,
	type PlainObject,
} from '../../../../nodes/core/callbackRequest/boundedSubmission';
import { DEFAULT_SUBMISSION_RULES, normalizeSubmission } from '../../../../nodes/core/callbackRequest/normalizeSubmission';

const lead = { first_name: 'Jane', phone: '(415) 555-2671' };

function accepted(result: BoundedSubmission): PlainObject {
	if (!result.ok) throw new Error(`expected the body to be read, got ${result.status} ${result.message}`);
	return result.body;
}

/** `levels` objects (or lists) nested in each other, built without recursion. */
function nested(levels: number, kind: 'object' | 'array'): unknown {
	let inner: unknown = 'bottom';
	for (let level = 0; level < levels; level++) inner = kind === 'object' ? { a: inner } : [inner];
	return inner;
}

/** Measures a bounded copy without recursion: deepest container, entries, characters. */
function measure(root: unknown): { depth: number; entries: number; characters: number; strings: string[]; keys: string[]; plain: boolean } {
	const result = { depth: 0, entries: 0, characters: 0, strings: [] as string[], keys: [] as string[], plain: true };
	const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
	while (stack.length > 0) {
		const { value, depth } = stack.pop() as { value: unknown; depth: number };
		if (typeof value === 'string') {
			result.strings.push(value);
			result.characters += value.length;
			continue;
		}
		if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) continue;
		if (typeof value !== 'object') {
			result.plain = false;
			continue;
		}
		const prototype: unknown = Object.getPrototypeOf(value);
		if (!Array.isArray(value) && prototype !== Object.prototype) result.plain = false;
		result.depth = Math.max(result.depth, depth);
		for (const key of Object.keys(value)) {
			result.entries += 1;
			if (!Array.isArray(value)) {
				result.keys.push(key);
				result.characters += key.length;
			}
			stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
		}
	}
	return result;
}

function expectWithinLimits(body: PlainObject): void {
	const measured = measure(body);
	expect(measured.plain).toBe(true);
	expect(measured.depth).toBeLessThanOrEqual(MAX_DEPTH);
	expect(measured.entries).toBeLessThanOrEqual(MAX_ENTRIES);
	expect(measured.characters).toBeLessThanOrEqual(MAX_TOTAL_CHARACTERS);
	for (const text of measured.strings) {
		expect(text.length).toBeLessThanOrEqual(MAX_STRING_LENGTH);
		expect(text).toBe(repairText(text));
	}
	for (const key of measured.keys) {
		expect(key.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
		expect(isUnsafeKey(key)).toBe(false);
		expect(key).toBe(repairText(key));
	}
	// Plain data: survives JSON unchanged.
	expect(JSON.parse(JSON.stringify(body))).toEqual(body);
}

describe('boundSubmission: examples', () => {
	it('states every limit in one place', () => {
		expect(SUBMISSION_LIMITS).toEqual({
			maxBodyBytes: 65536,
			maxDepth: 8,
			maxEntries: 500,
			maxStringLength: 5000,
			maxKeyLength: 200,
			maxTotalCharacters: 65536,
			maxHeaderTextLength: 1000,
		});
	});

	it('copies an ordinary form unchanged, as a new object', () => {
		const body = { ...lead, payload: { data: { Message: 'Hi', tags: ['a', 'b'] } }, consent: true, age: 42, nothing: null };
		const read = accepted(boundSubmission(body));
		expect(read).toEqual(body);
		expect(read).not.toBe(body);
		expect(read.payload).not.toBe(body.payload);
	});

	it.each(['object', 'array'] as const)('drops 3,000 levels of nested %ss below level 8 and keeps the lead', (kind) => {
		const result = boundSubmission({ ...lead, extra: nested(3000, kind) });
		const read = accepted(result);
		expect(read.first_name).toBe('Jane');
		expect(read.phone).toBe('(415) 555-2671');
		expect(measure(read).depth).toBe(MAX_DEPTH);
		expect(result.ok && result.dropped.tooDeep).toBe(1);
		expectWithinLimits(read);
	});

	it('keeps exactly 8 levels: payload.data-style nesting is far inside', () => {
		const read = accepted(boundSubmission({ extra: nested(7, 'object') }));
		expect(JSON.stringify(read)).toContain('bottom');
		const cut = accepted(boundSubmission({ extra: nested(9, 'object') }));
		expect(JSON.stringify(cut)).not.toContain('bottom');
	});

	it('a body that is only deep garbage reads as an empty form, which validation then refuses', () => {
		const read = accepted(boundSubmission({ x: nested(3000, 'object') }));
		const normalized = normalizeSubmission(read, DEFAULT_SUBMISSION_RULES, {
			callbackId: 'cb_x',
			now: DateTime.utc(),
			ip: null,
			userAgent: null,
			referer: null,
			internalKeys: [],
		});
		expect(normalized.ok).toBe(false);
		expect(!normalized.ok && normalized.status).toBe(422);
	});

	it('refuses 10,000 keys with 400 without reading them all', () => {
		const body: Record<string, string> = { ...lead };
		for (let index = 0; index < 10_000; index++) body[`field${index}`] = 'x';
		const result = boundSubmission(body);
		expect(result).toEqual({ ok: false, status: 400, message: expect.stringContaining('at most 500'), errors: [{ field: 'body', message: expect.any(String) }] });
	});

	it('counts list entries too: a list of a million entries is refused', () => {
		expect(boundSubmission({ ...lead, list: new Array(1_000_000).fill(1) })).toMatchObject({ ok: false, status: 400 });
		expect(boundSubmission({ ...lead, list: new Array(400).fill(1) }).ok).toBe(true);
	});

	it('refuses a 5 MB string with 422 naming the field, never cutting it', () => {
		const result = boundSubmission({ ...lead, message: 'x'.repeat(5 * 1024 * 1024) });
		expect(result).toEqual({
			ok: false,
			status: 422,
			message: 'Please fix: message',
			errors: [{ field: 'message', message: `Keep this under 5001 characters (it has ${5 * 1024 * 1024}).` }],
		});
	});

	it('names a long value by its path, without list positions', () => {
		const result = boundSubmission({ payload: { data: { Message: ['ok', 'y'.repeat(MAX_STRING_LENGTH + 1)] } } });
		expect(!result.ok && result.errors).toEqual([{ field: 'payload.data.Message', message: expect.stringContaining('5001') }]);
		expect(boundSubmission({ message: 'y'.repeat(MAX_STRING_LENGTH) }).ok).toBe(true);
	});

	it('refuses many long-but-allowed values together with 413', () => {
		const body: Record<string, string> = {};
		for (let index = 0; index < 20; index++) body[`f${index}`] = 'z'.repeat(MAX_STRING_LENGTH);
		expect(boundSubmission(body)).toMatchObject({ ok: false, status: 413 });
	});

	it('strips NUL from values and names', () => {
		const result = boundSubmission({ first_name: 'Ja\u0000ne', 'pho\u0000ne': '415\u0000555 2671' });
		expect(accepted(result)).toEqual({ first_name: 'Jane', phone: '415555 2671' });
		expect(result.ok && result.dropped.repairedTexts).toBe(3);
	});

	it('removes lone surrogates and the U+FFFD a decoder leaves for bytes that were not UTF-8, and keeps real pairs', () => {
		const read = accepted(boundSubmission(JSON.parse('{"first_name":"Ja\\ud800ne","note":"\\udc00x\\ud83d\\ude00","k\\ud800":1}')));
		expect(read).toEqual({ first_name: 'Jane', note: 'x😀', k: 1 });
		expect(accepted(boundSubmission({ first_name: Buffer.from([0x47, 0x72, 0xff, 0x61, 0x63, 0x65]).toString('utf8') }))).toEqual({ first_name: 'Grace' });
	});

	it('drops __proto__, constructor and prototype wherever they are, and pollutes nothing', () => {
		const body = JSON.parse('{"first_name":"Jane","__proto__":{"polluted":true},"custom":{"constructor":{"prototype":{"polluted":true}},"ok":1},"prototype":2}');
		const result = boundSubmission(body);
		const read = accepted(result);
		expect(read).toEqual({ first_name: 'Jane', custom: { ok: 1 } });
		expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(result.ok && result.dropped.unsafeKeys).toBe(3);
	});

	it('drops names that hold __proto__, constructor or prototype as a path part', () => {
		const form = Object.assign(Object.create(null) as Record<string, unknown>, {
			'__proto__[polluted]': '1',
			'a.constructor.prototype.x': '1',
			'a[prototype]': '1',
			constructor_name: 'kept',
			'my.prototype_id': 'kept',
		});
		expect(accepted(boundSubmission(form))).toEqual({ constructor_name: 'kept', 'my.prototype_id': 'kept' });
	});

	it('drops a name that becomes __proto__ once its NUL is removed', () => {
		expect(accepted(boundSubmission({ '__pro\u0000to__': { polluted: true }, a: 1 }))).toEqual({ a: 1 });
	});

	it('reads the null-prototype objects querystring makes', () => {
		const form = Object.assign(Object.create(null) as Record<string, unknown>, { first_name: 'Jane', 'phone[]': ['1', '2'] });
		expect(accepted(boundSubmission(form))).toEqual({ first_name: 'Jane', 'phone[]': ['1', '2'] });
	});

	it('turns Dates into ISO text, unwraps boxed values, drops buffers, functions, class instances, NaN and getters', () => {
		const withGetter = Object.defineProperty({ a: 1 }, 'b', {
			enumerable: true,
			get() {
				throw new Error('a getter must never run');
			},
		});
		const result = boundSubmission({
			at: new Date('2026-11-20T15:00:00Z'),
			badDate: new Date('nope'),
			boxed: Object('text'),
			big: BigInt(12),
			file: Buffer.from('binary'),
			bytes: new Uint8Array([1, 2]),
			map: new Map([[1, 2]]),
			fn: () => 1,
			nan: Number.NaN,
			inf: Number.POSITIVE_INFINITY,
			undef: undefined,
			list: [1, undefined, () => 1, Buffer.from('x')],
			withGetter,
		});
		expect(accepted(result)).toEqual({
			at: '2026-11-20T15:00:00.000Z',
			boxed: 'text',
			big: '12',
			list: [1, null, null, null],
			withGetter: { a: 1 },
		});
	});

	it('keeps long field names out', () => {
		const result = boundSubmission({ ['k'.repeat(MAX_KEY_LENGTH + 1)]: 'v', ok: 'v' });
		expect(accepted(result)).toEqual({ ok: 'v' });
		expect(result.ok && result.dropped.longKeys).toBe(1);
	});

	it.each([
		['a list', [lead]],
		['text', 'first_name=Jane'],
		['a number', 4155550123],
		['null', null],
		['undefined', undefined],
		['a Buffer', Buffer.from('{}')],
		['a Date', new Date()],
	])('refuses %s as the whole body with 400', (_, body) => {
		expect(boundSubmission(body)).toEqual({ ok: false, status: 400, message: NOT_AN_OBJECT_MESSAGE, errors: [{ field: 'body', message: NOT_AN_OBJECT_MESSAGE }] });
	});
});

describe('checkBodySize', () => {
	it('refuses over 64 KiB from the bytes read, else from Content-Length', () => {
		expect(checkBodySize(MAX_BODY_BYTES, undefined)).toBeUndefined();
		expect(checkBodySize(MAX_BODY_BYTES + 1, undefined)).toMatchObject({ ok: false, status: 413 });
		expect(checkBodySize(undefined, String(5 * 1024 * 1024))).toMatchObject({ status: 413 });
		expect(checkBodySize(undefined, '100')).toBeUndefined();
		// The bytes read win over a declared length (a gzip body is smaller on the wire).
		expect(checkBodySize(100, String(10 * MAX_BODY_BYTES))).toBeUndefined();
		expect(checkBodySize(undefined, 'lots')).toBeUndefined();
		expect(checkBodySize(undefined, undefined)).toBeUndefined();
	});
});

describe('boundHeaderText', () => {
	it('cuts headers kept in the consent record and repairs them', () => {
		expect(boundHeaderText(undefined)).toBeNull();
		expect(boundHeaderText('Mozilla/5.0')).toBe('Mozilla/5.0');
		expect(boundHeaderText('a'.repeat(20_000))).toHaveLength(MAX_HEADER_TEXT_LENGTH);
		expect(boundHeaderText('a\u0000b\ud800')).toBe('ab');
	});
});

/** JSON-like and odd values, nested up to 12 levels (past MAX_DEPTH), via fc.letrec. */
const deepValue = fc.letrec((tie) => ({
	value: fc.oneof(
		{ maxDepth: 12, depthSize: 'small', withCrossShrink: true },
		fc.oneof(
			fc.string({ unit: 'binary', maxLength: 20 }),
			fc.string({ unit: 'grapheme', maxLength: 20 }),
			fc.constantFrom('\u0000', '\ud800', '\udc00', 'Ja\u0000ne', '__proto__', '415 555 2671', ''),
			fc.double(),
			fc.integer(),
			fc.boolean(),
			fc.constant(null),
			fc.constant(undefined),
			fc.bigInt(),
			fc.date(),
		),
		tie('object'),
		tie('array'),
	),
	object: fc.dictionary(
		fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'phone', 'first_name', 'payload', 'data', '\u0000')),
		tie('value'),
		{ maxKeys: 6 },
	),
	array: fc.array(tie('value'), { maxLength: 6 }),
}));

/** A chain of objects and lists thousands of levels deep. */
const chain = fc
	.tuple(fc.integer({ min: 0, max: 5000 }), fc.array(fc.constantFrom('object' as const, 'array' as const), { minLength: 1, maxLength: 4 }))
	.map(([levels, kinds]) => {
		let inner: unknown = 'bottom';
		for (let level = 0; level < levels; level++) inner = kinds[level % kinds.length] === 'object' ? { a: inner } : [inner];
		return inner;
	});

const anyBody = fc.oneof(
	fc.anything({ maxDepth: 12, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
	fc.jsonValue({ maxDepth: 12 }),
	deepValue.object,
	fc.record({ first_name: deepValue.value, phone: deepValue.value, extra: chain, more: deepValue.value }, { requiredKeys: [] }),
	fc.dictionary(fc.string(), fc.oneof(chain, deepValue.value, fc.string({ minLength: 4000, maxLength: 6000 })), { maxKeys: 30 }),
);

describe('boundSubmission: properties', () => {
	it('never throws, and what it accepts respects every bound; what it refuses is a 4xx with a reason', () => {
		fc.assert(
			fc.property(anyBody, (body) => {
				const result = boundSubmission(body);
				if (result.ok) {
					expectWithinLimits(result.body);
				} else {
					expect([400, 413, 422]).toContain(result.status);
					expect(result.errors.length).toBeGreaterThan(0);
					expect(result.message).not.toBe('');
				}
			}),
			{ numRuns: 400 },
		);
	});

	it('is idempotent: reading a bounded copy again changes nothing', () => {
		fc.assert(
			fc.property(anyBody, (body) => {
				const first = boundSubmission(body);
				if (!first.ok) return;
				const second = boundSubmission(first.body);
				expect(second.ok && second.body).toEqual(first.body);
			}),
			{ numRuns: 200 },
		);
	});

	it('normalizeSubmission never throws on what boundSubmission accepts', () => {
		const context = { callbackId: 'cb_p', now: DateTime.fromISO('2026-11-20T15:00:00Z'), ip: null, userAgent: null, referer: null, internalKeys: ['_form'] };
		const leadish = fc.record(
			{
				first_name: deepValue.value,
				name: deepValue.value,
				phone: fc.oneof(fc.constant('(415) 555-2671'), deepValue.value),
				email: deepValue.value,
				message: deepValue.value,
				preferred_time: deepValue.value,
				timezone: deepValue.value,
				consent: deepValue.value,
				website: deepValue.value,
				payload: fc.record({ data: deepValue.object }, { requiredKeys: [] }),
				extra: chain,
			},
			{ requiredKeys: [] },
		);
		fc.assert(
			fc.property(fc.oneof(anyBody, leadish), fc.constantFrom('standard' as const, 'highLevel' as const), (body, preset) => {
				const read = boundSubmission(body);
				if (!read.ok) return;
				const result = normalizeSubmission(read.body, { ...DEFAULT_SUBMISSION_RULES, preset }, context);
				if (result.ok) expect(JSON.parse(JSON.stringify(result.request))).toEqual(result.request);
				else expect([400, 422]).toContain(result.status);
			}),
			{ numRuns: 400 },
		);
	});
});
