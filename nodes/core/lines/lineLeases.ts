import type { LineRow, LineStore } from './lineStore';

/**
 * A limit on simultaneous callback calls: a business allows at most maxLines at once, and each
 * call holds one line as a lease from the shared store. A lease runs out unless renewed while the
 * call lasts, so a worker that dies mid-call frees its line at the latest when the lease ends.
 * Every change is a compare-and-set, so whatever the interleaving of workers, no two callers hold
 * the same line at once and no caller gets a line above maxLines.
 *
 * Lease times are read on each worker's clock: keep leases well above the clock skew between
 * workers, or a worker whose clock runs ahead may see a lease out early and take its line.
 */

/** Tries before giving up as busy: each failed compare-and-set means another caller changed that line. */
export const MAX_LINE_TRIES = 20;

/** Lines a business may have: a row each, all read at every take. */
export const MAX_LINES = 1000;

/**
 * Who goes first for a free line: a priority caller (a VIP) that found every line held keeps a
 * place in front, and ordinary callers leave it as many free lines as there are such callers.
 */
export type LinePriority = 'high' | 'normal';

/**
 * How long a waiting priority caller's place in front lasts unless it comes back for a line: a
 * caller that gave up (its execution was stopped) holds nobody back for longer.
 */
export const PRIORITY_PLACE_MS = 5 * 60_000;

interface LeaseRequest {
	/** Whose lines; every worker must name the business the same way. */
	readonly business: string;
	/** The call or execution id that holds the line; knowing it is what allows renewing or releasing. */
	readonly holder: string;
	/** Epoch ms on this worker's clock. */
	readonly now: number;
	readonly maxTries?: number;
}

export interface TakeLineRequest extends LeaseRequest {
	/** How many calls the business allows at once. */
	readonly maxLines: number;
	/** How long the line is held unless renewed. */
	readonly leaseMs: number;
	/** "high" goes before ordinary callers waiting for the same free line; default "normal". */
	readonly priority?: LinePriority;
}

export interface RenewLineRequest extends LeaseRequest {
	/** How long from now the line is held; a lease is never shortened. */
	readonly leaseMs: number;
}

export type ReleaseLineRequest = LeaseRequest;

export type TakeLineResult =
	| { readonly kind: 'taken'; readonly line: number; readonly until: number }
	/**
	 * Every line is held, or the free ones are kept for `priorityWaiting` priority callers;
	 * `freesAt` is the soonest a lease (or a priority caller's place) runs out; a release may free
	 * one sooner.
	 */
	| { readonly kind: 'full'; readonly freesAt: number; readonly priorityWaiting: number }
	/** The lines kept changing under us; refused rather than risk holding too many. */
	| { readonly kind: 'busy' };

export type RenewLineResult =
	| { readonly kind: 'renewed'; readonly line: number; readonly until: number }
	/** The holder has no line: it was released, or it ran out and another call took it. */
	| { readonly kind: 'notHeld' }
	| { readonly kind: 'busy' };

export type ReleaseLineResult =
	| { readonly kind: 'released'; readonly lines: readonly number[] }
	/** The holder has no line (never had one, or released it already): nothing changed. */
	| { readonly kind: 'notHeld' }
	/** The holder's line kept changing under us; it stays held until its lease runs out. */
	| { readonly kind: 'busy' };

/** The row key of a business's line n (from 1). */
export function lineKey(business: string, line: number): string {
	return `${lineKeyPrefix(business)}${line}`;
}

function lineKeyPrefix(business: string): string {
	return `line:${business}:`;
}

/**
 * Place n in front (from 1), kept by one waiting priority caller at a time: read with the lines,
 * in the same read. Places are reused like lines, so a business has at most maxLines of them.
 */
function priorityPlaceKey(business: string, place: number): string {
	return `${lineKeyPrefix(business)}priority-${place}`;
}

/**
 * Takes a free line for the holder, or says when the soonest lease runs out. A line is free when
 * it has no row yet, was released, or its lease ran out. A holder that already has a line gets
 * that one back, with its lease extended, so a take repeated after it succeeded holds one line.
 * (Two takes racing for the same holder may get two; releasing frees both, renewing keeps one.)
 */
export async function takeLine(store: LineStore, request: TakeLineRequest): Promise<TakeLineResult> {
	checkRequest(request);
	checkMaxLines(request.maxLines);
	checkLease(request.leaseMs);
	const { business, holder, now, maxLines, leaseMs } = request;
	const priority = request.priority ?? 'normal';
	const maxTries = request.maxTries ?? MAX_LINE_TRIES;
	let tries = 0;
	while (tries < maxTries) {
		const { lines, places } = await readRows(store, business);
		const candidates = linesToTry(lines, holder, now, maxLines);
		const holdsOne = ownLines(lines, holder).length > 0;
		// Ordinary callers leave one free line to each priority caller waiting for one.
		const ahead = priority === 'high' || holdsOne ? [] : waitingPlaces(places, holder, now);
		if (candidates.length <= ahead.length) {
			if (priority === 'high') await keepPlace(store, places, business, holder, now, maxLines);
			const freesAt = Math.min(...(candidates.length === 0 ? [soonestExpiry(lines, maxLines)] : []), ...ahead.map((place) => place.until));
			return { kind: 'full', freesAt, priorityWaiting: ahead.length };
		}
		for (const line of candidates) {
			if (tries >= maxTries) break;
			tries++;
			const row = lines.get(line);
			const until = row?.holder === holder ? Math.max(row.until, now + leaseMs) : now + leaseMs;
			const next: LineRow = { key: lineKey(business, line), holder, until, version: (row?.version ?? 0) + 1 };
			const won = row === undefined ? await store.insertIfAbsent(next) : await store.compareAndSet(next.key, row.version, next);
			if (won) {
				await givePlaceUp(store, ownPlace(places, holder), now);
				return { kind: 'taken', line, until };
			}
		}
	}
	return { kind: 'busy' };
}

/** Other priority callers' places still running, soonest to run out first. */
function waitingPlaces(places: ReadonlyMap<number, LineRow>, holder: string, now: number): LineRow[] {
	return [...places.values()].filter((place) => place.holder !== null && place.holder !== holder && place.until > now).sort((a, b) => a.until - b.until);
}

function ownPlace(places: ReadonlyMap<number, LineRow>, holder: string): LineRow | undefined {
	return [...places.values()].find((place) => place.holder === holder);
}

/**
 * Keeps (or renews) a priority caller's place in front: its own, else the first free one of
 * 1..maxLines. Best effort: a place lost to a race only means ordinary callers may go first this
 * once; the lines themselves stay exact.
 */
async function keepPlace(store: LineStore, places: ReadonlyMap<number, LineRow>, business: string, holder: string, now: number, maxLines: number): Promise<void> {
	const until = now + PRIORITY_PLACE_MS;
	const own = ownPlace(places, holder);
	if (own !== undefined) {
		await store.compareAndSet(own.key, own.version, { ...own, until: Math.max(own.until, until), version: own.version + 1 });
		return;
	}
	for (let place = 1; place <= maxLines; place++) {
		const row = places.get(place);
		if (row !== undefined && row.holder !== null && row.until > now) continue;
		const next: LineRow = { key: priorityPlaceKey(business, place), holder, until, version: (row?.version ?? 0) + 1 };
		if (row === undefined ? await store.insertIfAbsent(next) : await store.compareAndSet(next.key, row.version, next)) return;
	}
}

/** The caller got its line: its place in front is no longer needed. */
async function givePlaceUp(store: LineStore, place: LineRow | undefined, now: number): Promise<void> {
	if (place === undefined || place.holder === null) return;
	await store.compareAndSet(place.key, place.version, { ...place, holder: null, until: now, version: place.version + 1 });
}

/**
 * Extends the holder's lease to now + leaseMs while its call lasts. A lease that ran out but that
 * nobody took since is held again; one another call took is lost.
 */
export async function renewLine(store: LineStore, request: RenewLineRequest): Promise<RenewLineResult> {
	checkRequest(request);
	checkLease(request.leaseMs);
	const { business, holder, now, leaseMs } = request;
	const maxTries = request.maxTries ?? MAX_LINE_TRIES;
	for (let tries = 0; tries < maxTries; tries++) {
		const own = ownLines(await readLines(store, business), holder);
		if (own.length === 0) return { kind: 'notHeld' };
		// A holder with two lines (two takes raced) renews the lowest; the other runs out.
		const [line, row] = own[0];
		const until = Math.max(row.until, now + leaseMs);
		if (await store.compareAndSet(row.key, row.version, { ...row, until, version: row.version + 1 })) {
			return { kind: 'renewed', line, until };
		}
	}
	return { kind: 'busy' };
}

/**
 * Frees every line the holder has. Only the holder's own rows are touched, so a release naming
 * another holder frees nothing, and releasing again finds nothing to free.
 */
export async function releaseLine(store: LineStore, request: ReleaseLineRequest): Promise<ReleaseLineResult> {
	checkRequest(request);
	const { business, holder, now } = request;
	const maxTries = request.maxTries ?? MAX_LINE_TRIES;
	const released: number[] = [];
	for (let tries = 0; tries < maxTries; ) {
		const own = ownLines(await readLines(store, business), holder);
		if (own.length === 0) {
			return released.length === 0 ? { kind: 'notHeld' } : { kind: 'released', lines: released.sort((a, b) => a - b) };
		}
		for (const [line, row] of own) {
			if (await store.compareAndSet(row.key, row.version, { key: row.key, holder: null, until: now, version: row.version + 1 })) {
				released.push(line);
			} else {
				tries++;
				break;
			}
		}
	}
	return { kind: 'busy' };
}

/**
 * The business's rows by line number, and the waiting priority callers' places by holder, from
 * one read; a key that is neither is someone else's.
 */
async function readRows(store: LineStore, business: string): Promise<{ lines: Map<number, LineRow>; places: Map<number, LineRow> }> {
	const prefix = lineKeyPrefix(business);
	const lines = new Map<number, LineRow>();
	const places = new Map<number, LineRow>();
	for (const row of await store.readByPrefix(prefix)) {
		if (!row.key.startsWith(prefix)) continue;
		const suffix = row.key.slice(prefix.length);
		if (/^[1-9]\d{0,8}$/.test(suffix)) lines.set(Number(suffix), row);
		const place = /^priority-([1-9]\d{0,8})$/.exec(suffix);
		if (place !== null) places.set(Number(place[1]), row);
	}
	return { lines, places };
}

async function readLines(store: LineStore, business: string): Promise<Map<number, LineRow>> {
	return (await readRows(store, business)).lines;
}

function isHeld(row: LineRow | undefined, now: number): boolean {
	return row !== undefined && row.holder !== null && row.until > now;
}

/** The holder's rows, lowest line first, whether or not their leases ran out. */
function ownLines(lines: ReadonlyMap<number, LineRow>, holder: string): Array<[number, LineRow]> {
	return [...lines].filter(([, row]) => row.holder === holder).sort(([a], [b]) => a - b);
}

/**
 * The lines worth a compare-and-set, best first. The holder's own line when it has one (a line
 * above maxLines only while its lease lasts, from before the limit was lowered); otherwise the
 * free lines of 1..maxLines, starting at one picked by the holder's hash so that callers racing
 * for lines mostly want different ones.
 */
function linesToTry(lines: ReadonlyMap<number, LineRow>, holder: string, now: number, maxLines: number): number[] {
	const own = ownLines(lines, holder).find(([line, row]) => line <= maxLines || isHeld(row, now));
	if (own !== undefined) return [own[0]];
	const start = fnv1a(holder) % maxLines;
	const free: number[] = [];
	for (let offset = 0; offset < maxLines; offset++) {
		const line = 1 + ((start + offset) % maxLines);
		if (!isHeld(lines.get(line), now)) free.push(line);
	}
	return free;
}

/** When the first of lines 1..maxLines frees by its lease running out; called only when all are held. */
function soonestExpiry(lines: ReadonlyMap<number, LineRow>, maxLines: number): number {
	return Math.min(...[...lines].filter(([line]) => line <= maxLines).map(([, row]) => row.until));
}

/** 32-bit FNV-1a: a stable, evenly spread hash of a short text. */
function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

function checkRequest(request: LeaseRequest): void {
	if (typeof request.business !== 'string' || request.business === '') throw new RangeError('A line needs the business it belongs to');
	if (typeof request.holder !== 'string' || request.holder === '') throw new RangeError('A line needs a holder: the call or execution id');
	if (!Number.isFinite(request.now)) throw new RangeError(`now must be epoch milliseconds, got ${String(request.now)}`);
	const { maxTries } = request;
	if (maxTries !== undefined && !(Number.isSafeInteger(maxTries) && maxTries >= 1)) throw new RangeError(`maxTries must be a whole number from 1, got ${String(maxTries)}`);
}

function checkMaxLines(maxLines: number): void {
	if (!Number.isSafeInteger(maxLines) || maxLines < 1 || maxLines > MAX_LINES) {
		throw new RangeError(`maxLines must be a whole number from 1 to ${MAX_LINES}, got ${String(maxLines)}`);
	}
}

function checkLease(leaseMs: number): void {
	if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new RangeError(`leaseMs must be a positive number of milliseconds, got ${String(leaseMs)}`);
}
