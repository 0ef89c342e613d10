import { parseCallbackStatus } from './callbackStatus';
import type { CallbackRecord } from './callbackRecord';
import { EMPTY_CONTEXT, type ContextData } from './contextData';
import { parseScheduledAttempt, scheduledAttemptColumn } from './scheduledAttempt';
import type { SystemNote } from './systemNote';

/**
 * The Data Table's columns, all of type text (string), so that a table created from a CSV file
 * holding only this header line has exactly this schema. Lists and objects are JSON text.
 * The Tag Router shows this list where the table is chosen.
 */
export const CALLBACK_TABLE_COLUMNS = [
	'callbackId',
	'phone',
	'contactId',
	'status',
	'tags',
	'attempts',
	'lastOutcome',
	'requestedAt',
	'statusChangedAt',
	'notes',
	'optOut',
	'context',
	'contextExpiresAt',
	'version',
	'claim',
	'scheduledAttempt',
	'bookedFor',
	'missedInARow',
	'noShowUntil',
] as const;

export type CallbackTableColumn = (typeof CALLBACK_TABLE_COLUMNS)[number];

/** The name the funnel's nodes give the callback status table unless told otherwise. */
export const DEFAULT_CALLBACK_TABLE_NAME = 'Callback statuses';
/** A record's columns; `claim` is written on its own (phoneClaim.ts), never with the record. */
export type CallbackRow = Record<Exclude<CallbackTableColumn, 'claim'>, string | null>;

export class CallbackRowError extends Error {}

export function toCallbackRow(record: CallbackRecord): CallbackRow {
	return {
		callbackId: record.callbackId,
		phone: record.phone,
		contactId: record.contactId,
		status: record.status,
		tags: JSON.stringify(record.tags),
		attempts: String(record.attempts),
		lastOutcome: record.lastOutcome,
		requestedAt: record.requestedAt,
		statusChangedAt: record.statusChangedAt,
		notes: JSON.stringify(record.notes),
		optOut: record.optOut ? 'true' : 'false',
		context: JSON.stringify(record.context.values),
		contextExpiresAt: record.context.expiresAt,
		version: String(record.version),
		scheduledAttempt: scheduledAttemptColumn(record.scheduledAttempt),
		bookedFor: record.bookedFor,
		missedInARow: String(record.missedInARow),
		noShowUntil: record.noShowUntil,
	};
}

function text(row: Record<string, unknown>, column: keyof CallbackRow): string | null {
	const value = row[column];
	if (value === null || value === undefined || value === '') return null;
	return value instanceof Date ? value.toISOString() : String(value);
}

function parsedJson(value: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(value) as unknown };
	} catch {
		return { ok: false };
	}
}

function json<T>(row: Record<string, unknown>, column: keyof CallbackRow, fallback: T): T {
	const value = text(row, column);
	if (value === null) return fallback;
	const parsed = parsedJson(value);
	if (!parsed.ok) throw new CallbackRowError(`The "${column}" column of callback ${String(row.callbackId)} does not hold valid JSON.`);
	return parsed.value as T;
}

/** A time cell; a hand-edited cell that is not a time reads as none. */
function isoOrNull(value: string | null): string | null {
	return value !== null && Number.isFinite(Date.parse(value)) ? value : null;
}

/** Reads a stored row back; numbers and booleans may come typed if someone made those columns typed. */
export function fromCallbackRow(row: Record<string, unknown>): CallbackRecord {
	const status = parseCallbackStatus(text(row, 'status'));
	const callbackId = text(row, 'callbackId');
	if (callbackId === null || status === null) {
		throw new CallbackRowError(`A row of the callback table has no callback id or no known status (callbackId ${String(row.callbackId)}, status ${String(row.status)}).`);
	}
	const values = json<ContextData['values']>(row, 'context', {});
	const expiresAt = text(row, 'contextExpiresAt');
	return {
		callbackId,
		phone: text(row, 'phone'),
		contactId: text(row, 'contactId'),
		status,
		tags: json<string[]>(row, 'tags', []),
		attempts: Number(text(row, 'attempts') ?? 0) || 0,
		lastOutcome: text(row, 'lastOutcome'),
		requestedAt: text(row, 'requestedAt') ?? '',
		statusChangedAt: text(row, 'statusChangedAt') ?? '',
		notes: json<SystemNote[]>(row, 'notes', []),
		optOut: text(row, 'optOut') === 'true',
		context: expiresAt === null ? EMPTY_CONTEXT : { values, expiresAt },
		version: Number(text(row, 'version') ?? 0) || 0,
		scheduledAttempt: parseScheduledAttempt(text(row, 'scheduledAttempt')),
		bookedFor: isoOrNull(text(row, 'bookedFor')),
		missedInARow: Number(text(row, 'missedInARow') ?? 0) || 0,
		noShowUntil: isoOrNull(text(row, 'noShowUntil')),
	};
}
