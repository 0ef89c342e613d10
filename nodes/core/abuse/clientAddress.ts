import { BlockList, isIP } from 'node:net';

/**
 * Which address a callback request came from, for the per-IP limit. Anybody can send an
 * `X-Forwarded-For` header, so a flood that could choose its own address would never hit the
 * limit; the header is believed only as far as the business's own proxies wrote it.
 */

/** A trusted-proxies setting the user typed cannot be used; the message says what to fix. */
export class TrustedProxiesError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TrustedProxiesError';
	}
}

const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;

/** The eight 16-bit groups of an IPv6 address that `isIP` accepted. */
export function ipv6Groups(address: string): number[] {
	let text = address.toLowerCase();
	const tail: number[] = [];
	const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (dotted !== null) {
		const [a, b, c, d] = dotted.slice(1).map(Number);
		tail.push((a << 8) | b, (c << 8) | d);
		text = text.slice(0, dotted.index);
		if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
	}
	const groupsOf = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
	const halves = text.split('::');
	const head = groupsOf(halves[0]);
	const rest = halves.length > 1 ? groupsOf(halves[1]) : [];
	const zeros = halves.length > 1 ? 8 - head.length - rest.length - tail.length : 0;
	return [...head, ...new Array<number>(zeros).fill(0), ...rest, ...tail];
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of zero groups as "::". */
export function formatIpv6(groups: readonly number[]): string {
	let bestStart = -1;
	let bestLength = 1;
	for (let start = 0; start < 8; start++) {
		let length = 0;
		while (start + length < 8 && groups[start + length] === 0) length++;
		if (length > bestLength) {
			bestStart = start;
			bestLength = length;
		}
	}
	const hex = groups.map((group) => group.toString(16));
	if (bestStart < 0) return hex.join(':');
	return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function mappedIpv4(groups: readonly number[]): string | null {
	if (groups.slice(0, 5).some((group) => group !== 0) || groups[5] !== 0xffff) return null;
	return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
}

/**
 * One address in a single spelling, so one visitor always has one counter: IPv4-mapped IPv6
 * (::ffff:1.2.3.4) becomes IPv4, IPv6 is written as RFC 5952, and a port ("1.2.3.4:5678",
 * "[::1]:443") or zone ("fe80::1%eth0") some proxies add is dropped. Null when it is no address.
 */
export function normalizeIp(text: string | null | undefined): string | null {
	let address = (text ?? '').trim();
	address = BRACKETED.exec(address)?.[1] ?? IPV4_WITH_PORT.exec(address)?.[1] ?? address;
	const zone = address.indexOf('%');
	if (zone >= 0 && address.includes(':')) address = address.slice(0, zone);
	const family = isIP(address);
	if (family === 4) return address;
	if (family !== 6) return null;
	const groups = ipv6Groups(address);
	return mappedIpv4(groups) ?? formatIpv6(groups);
}

/** The business's own reverse proxies and load balancers, whose `X-Forwarded-For` is believed. */
export interface TrustedProxies {
	/** The addresses and ranges as normalised, for showing back to the user. */
	readonly ranges: readonly string[];
	includes(address: string): boolean;
}

const EXAMPLES = 'write addresses like 127.0.0.1 or ::1 and ranges like 10.0.0.0/8, separated by commas';

function networkOf(address: string, prefix: number, family: 4 | 6): string {
	if (family === 4) {
		const value = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
		const size = 2 ** (32 - prefix);
		const network = Math.floor(value / size) * size;
		return [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
	}
	const groups = ipv6Groups(address).map((group, index) => {
		const bits = Math.min(16, Math.max(0, prefix - index * 16));
		return bits === 0 ? 0 : group & (0xffff << (16 - bits)) & 0xffff;
	});
	return formatIpv6(groups);
}

function parseRange(entry: string): { address: string; prefix: number | null; family: 4 | 6 } {
	const [addressText, prefixText, extra] = entry.split('/');
	const address = normalizeIp(addressText);
	// Plain addresses only: no port, brackets or zone.
	if (address === null || isIP(addressText) === 0 || extra !== undefined || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) {
		throw new TrustedProxiesError(`Trusted proxies: "${entry}" is not an IP address or range; ${EXAMPLES}`);
	}
	const family: 4 | 6 = isIP(address) === 4 ? 4 : 6;
	let prefix = prefixText === undefined ? null : Number(prefixText);
	// "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8.
	if (family === 4 && isIP(addressText) === 6 && prefix !== null) {
		if (prefix < 96) throw new TrustedProxiesError(`Trusted proxies: "${entry}" mixes IPv4 and IPv6; write the IPv4 range, like 10.0.0.0/8`);
		prefix -= 96;
	}
	if (prefix === null) return { address, prefix, family };
	const bits = family === 4 ? 32 : 128;
	if (prefix === 0) {
		throw new TrustedProxiesError(`Trusted proxies: "${entry}" trusts every address, so any visitor could claim to be anyone; list only your own proxies`);
	}
	if (prefix > bits) {
		throw new TrustedProxiesError(`Trusted proxies: "${entry}" has /${prefix}, but an IPv${family} range is /1 to /${bits}`);
	}
	const network = networkOf(address, prefix, family);
	if (network !== address) {
		throw new TrustedProxiesError(`Trusted proxies: "${entry}" has bits set after the /${prefix}; write ${network}/${prefix} for the range, or ${address} for one address`);
	}
	return { address, prefix: prefix === bits ? null : prefix, family };
}

/** Reads "10.0.0.0/8, 127.0.0.1, ::1" (commas, spaces or lines between). Empty trusts nobody. */
export function parseTrustedProxies(text: string | null | undefined): TrustedProxies {
	const list = new BlockList();
	const ranges: string[] = [];
	for (const entry of (text ?? '').split(/[,;\s]+/).filter((part) => part !== '')) {
		const { address, prefix, family } = parseRange(entry);
		const type = family === 4 ? 'ipv4' : 'ipv6';
		if (prefix === null) list.addAddress(address, type);
		else list.addSubnet(address, prefix, type);
		ranges.push(prefix === null ? address : `${address}/${prefix}`);
	}
	return {
		ranges,
		includes(address: string): boolean {
			const normal = normalizeIp(address);
			return normal !== null && list.check(normal, isIP(normal) === 4 ? 'ipv4' : 'ipv6');
		},
	};
}

/** What the webhook knows about the connection. */
export interface ClientConnection {
	/** The TCP peer, e.g. `req.socket.remoteAddress`. */
	readonly socketAddress: string | null | undefined;
	/** The `X-Forwarded-For` header; several headers are read in order, as one list. */
	readonly forwardedFor?: string | readonly string[] | null;
}

/**
 * The visitor's address. `X-Forwarded-For` is read from the right, one hop at a time: each entry
 * was written by the hop to its right, so it is believed only while that hop is a trusted proxy.
 * The first untrusted hop is the visitor; an unreadable entry stops at the proxy that passed it
 * on. Null when the socket address is unknown.
 */
export function clientAddress(connection: ClientConnection, trusted: TrustedProxies): string | null {
	let client = normalizeIp(connection.socketAddress);
	if (client === null) return null;
	const header = connection.forwardedFor;
	const hops = (typeof header === 'string' ? [header] : (header ?? [])).flatMap((value) => value.split(','));
	for (let index = hops.length - 1; index >= 0 && trusted.includes(client); index--) {
		const hop = normalizeIp(hops[index]);
		if (hop === null) break;
		client = hop;
	}
	return client;
}
