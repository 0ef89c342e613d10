import type { CallbackRecord, CallbackTable, PhoneClaim, StoredCallback } from '../../../../nodes/core/callbackStore';
import { claimColumnValue, claimFromColumn, fromCallbackRow, toCallbackRow } from '../../../../nodes/core/callbackStore';

/** Yields to other pending work for a random short while, so concurrent calls interleave. */
async function jitter(): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
}

/**
 * An in-memory callback table that stores rows as the Data Table does (text columns) and whose
 * operations each take a little time, so concurrent store calls interleave the way executions do.
 * `atomicVersionCheck: false` makes replaceIfVersion a blind write, to show what the check
 * prevents.
 */
export class MemoryCallbackTable implements CallbackTable {
	private nextRowId = 1;
	readonly rows = new Map<number, Record<string, string | null>>();
	writes = 0;

	constructor(private readonly atomicVersionCheck = true) {}

	private all(): StoredCallback[] {
		return [...this.rows].map(([rowId, row]) => ({ rowId, record: fromCallbackRow(row), claim: claimFromColumn(row.claim) }));
	}

	async findByCallbackId(callbackId: string): Promise<StoredCallback[]> {
		await jitter();
		return this.all().filter((row) => row.record.callbackId === callbackId);
	}

	async findByPhone(phone: string): Promise<StoredCallback[]> {
		await jitter();
		return this.all().filter((row) => row.record.phone === phone);
	}

	async insert(record: CallbackRecord, claim?: PhoneClaim): Promise<number> {
		await jitter();
		const rowId = this.nextRowId++;
		this.rows.set(rowId, { ...toCallbackRow(record), claim: claim === undefined ? null : claimColumnValue(claim) });
		this.writes += 1;
		return rowId;
	}

	async replaceIfVersion(rowId: number, expectedVersion: number, record: CallbackRecord): Promise<boolean> {
		await jitter();
		const row = this.rows.get(rowId);
		if (row === undefined) return false;
		if (this.atomicVersionCheck && row.version !== String(expectedVersion)) return false;
		this.rows.set(rowId, { ...toCallbackRow(record), claim: row.claim });
		this.writes += 1;
		return true;
	}

	async setClaim(rowId: number, claim: PhoneClaim): Promise<void> {
		await jitter();
		const row = this.rows.get(rowId);
		if (row !== undefined) this.rows.set(rowId, { ...row, claim: claimColumnValue(claim) });
	}

	async remove(rowId: number): Promise<void> {
		await jitter();
		this.rows.delete(rowId);
	}
}
