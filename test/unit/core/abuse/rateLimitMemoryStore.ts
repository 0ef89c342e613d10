import type fc from 'fast-check';

import type { CounterRow, CounterStore } from '../../../../nodes/core/abuse/rateLimit';

/** What happens while a call travels to the store and its answer travels back. */
export type Pause = () => Promise<void>;

const noPause: Pause = async () => {};

/** Every call waits for the fast-check scheduler on its way there and back, in any order it picks. */
export function scheduledPause(scheduler: fc.Scheduler): Pause {
	return async () => {
		await scheduler.schedule(Promise.resolve());
	};
}

/** Every call takes a random moment on its way there and back, so concurrent calls interleave. */
export const randomPause: Pause = async () => {
	await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
};

/**
 * A counter store in memory, atomic per call as the real table must be: each call does its work
 * in one synchronous step between its two pauses. `blindWrites` makes compareAndSet ignore the
 * version, the bug the concurrency properties must catch.
 */
export class MemoryCounterStore implements CounterStore {
	readonly rows = new Map<string, CounterRow>();
	readonly calls = { read: 0, insertIfAbsent: 0, compareAndSet: 0 };

	constructor(
		private readonly pause: Pause = noPause,
		private readonly blindWrites = false,
	) {}

	private async step<T>(work: () => T): Promise<T> {
		await this.pause();
		const result = work();
		await this.pause();
		return result;
	}

	async read(key: string): Promise<CounterRow | null> {
		this.calls.read += 1;
		return await this.step(() => {
			const row = this.rows.get(key);
			return row === undefined ? null : { ...row };
		});
	}

	async insertIfAbsent(row: CounterRow): Promise<boolean> {
		this.calls.insertIfAbsent += 1;
		return await this.step(() => {
			if (this.rows.has(row.key)) return false;
			this.rows.set(row.key, { ...row });
			return true;
		});
	}

	async compareAndSet(key: string, expectedVersion: number, next: CounterRow): Promise<boolean> {
		this.calls.compareAndSet += 1;
		return await this.step(() => {
			const row = this.rows.get(key);
			if (row === undefined || (!this.blindWrites && row.version !== expectedVersion)) return false;
			this.rows.set(key, { ...next });
			return true;
		});
	}

	/** Window and count of every row, versions left out: what a request may change. */
	counts(): Record<string, { windowStart: number; count: number }> {
		return Object.fromEntries([...this.rows].map(([key, row]) => [key, { windowStart: row.windowStart, count: row.count }]));
	}
}
