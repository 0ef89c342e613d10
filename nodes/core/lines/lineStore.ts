/**
 * One of a business's simultaneous-call lines, held as a lease: who holds it and until when. A
 * lease runs out on its own, so a worker that dies mid-call cannot hold a line forever.
 */
export interface LineRow {
	/** "line:<business>:<n>", n from 1. */
	key: string;
	/** The call or execution holding the line; null once released. */
	holder: string | null;
	/** Epoch ms: when the lease runs out, or, once released, when it was released. */
	until: number;
	version: number;
}

/**
 * Where line rows live: shared by every n8n worker and kept across restarts (an n8n Data Table,
 * one row per line). A row changes only by compare-and-set on its version, so of two workers
 * that read the same row only one can change it; nothing is last-write-wins.
 *
 * One row per line rather than one per business: the limit then holds by construction (a row
 * has one holder, and only rows 1..maxLines are handed out), and writers meet only when they
 * want the same row. Renewing and releasing touch the caller's own row alone, and two callers
 * taking lines start at different lines, whereas a row per business would have every take,
 * renewal and release of the business race for one version.
 */
export interface LineStore {
	/**
	 * Every row whose key starts with `keyPrefix` ("line:<business>:", all of one business's
	 * lines), in one read. Rows of other keys that happen to match (a Data Table "like" filter)
	 * may come along; callers ignore keys that are not theirs.
	 */
	readByPrefix(keyPrefix: string): Promise<LineRow[]>;
	/** Inserts when no row has this key; false when one already exists (another worker won). */
	insertIfAbsent(row: LineRow): Promise<boolean>;
	/** Replaces the row only if its version is still `expectedVersion`; false otherwise. */
	compareAndSet(key: string, expectedVersion: number, next: LineRow): Promise<boolean>;
}
