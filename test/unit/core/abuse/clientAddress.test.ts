import fc from 'fast-check';

import { clientAddress, formatIpv6, ipv6Groups, normalizeIp, parseTrustedProxies, TrustedProxiesError } from '../../../../nodes/core/abuse/clientAddress';

const proxies = parseTrustedProxies('10.0.0.0/8, 127.0.0.1, ::1, 2001:db8:ffff::/48');
const nobody = parseTrustedProxies('');

describe('normalizeIp', () => {
	it.each([
		['203.0.113.7', '203.0.113.7'],
		[' 203.0.113.7 ', '203.0.113.7'],
		['203.0.113.7:51234', '203.0.113.7'],
		['::ffff:203.0.113.7', '203.0.113.7'],
		['::FFFF:203.0.113.7', '203.0.113.7'],
		['::ffff:cb00:7107', '203.0.113.7'],
		['0:0:0:0:0:ffff:cb00:7107', '203.0.113.7'],
		['[::ffff:203.0.113.7]:443', '203.0.113.7'],
		['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
		['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
		['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
		['[2001:db8::1]', '2001:db8::1'],
		['[2001:db8::1]:8443', '2001:db8::1'],
		['fe80::1%eth0', 'fe80::1'],
		['::1', '::1'],
		['::', '::'],
		['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
	])('%p → %p', (text, normal) => {
		expect(normalizeIp(text)).toBe(normal);
	});

	it.each(['', 'unknown', '203.0.113', '203.0.113.256', '01.2.3.4', '1.2.3.4.5', '2001:db8::1::2', '_hidden', 'example.com', null, undefined])('%p is no address', (text) => {
		expect(normalizeIp(text)).toBeNull();
	});

	it('writes every IPv6 address one way, whatever spelling it came in (property)', () => {
		const groups = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
		fc.assert(
			fc.property(groups, fc.boolean(), (eight, upper) => {
				const long = eight.map((group) => group.toString(16).padStart(4, '0')).join(':');
				const normal = normalizeIp(upper ? long.toUpperCase() : long);
				expect(normal).not.toBeNull();
				expect(normalizeIp(normal)).toBe(normal);
				if (normal !== null && normal.includes(':')) expect(ipv6Groups(normal)).toEqual(eight);
			}),
		);
	});

	it('compresses the longest run of zeros, the first of equal runs, and never a single zero', () => {
		expect(formatIpv6([1, 0, 0, 2, 0, 0, 0, 3])).toBe('1:0:0:2::3');
		expect(formatIpv6([1, 0, 0, 2, 0, 0, 3, 4])).toBe('1::2:0:0:3:4');
		expect(formatIpv6([1, 0, 2, 3, 4, 5, 6, 7])).toBe('1:0:2:3:4:5:6:7');
	});
});

describe('parseTrustedProxies', () => {
	it('reads addresses and ranges between commas, spaces or lines', () => {
		expect(parseTrustedProxies('10.0.0.0/8, 127.0.0.1\n::1  2001:DB8::/32; 192.168.1.5/32').ranges).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', '2001:db8::/32', '192.168.1.5']);
	});

	it('reads IPv4-mapped addresses and ranges as IPv4', () => {
		const mapped = parseTrustedProxies('::ffff:10.0.0.0/104, ::ffff:192.0.2.1');
		expect(mapped.ranges).toEqual(['10.0.0.0/8', '192.0.2.1']);
		expect(mapped.includes('10.200.0.1')).toBe(true);
		expect(mapped.includes('::ffff:10.200.0.1')).toBe(true);
	});

	it('trusts nobody when empty', () => {
		expect(nobody.ranges).toEqual([]);
		expect(nobody.includes('127.0.0.1')).toBe(false);
	});

	it.each([
		['10.0.0.0/8', '10.255.255.255', true],
		['10.0.0.0/8', '11.0.0.0', false],
		['10.0.0.0/8', '::ffff:10.1.2.3', true],
		['127.0.0.1', '127.0.0.1', true],
		['127.0.0.1', '127.0.0.2', false],
		['::1', '0:0:0:0:0:0:0:1', true],
		['2001:db8::/32', '2001:db8:ffff::1', true],
		['2001:db8::/32', '2001:db9::1', false],
		['10.0.0.0/8', 'not an address', false],
	])('%p includes %p: %p', (text, address, included) => {
		expect(parseTrustedProxies(text).includes(address)).toBe(included);
	});

	it.each([
		['10.0.0.0/33', 'Trusted proxies: "10.0.0.0/33" has /33, but an IPv4 range is /1 to /32'],
		['2001:db8::/129', 'an IPv6 range is /1 to /128'],
		['10.0.0.0/0', '"10.0.0.0/0" trusts every address, so any visitor could claim to be anyone; list only your own proxies'],
		['::/0', 'trusts every address'],
		['10.0.0.1/8', '"10.0.0.1/8" has bits set after the /8; write 10.0.0.0/8 for the range, or 10.0.0.1 for one address'],
		['2001:db8::1/32', 'write 2001:db8::/32 for the range'],
		['10.0.0.0/8/8', '"10.0.0.0/8/8" is not an IP address or range; write addresses like 127.0.0.1 or ::1 and ranges like 10.0.0.0/8'],
		['10.0.0.0/x', 'is not an IP address or range'],
		['10.0.0.0/', 'is not an IP address or range'],
		['proxy.internal', '"proxy.internal" is not an IP address or range'],
		['10.0.0.1:8080', '"10.0.0.1:8080" is not an IP address or range'],
		['[::1]', 'is not an IP address or range'],
		['::ffff:10.0.0.0/64', '"::ffff:10.0.0.0/64" mixes IPv4 and IPv6'],
	])('%p is refused: %s', (text, message) => {
		expect(() => parseTrustedProxies(`127.0.0.1, ${text}`)).toThrow(TrustedProxiesError);
		expect(() => parseTrustedProxies(`127.0.0.1, ${text}`)).toThrow(message);
	});
});

describe('clientAddress', () => {
	it('is the socket address without a header', () => {
		expect(clientAddress({ socketAddress: '203.0.113.7' }, proxies)).toBe('203.0.113.7');
		expect(clientAddress({ socketAddress: '203.0.113.7', forwardedFor: null }, proxies)).toBe('203.0.113.7');
	});

	it('ignores a spoofed X-Forwarded-For from a visitor who is no trusted proxy', () => {
		expect(clientAddress({ socketAddress: '203.0.113.7', forwardedFor: '1.1.1.1' }, proxies)).toBe('203.0.113.7');
		expect(clientAddress({ socketAddress: '203.0.113.7', forwardedFor: '10.0.0.1, 127.0.0.1' }, proxies)).toBe('203.0.113.7');
		expect(clientAddress({ socketAddress: '10.0.0.1', forwardedFor: '1.1.1.1' }, nobody)).toBe('10.0.0.1');
	});

	it('believes the entry a trusted proxy added', () => {
		expect(clientAddress({ socketAddress: '10.0.0.1', forwardedFor: '203.0.113.7' }, proxies)).toBe('203.0.113.7');
	});

	it('stops at the first untrusted hop, so what the visitor wrote to its left is ignored', () => {
		expect(clientAddress({ socketAddress: '10.0.0.1', forwardedFor: '1.1.1.1, 2.2.2.2, 203.0.113.7' }, proxies)).toBe('203.0.113.7');
	});

	it('follows a chain of trusted proxies', () => {
		expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor: '9.9.9.9, 203.0.113.7, 10.1.1.1, 10.2.2.2' }, proxies)).toBe('203.0.113.7');
		expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor: ['9.9.9.9, 203.0.113.7', '10.1.1.1', '10.2.2.2'] }, proxies)).toBe('203.0.113.7');
	});

	it('takes the leftmost address when every hop is trusted', () => {
		expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor: '10.9.9.9, 10.1.1.1' }, proxies)).toBe('10.9.9.9');
	});

	it('stops at the proxy that passed on an unreadable entry', () => {
		expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor: '203.0.113.7, unknown, 10.1.1.1' }, proxies)).toBe('10.1.1.1');
		expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor: '' }, proxies)).toBe('127.0.0.1');
	});

	it('handles IPv6 sockets, proxies and visitors', () => {
		expect(clientAddress({ socketAddress: '::1', forwardedFor: '2001:DB8:1::7' }, proxies)).toBe('2001:db8:1::7');
		expect(clientAddress({ socketAddress: '2001:db8:ffff:1::2', forwardedFor: '[2001:db8:1::7]:5555' }, proxies)).toBe('2001:db8:1::7');
		expect(clientAddress({ socketAddress: '2001:db8:fffe::2', forwardedFor: '2001:db8:1::7' }, proxies)).toBe('2001:db8:fffe::2');
	});

	it('reads IPv4-mapped IPv6 as IPv4, for the socket and for the header', () => {
		expect(clientAddress({ socketAddress: '::ffff:10.0.0.1', forwardedFor: '::ffff:203.0.113.7' }, proxies)).toBe('203.0.113.7');
		expect(clientAddress({ socketAddress: '::ffff:203.0.113.7', forwardedFor: '1.1.1.1' }, proxies)).toBe('203.0.113.7');
	});

	it('is null when the socket address is unknown, whatever the header says', () => {
		expect(clientAddress({ socketAddress: undefined, forwardedFor: '203.0.113.7' }, proxies)).toBeNull();
		expect(clientAddress({ socketAddress: '', forwardedFor: '203.0.113.7' }, proxies)).toBeNull();
	});

	it('never returns an address a visitor outside the trusted proxies wrote (property)', () => {
		const octet = fc.integer({ min: 0, max: 255 });
		const publicIp = fc.tuple(fc.integer({ min: 11, max: 126 }), octet, octet, octet).map((parts) => parts.join('.'));
		const trustedIp = fc.tuple(octet, octet, octet).map((parts) => `10.${parts.join('.')}`);
		fc.assert(
			fc.property(fc.array(publicIp, { maxLength: 4 }), publicIp, fc.array(trustedIp, { maxLength: 3 }), trustedIp, (spoofed, visitor, hops, socket) => {
				const forwardedFor = [...spoofed, visitor, ...hops].join(', ');
				expect(clientAddress({ socketAddress: socket, forwardedFor }, proxies)).toBe(visitor);
				expect(clientAddress({ socketAddress: visitor, forwardedFor: [...spoofed, ...hops].join(', ') }, proxies)).toBe(visitor);
			}),
		);
	});
});
