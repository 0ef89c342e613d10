import { isFinishedStatus, type CallbackStatus } from './callbackStatus';
import type { CallbackKey, CallbackRecord } from './callbackRecord';
import { CallbackStoreError, type CallbackStore } from './callbackStore';
import { callbackEnding, type CallbackEnding } from './noShow';
import type { ScheduledAttempt } from './scheduledAttempt';
import { CHOOSING, decideClaim, isSettledRow, nextTicket, type PhoneClaim } from './phoneClaim';
import { applyStatusChange, latestCallbackForPhone, MAX_NOTES, type SetStatusOutcome, type StatusChange, type StatusChangeOutcome } from './statusChange';
import type { SystemNote } from './systemNote';

/** A record with the row id the table gave it and its place in the phone's claim. */
export interface StoredCallback {
	rowId: number;
	record: CallbackRecord;
	claim: PhoneClaim;
}

/**
 * The few row operations a versioned callback table needs. `replaceIfVersion` must be one
 * conditional write (UPDATE … WHERE id = ? AND version = ?), atomic in the database.
 */
export interface CallbackTable {
	findByCallbackId(callbackId: string): Promise<StoredCallback[]>;
	findByPhone(phone: string): Promise<StoredCallback[]>;
	/** Adds a row; with a claim, the row's `claim` column is written too. */
	insert(record: CallbackRecord, claim?: PhoneClaim): Promise<number>;
	/** true when the row still had `expectedVersion` and now holds `record` (its claim untouched). */
	replaceIfVersion(rowId: number, expectedVersion: number, record: CallbackRecord): Promise<boolean>;
	/** Writes only the row's `claim` column. */
	setClaim(rowId: number, claim: PhoneClaim): Promise<void>;
	remove(rowId: number): Promise<void>;
}

export interface TableStoreOptions {
	newCallbackId: () => string;
	/** Waits this long (the runtime's timer, passed in so this module stays free of it). */
	sleep: (ms: number) => Promise<void>;
	/** Writes tried before giving up on a very busy callback. */
	maxTries?: number;
	/** Milliseconds to wait before try number n; jitter keeps racing executions from colliding again in step. */
	backoffMs?: (tryNumber: number) => number;
}

export const DEFAULT_MAX_TRIES = 40;

/**
 * In Postgres a row with a lower id may become visible after a higher one (ids are drawn before
 * commit), so a new callback looks once more a moment later before it counts as created.
 */
const INSERT_RECHECK_MS = 50;

export function jitteredBackoffMs(tryNumber: number): number {
	return Math.min(250, 5 * tryNumber) + Math.random() * 20 * Math.min(tryNumber, 10);
}

/** The oldest row wins when two executions created the same callback at once. */
function firstRow(rows: readonly StoredCallback[]): StoredCallback | null {
	return rows.reduce<StoredCallback | null>((first, row) => (first === null || row.rowId < first.rowId ? row : first), null);
}

/**
 * A store over a table with a version column: read, compute, write only if nobody wrote in
 * between, else read again and recompute. No update is lost, whatever the database.
 */
export class TableCallbackStore implements CallbackStore {
	readonly kind = 'dataTable' as const;
	private readonly maxTries: number;
	private readonly backoffMs: (tryNumber: number) => number;
	/** How many writes lost a race and were redone (for the item's output and the tests). */
	retries = 0;

	constructor(
		private readonly table: CallbackTable,
		private readonly options: TableStoreOptions,
	) {
		this.maxTries = options.maxTries ?? DEFAULT_MAX_TRIES;
		this.backoffMs = options.backoffMs ?? jitteredBackoffMs;
	}

	private async find(key: CallbackKey): Promise<StoredCallback | null> {
		if (key.callbackId) return firstRow(await this.table.findByCallbackId(key.callbackId));
		if (key.phone) {
			const rows = (await this.table.findByPhone(key.phone)).filter(isSettledRow);
			const firstPerCallback = new Map<string, StoredCallback>();
			for (const row of rows) {
				const seen = firstPerCallback.get(row.record.callbackId);
				if (seen === undefined || row.rowId < seen.rowId) firstPerCallback.set(row.record.callbackId, row);
			}
			const latest = latestCallbackForPhone([...firstPerCallback.values()].map((row) => ({ ...row, status: row.record.status, requestedAt: row.record.requestedAt })));
			return latest === null ? null : { rowId: latest.rowId, record: latest.record, claim: latest.claim };
		}
		throw new CallbackStoreError('Neither a callback id nor a phone number was given, so there is no callback to look up.');
	}

	async read(key: CallbackKey): Promise<CallbackRecord | null> {
		return (await this.find(key))?.record ?? null;
	}

	async setStatus(change: StatusChange): Promise<SetStatusOutcome> {
		for (let tryNumber = 1; tryNumber <= this.maxTries; tryNumber++) {
			if (tryNumber > 1) {
				this.retries += 1;
				await this.options.sleep(this.backoffMs(tryNumber));
			}
			const current = await this.find(change.key);
			const outcome = applyStatusChange(current?.record ?? null, change, this.options.newCallbackId, current?.record.tags ?? null, await this.earlierEndings(change, current));
			if (outcome.kind === 'refused') return outcome;
			if (current !== null && current.record.callbackId === outcome.record.callbackId) {
				if (await this.table.replaceIfVersion(current.rowId, current.record.version, outcome.record)) return outcome;
				continue;
			}
			if (change.oneOpenPerPhone === true && outcome.record.status === 'pending' && outcome.record.phone !== null) {
				const opened = await this.openAlone(outcome, change.now);
				if (opened !== null) return opened;
				continue;
			}
			if (await this.insertAlone(outcome.record)) return outcome;
		}
		throw new CallbackStoreError(
			`Callback ${change.key.callbackId ?? change.key.phone}: gave up after ${this.maxTries} tries because other executions kept changing it at the same moment.`,
		);
	}

	/**
	 * How the phone's other callbacks ended, read only when this change may end one and counts
	 * no-shows (the phone's rows are few: one per callback the lead asked for).
	 */
	private async earlierEndings(change: StatusChange, current: StoredCallback | null): Promise<CallbackEnding[]> {
		const phone = current?.record.phone ?? change.key.phone;
		if (!change.noShow || (change.status !== 'complete' && change.status !== 'failed') || !phone) return [];
		const own = current?.record.callbackId ?? change.key.callbackId;
		const others = new Map<string, CallbackRecord>();
		for (const row of (await this.table.findByPhone(phone)).filter(isSettledRow)) if (row.record.callbackId !== own) others.set(row.record.callbackId, row.record);
		return [...others.values()].map(callbackEnding).filter((ending): ending is CallbackEnding => ending !== null);
	}

	/**
	 * Records the attempt the callback now waits for, keeping every other field as another
	 * execution may just have written it. `finished`: the callback is over (cancelled a moment
	 * ago, say), so nothing is recorded and nobody must be called; `unknown`: the store has no
	 * such callback.
	 */
	async recordScheduledAttempt(key: CallbackKey, attempt: ScheduledAttempt): Promise<{ recorded: true } | { recorded: false; because: 'unknown' | 'finished'; status: CallbackStatus | null }> {
		for (let tryNumber = 1; tryNumber <= this.maxTries; tryNumber++) {
			if (tryNumber > 1) {
				this.retries += 1;
				await this.options.sleep(this.backoffMs(tryNumber));
			}
			const current = await this.find(key);
			if (current === null) return { recorded: false, because: 'unknown', status: null };
			if (isFinishedStatus(current.record.status)) return { recorded: false, because: 'finished', status: current.record.status };
			const record: CallbackRecord = { ...current.record, scheduledAttempt: attempt, version: current.record.version + 1 };
			if (await this.table.replaceIfVersion(current.rowId, current.record.version, record)) return { recorded: true };
		}
		throw new CallbackStoreError(`Callback ${key.callbackId ?? key.phone}: gave up recording its next attempt after ${this.maxTries} tries because other executions kept changing it.`);
	}

	/**
	 * Adds a note to an open callback that its lead asked again (the report counts these),
	 * keeping every other field as another execution may just have written it.
	 */
	private async noteRepeatedRequest(callbackId: string, now: Date): Promise<void> {
		for (let tryNumber = 1; tryNumber <= this.maxTries; tryNumber++) {
			if (tryNumber > 1) await this.options.sleep(this.backoffMs(tryNumber));
			const current = await this.find({ callbackId, phone: null });
			if (current === null || isFinishedStatus(current.record.status)) return;
			const note: SystemNote = { at: now.toISOString(), status: current.record.status, previousStatus: current.record.status, attempt: null, outcome: 'repeated request', duplicate: true };
			const record: CallbackRecord = { ...current.record, notes: [...current.record.notes, note].slice(-MAX_NOTES), version: current.record.version + 1 };
			if (await this.table.replaceIfVersion(current.rowId, current.record.version, record)) return;
		}
	}

	/**
	 * Opens a new callback only if no other callback is open for the phone (phoneClaim.ts has
	 * the algorithm and why). A new callback that stands down leaves no row behind; null when the
	 * open one is this same callback, created at the same moment by another execution.
	 */
	private async openAlone(outcome: Extract<StatusChangeOutcome, { kind: 'changed' }>, now: Date): Promise<SetStatusOutcome | null> {
		const record = outcome.record;
		const phone = record.phone as string;
		const rowId = await this.table.insert(record, CHOOSING);
		// Whatever goes wrong before the decision, the half-made row must not stay behind.
		let keepRow = false;
		try {
			const claim: PhoneClaim = { kind: 'ticket', number: nextTicket(await this.table.findByPhone(phone)) };
			await this.table.setClaim(rowId, claim);
			const mine = { rowId, record, claim };
			for (let look = 1; look <= this.maxTries; look++) {
				if (look > 1) await this.options.sleep(this.backoffMs(look));
				const decision = decideClaim(mine, await this.table.findByPhone(phone), now);
				if (decision.kind === 'won') {
					keepRow = true;
					return outcome;
				}
				// The same callback created at once by another execution: redo this as an update of it.
				if (decision.kind === 'lost') {
					if (decision.open.record.callbackId === record.callbackId) return null;
					// Counted for the report; the answer to the lead does not depend on it.
					await this.noteRepeatedRequest(decision.open.record.callbackId, now).catch(() => undefined);
					return { kind: 'alreadyOpen', open: decision.open.record };
				}
			}
		} finally {
			if (!keepRow) await this.table.remove(rowId).catch(() => undefined);
		}
		throw new CallbackStoreError(`Callback ${record.callbackId}: gave up after ${this.maxTries} looks because other requests for ${phone} kept arriving at the same moment.`);
	}

	/**
	 * Data tables have no unique keys, so two executions may both create the same callback.
	 * Each checks afterwards; the one whose row is not the oldest removes it and tries again as
	 * an update of the winner's row.
	 */
	private async insertAlone(record: CallbackRecord): Promise<boolean> {
		const rowId = await this.table.insert(record);
		for (const wait of [0, INSERT_RECHECK_MS]) {
			if (wait > 0) await this.options.sleep(wait);
			const first = firstRow(await this.table.findByCallbackId(record.callbackId));
			if (first !== null && first.rowId !== rowId) {
				await this.table.remove(rowId);
				return false;
			}
		}
		return true;
	}
}
