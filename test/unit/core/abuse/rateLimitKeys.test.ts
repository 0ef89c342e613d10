import { ipCounterSubject, phonePrefix, PREFIX_DIGITS, rateLimitKeys } from '../../../../nodes/core/abuse/rateLimitKeys';
import type { RateLimit } from '../../../../nodes/core/abuse/rateLimitLimits';

const SCOPE = 'wf_7:node_3';
const PHONE = '+14155552671';

describe('rateLimitKeys', () => {
	it('gives one counter per default limit, most specific first and longer windows first', () => {
		expect(rateLimitKeys({ ip: '203.0.113.7', phoneE164: PHONE, scope: SCOPE })).toEqual([
			{ name: 'ip', max: 20, windowMs: 86_400_000, key: 'ip|1d|203.0.113.7|wf_7:node_3' },
			{ name: 'ip', max: 5, windowMs: 600_000, key: 'ip|10m|203.0.113.7|wf_7:node_3' },
			{ name: 'prefix', max: 10, windowMs: 3_600_000, key: 'prefix|1h|+1415555|wf_7:node_3' },
			{ name: 'global', max: 60, windowMs: 3_600_000, key: 'global|1h|*|wf_7:node_3' },
		]);
	});

	it('keeps two forms apart by their scope', () => {
		const one = rateLimitKeys({ ip: '203.0.113.7', phoneE164: PHONE, scope: 'wf_1:a' }).map((counter) => counter.key);
		const other = rateLimitKeys({ ip: '203.0.113.7', phoneE164: PHONE, scope: 'wf_2:a' }).map((counter) => counter.key);
		expect(one.filter((key) => other.includes(key))).toEqual([]);
	});

	it('cannot be confused by a scope holding the separator', () => {
		const a = rateLimitKeys({ ip: '1.1.1.1', phoneE164: null, scope: 'x|ip|1d|2.2.2.2' }).map((counter) => counter.key);
		const b = rateLimitKeys({ ip: '2.2.2.2', phoneE164: null, scope: 'x' }).map((counter) => counter.key);
		expect(a.filter((key) => b.includes(key))).toEqual([]);
	});

	it('shares the prefix and global counters between visitors, not the IP ones', () => {
		const one = rateLimitKeys({ ip: '203.0.113.7', phoneE164: '+14155550000', scope: SCOPE });
		const other = rateLimitKeys({ ip: '198.51.100.9', phoneE164: '+14155559999', scope: SCOPE });
		expect(one.filter((counter) => other.some((theirs) => theirs.key === counter.key)).map((counter) => counter.name)).toEqual(['prefix', 'global']);
	});

	it('leaves out the prefix counter when the number did not parse', () => {
		expect(rateLimitKeys({ ip: '203.0.113.7', phoneE164: null, scope: SCOPE }).map((counter) => counter.name)).toEqual(['ip', 'ip', 'global']);
	});

	it('counts every visitor without an address on one counter', () => {
		expect(rateLimitKeys({ ip: null, phoneE164: null, scope: SCOPE })[0].key).toBe('ip|1d|unknown|wf_7:node_3');
		expect(rateLimitKeys({ ip: 'garbage', phoneE164: null, scope: SCOPE })[0].key).toBe('ip|1d|unknown|wf_7:node_3');
	});

	it('uses the limits given, and the stricter of two on one counter', () => {
		const limits: RateLimit[] = [
			{ name: 'global', max: 9, windowMs: 60_000 },
			{ name: 'global', max: 4, windowMs: 60_000 },
			{ name: 'ip', max: 2, windowMs: 60_000 },
		];
		expect(rateLimitKeys({ ip: '::1', phoneE164: PHONE, scope: SCOPE, limits })).toEqual([
			{ name: 'ip', max: 2, windowMs: 60_000, key: 'ip|1m|::/64|wf_7:node_3' },
			{ name: 'global', max: 4, windowMs: 60_000, key: 'global|1m|*|wf_7:node_3' },
		]);
	});

	it.each([
		[6, 'prefix|1h|+141555|s'],
		[7, 'prefix|1h|+1415555|s'],
		[8, 'prefix|1h|+14155552|s'],
	])('with %p prefix digits keys the prefix as %p', (prefixDigits, key) => {
		expect(rateLimitKeys({ ip: null, phoneE164: PHONE, scope: 's', prefixDigits }).find((counter) => counter.name === 'prefix')?.key).toBe(key);
	});

	it.each([5, 9, 7.5, Number.NaN])('refuses %p prefix digits, with or without a number', (prefixDigits) => {
		expect(() => rateLimitKeys({ ip: null, phoneE164: PHONE, scope: 's', prefixDigits })).toThrow(RangeError);
		expect(() => rateLimitKeys({ ip: null, phoneE164: null, scope: 's', prefixDigits })).toThrow('6 to 8 digits');
	});

	it('refuses an empty scope and unusable limits', () => {
		expect(() => rateLimitKeys({ ip: null, phoneE164: null, scope: '' })).toThrow(RangeError);
		for (const limit of [
			{ name: 'ip', max: 0, windowMs: 1000 },
			{ name: 'ip', max: 1.5, windowMs: 1000 },
			{ name: 'ip', max: 1, windowMs: 0 },
			{ name: 'city', max: 1, windowMs: 1000 },
		]) {
			expect(() => rateLimitKeys({ ip: null, phoneE164: null, scope: 's', limits: [limit as RateLimit] })).toThrow(RangeError);
		}
	});
});

describe('phonePrefix', () => {
	it.each([
		['+14155552671', '+1415555'],
		['+447700900123', '+4477009'],
		['+4915112345678', '+4915112'],
	])('%p → %p', (phone, prefix) => {
		expect(phonePrefix(phone)).toBe(prefix);
	});
	it('defaults to 7 digits, from 6 to 8', () => {
		expect(PREFIX_DIGITS).toEqual({ min: 6, max: 8, default: 7 });
	});
	it('refuses what is not E.164', () => {
		expect(() => phonePrefix('4155552671')).toThrow(TypeError);
		expect(() => phonePrefix('+1 415 555 2671')).toThrow(TypeError);
	});
});

describe('ipCounterSubject', () => {
	it.each([
		['203.0.113.7', '203.0.113.7'],
		['::ffff:203.0.113.7', '203.0.113.7'],
		['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
		['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
		['2001:db8::1', '2001:db8::/64'],
		['fe80::1%eth0', 'fe80::/64'],
		['', 'unknown'],
	])('%p counts as %p', (ip, subject) => {
		expect(ipCounterSubject(ip)).toBe(subject);
	});
	it('puts every address of one /64 on one counter', () => {
		expect(ipCounterSubject('2001:db8:1:2::1')).toBe(ipCounterSubject('2001:db8:1:2:ffff::9'));
		expect(ipCounterSubject('2001:db8:1:2::1')).not.toBe(ipCounterSubject('2001:db8:1:3::1'));
	});
});
