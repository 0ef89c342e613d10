import type { FieldError } from './CallbackRequest';

/**
 * What the Callback Request Trigger reads of a request. n8n itself lets bodies of up to
 * N8N_PAYLOAD_SIZE_MAX (16 MiB by default) through, parsed into arbitrary JSON; a callback form
 * is a few hundred bytes. Everything past these limits is refused with a 4xx or dropped, as each
 * constant says, before any other rule looks at the submission.
 */

/**
 * Largest body read, in bytes (64 KiB): measured on the body n8n read (after gzip/deflate), else
 * taken from Content-Length. A larger body is refused with 413.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Deepest nesting kept (8): the body is level 0, `payload.data` is level 2. An object or list
 * deeper than this is dropped with everything under it, and the rest of the request is read.
 * No form tool nests its answers deeper than 3 levels, so nothing a lead typed is lost; a body
 * made only of such garbage carries no phone number and is refused with 422.
 */
export const MAX_DEPTH = 8;

/**
 * Most fields and list entries read, counted over the whole body (500). More is refused with 400:
 * reading only part of it could miss the lead's own fields and send misleading errors back.
 */
export const MAX_ENTRIES = 500;

/**
 * Longest text value (5,000 characters). A longer value is refused with 422 naming the field,
 * never cut: it may be what the lead typed. (The fields the trigger validates have tighter
 * limits of their own: names 80, reason 500 by default and at most 5,000.)
 */
export const MAX_STRING_LENGTH = 5000;

/** Longest field name (200 characters). A longer name is no form's: the field is dropped. */
export const MAX_KEY_LENGTH = 200;

/**
 * Most text in the whole body (65,536 characters of names and values), for bodies whose size
 * n8n does not tell (chunked multipart). More is refused with 413.
 */
export const MAX_TOTAL_CHARACTERS = 64 * 1024;

/** Longest User-Agent and Referer kept in the consent record (1,000 characters); cut beyond. */
export const MAX_HEADER_TEXT_LENGTH = 1000;

/**
 * Field names that could reach an object's prototype when a later step copies the data or reads
 * a name as a path (`__proto__`, `constructor`, `prototype`): a field so named, or whose name
 * holds one as a path part (`__proto__[polluted]`, `a.constructor`), is dropped wherever it is.
 */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a field name is, or holds as a path part, one of UNSAFE_KEYS. */
export function isUnsafeKey(key: string): boolean {
	return UNSAFE_KEYS.has(key) || key.split(/[.[\]]/).some((part) => UNSAFE_KEYS.has(part.trim()));
}

/** Every limit in one place, for documentation and tests. */
export const SUBMISSION_LIMITS = {
	maxBodyBytes: MAX_BODY_BYTES,
	maxDepth: MAX_DEPTH,
	maxEntries: MAX_ENTRIES,
	maxStringLength: MAX_STRING_LENGTH,
	maxKeyLength: MAX_KEY_LENGTH,
	maxTotalCharacters: MAX_TOTAL_CHARACTERS,
	maxHeaderTextLength: MAX_HEADER_TEXT_LENGTH,
} as const;

export const NOT_AN_OBJECT_MESSAGE = 'The request body must be a form or a JSON object.';
export const TOO_LARGE_MESSAGE = `The request body is too large: send at most ${MAX_BODY_BYTES / 1024} KB.`;
export const TOO_MANY_ENTRIES_MESSAGE = `The request has too many fields: send at most ${MAX_ENTRIES} fields and list entries.`;

export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };
export type PlainObject = { [key: string]: PlainValue };

/** What was left out of a submission that was otherwise accepted. */
export interface DroppedParts {
	/** Objects and lists nested deeper than MAX_DEPTH. */
	tooDeep: number;
	/** `__proto__`, `constructor`, `prototype`. */
	unsafeKeys: number;
	/** Field names longer than MAX_KEY_LENGTH. */
	longKeys: number;
	/** Values that are not data: binary buffers, functions, class instances, getters, NaN/Infinity. */
	unsupportedValues: number;
	/** Texts and names from which NUL, unpaired UTF-16 surrogates or U+FFFD were removed. */
	repairedTexts: number;
}

export type BodyRefusal = {
	ok: false;
	/** 400: not a form; 413: too large; 422: fields to fix. */
	status: 400 | 413 | 422;
	message: string;
	errors: FieldError[];
};

export type BoundedSubmission = { ok: true; body: PlainObject; dropped: DroppedParts } | BodyRefusal;

function refusal(status: 400 | 413, message: string): BodyRefusal {
	return { ok: false, status, message, errors: [{ field: 'body', message }] };
}

/**
 * Refuses a body over MAX_BODY_BYTES: the length of the body n8n read when it has it (the size
 * after decompression), else the Content-Length the client declared.
 */
export function checkBodySize(readBytes: number | undefined, declaredContentLength: string | undefined): BodyRefusal | undefined {
	let size = readBytes;
	if (size === undefined && declaredContentLength !== undefined && /^\s*\d+\s*$/.test(declaredContentLength)) {
		size = Number(declaredContentLength);
	}
	return size !== undefined && size > MAX_BODY_BYTES ? refusal(413, TOO_LARGE_MESSAGE) : undefined;
}

/**
 * What is removed from every text and field name: NUL (Postgres refuses it in text and JSON),
 * unpaired UTF-16 surrogates (`"\ud800"` in JSON; no UTF-8 can hold them) and U+FFFD, which a
 * decoder puts where the bytes were not UTF-8. None of them is something a person typed.
 */
const UNREADABLE_CHARACTERS = /\u0000|\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that can be stored and sent on: see UNREADABLE_CHARACTERS. */
export function repairText(text: string): string {
	return text.replace(UNREADABLE_CHARACTERS, '');
}

/** A header kept in the consent record: repaired and cut at MAX_HEADER_TEXT_LENGTH. */
export function boundHeaderText(value: string | undefined): string | null {
	if (value === undefined) return null;
	return repairText(value.slice(0, MAX_HEADER_TEXT_LENGTH));
}

function isContainerObject(value: object): boolean {
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/** The value a property holds, without running a getter. */
function ownValue(source: object, key: string): { value: unknown } | undefined {
	const descriptor = Object.getOwnPropertyDescriptor(source, key);
	return descriptor && 'value' in descriptor ? { value: descriptor.value } : undefined;
}

type Scalar = { kind: 'scalar'; value: string | number | boolean | null } | { kind: 'container'; value: object } | { kind: 'drop' };

/** Sorts a submitted value into plain data, a container to walk, or something to drop. */
function classify(value: unknown): Scalar {
	if (value === null) return { kind: 'scalar', value: null };
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return { kind: 'scalar', value };
		case 'number':
			// -0 becomes 0, as it would in JSON.
			return Number.isFinite(value) ? { kind: 'scalar', value: value === 0 ? 0 : value } : { kind: 'drop' };
		case 'bigint':
			return { kind: 'scalar', value: value.toString() };
		case 'object':
			break;
		default:
			return { kind: 'drop' };
	}
	const object = value as object;
	if (Array.isArray(object) || isContainerObject(object)) return { kind: 'container', value: object };
	const prototype: unknown = Object.getPrototypeOf(object);
	if (prototype === Date.prototype) {
		const time = (object as Date).getTime();
		return Number.isFinite(time) ? { kind: 'scalar', value: (object as Date).toISOString() } : { kind: 'drop' };
	}
	if (prototype === String.prototype || prototype === Boolean.prototype || prototype === Number.prototype) {
		// A boxed primitive (new String('x')); valueOf throws for a look-alike that is not one.
		try {
			return classify((prototype as { valueOf: () => unknown }).valueOf.call(object));
		} catch {
			return { kind: 'drop' };
		}
	}
	// Buffers, typed arrays, maps, sets, class instances: not form data.
	return { kind: 'drop' };
}

interface PendingContainer {
	source: object;
	target: PlainObject | PlainValue[];
	depth: number;
	/** Field names from the body down to this container, list positions left out. */
	path: string;
}

/**
 * Copies a submitted body into plain, bounded data, walking it with an explicit stack (no
 * recursion, so no nesting depth can overflow the call stack). The body must be an object
 * (a form or a JSON object); see the limits above for what is dropped and what is refused.
 * Never throws for data that came out of a body parser.
 */
export function boundSubmission(body: unknown): BoundedSubmission {
	if (typeof body !== 'object' || body === null || Array.isArray(body) || !isContainerObject(body)) {
		return refusal(400, NOT_AN_OBJECT_MESSAGE);
	}
	const dropped: DroppedParts = { tooDeep: 0, unsafeKeys: 0, longKeys: 0, unsupportedValues: 0, repairedTexts: 0 };
	const tooLong: FieldError[] = [];
	let entries = 0;
	let characters = 0;
	/** Set when a budget for the whole body runs out; the walk stops there. */
	let refused: BodyRefusal | undefined;

	const text = (value: string, path: string): string | undefined => {
		if (value.length > MAX_STRING_LENGTH) {
			const field = path || 'body';
			if (tooLong.length < 20 && !tooLong.some((error) => error.field === field)) {
				tooLong.push({ field, message: `Keep this under ${MAX_STRING_LENGTH + 1} characters (it has ${value.length}).` });
			}
			return undefined;
		}
		characters += value.length;
		if (characters > MAX_TOTAL_CHARACTERS) refused ??= refusal(413, TOO_LARGE_MESSAGE);
		const repaired = repairText(value);
		if (repaired !== value) dropped.repairedTexts += 1;
		return repaired;
	};

	/** The copy of one value, or undefined when it is dropped. Containers are queued. */
	const copy = (value: unknown, depth: number, path: string, stack: PendingContainer[]): PlainValue | undefined => {
		const sorted = classify(value);
		if (sorted.kind === 'drop') {
			if (value !== undefined) dropped.unsupportedValues += 1;
			return undefined;
		}
		if (sorted.kind === 'scalar') return typeof sorted.value === 'string' ? text(sorted.value, path) : sorted.value;
		if (depth > MAX_DEPTH) {
			dropped.tooDeep += 1;
			return undefined;
		}
		const target: PlainObject | PlainValue[] = Array.isArray(sorted.value) ? [] : {};
		stack.push({ source: sorted.value, target, depth, path });
		return target;
	};

	const root: PlainObject = {};
	const stack: PendingContainer[] = [{ source: body, target: root, depth: 0, path: '' }];
	const tooManyEntries = (): boolean => {
		if (++entries <= MAX_ENTRIES) return false;
		refused ??= refusal(400, TOO_MANY_ENTRIES_MESSAGE);
		return true;
	};
	while (stack.length > 0 && refused === undefined) {
		const { source, target, depth, path } = stack.pop() as PendingContainer;
		if (Array.isArray(target)) {
			const length = (source as unknown[]).length;
			for (let index = 0; index < length && refused === undefined; index++) {
				if (tooManyEntries()) break;
				const own = ownValue(source, String(index));
				const value = own === undefined ? null : copy(own.value, depth + 1, path, stack);
				// Keeps positions: a dropped entry becomes null, as JSON does with a hole.
				target.push(value === undefined ? null : value);
			}
			continue;
		}
		for (const submittedKey of Object.keys(source)) {
			if (refused !== undefined || tooManyEntries()) break;
			if (submittedKey.length > MAX_KEY_LENGTH) {
				dropped.longKeys += 1;
				continue;
			}
			const key = text(submittedKey, path) ?? '';
			if (isUnsafeKey(key)) {
				dropped.unsafeKeys += 1;
				continue;
			}
			const own = ownValue(source, submittedKey);
			if (own === undefined) {
				dropped.unsupportedValues += 1;
				continue;
			}
			const value = copy(own.value, depth + 1, path === '' ? key : `${path}.${key}`, stack);
			if (value !== undefined) target[key] = value;
		}
	}
	if (refused !== undefined) return refused;
	if (tooLong.length > 0) return { ok: false, status: 422, message: `Please fix: ${tooLong.map((error) => error.field).join(', ')}`, errors: tooLong };
	return { ok: true, body: root, dropped };
}

/** Whether anything was left out of an accepted submission. */
export function droppedAnything(dropped: DroppedParts): boolean {
	return Object.values(dropped).some((count) => count > 0);
}
