import type { CallbackRecord, CallbackTable, StoredCallback } from '../../../../nodes/core/callbackStore';
import { fromCallbackRow, toCallbackRow } from '../../../../nodes/core/callbackStore';

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
		return [...this.rows].map(([rowId, row]) => ({ rowId, record: fromCallbackRow(row) }));
	}

	async findByCallbackId(callbackId: string): Promise<StoredCallback[]> {
		await jitter();
		return this.all().filter((row) => row.record.callbackId === callbackId);
	}

	async findByPhone(phone: string): Promise<StoredCallback[]> {
		await jitter();
		return this.all().filter((row) => row.record.phone === phone);
	}

	async insert(record: CallbackRecord): Promise<number> {
		await jitter();
		const rowId = this.nextRowId++;
		this.rows.set(rowId, toCallbackRow(record));
		this.writes += 1;
		return rowId;
	}

	async replaceIfVersion(rowId: number, expectedVersion: number, record: CallbackRecord): Promise<boolean> {
		await jitter();
		const row = this.rows.get(rowId);
		if (row === undefined) return false;
		if (this.atomicVersionCheck && row.version !== String(expectedVersion)) return false;
		this.rows.set(rowId, toCallbackRow(record));
		this.writes += 1;
		return true;
	}

	async remove(rowId: number): Promise<void> {
		await jitter();
		this.rows.delete(rowId);
	}
}
