import { CALLBACK_FIELDS, type CallbackField } from './CallbackRequest';
import { comparableKey, type FieldAliases } from './fieldAliases';

export type SubmittedObject = Record<string, unknown>;

/** A value found in the submission and the key (or dot path) it was found under. */
export interface SubmittedValue {
	value: unknown;
	key: string;
}

export interface SubmittedFields {
	values: Partial<Record<CallbackField, SubmittedValue>>;
	/** Everything not read into a field, as submitted (internal keys removed). */
	custom: SubmittedObject;
}

export interface FieldReadingRules {
	aliases: FieldAliases;
	/** A key or dot path chosen by the user for a field; replaces the aliases for that field. */
	overrides: Partial<Record<CallbackField, string>>;
	/** Keys that are never data: the honeypot, the hosted form's marker. */
	internalKeys: string[];
}

/**
 * Form tools nest the answers differently: Webflow under payload.data, some builders under
 * data or fields. The container that holds a phone-like key is read first, so a form's own
 * "name" at the top level does not pass for the lead's name.
 */
const CONTAINER_PATHS = ['', 'payload.data', 'data', 'fields', 'contact'];

export function isPlainObject(value: unknown): value is SubmittedObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAtPath(root: SubmittedObject, path: string): unknown {
	if (path === '') return root;
	if (Object.prototype.hasOwnProperty.call(root, path)) return root[path];
	let current: unknown = root;
	for (const part of path.split('.')) {
		if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
		current = current[part];
	}
	return current;
}

/** Repeated form keys and multipart fields arrive as arrays; a single answer is its only element. */
function unwrap(value: unknown): unknown {
	return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

function isPresent(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.length > 0;
	return true;
}

interface Container {
	path: string;
	object: SubmittedObject;
}

function containersOf(root: SubmittedObject, aliases: FieldAliases): Container[] {
	const containers: Container[] = [];
	for (const path of CONTAINER_PATHS) {
		const object = valueAtPath(root, path);
		if (isPlainObject(object)) containers.push({ path, object });
	}
	const phoneKeys = new Set(aliases.phone.filter((alias) => !alias.includes('.')).map(comparableKey));
	const primary = containers.findIndex(({ object }) =>
		Object.keys(object).some((key) => phoneKeys.has(comparableKey(key))),
	);
	if (primary > 0) containers.unshift(...containers.splice(primary, 1));
	return containers;
}

function joinPath(container: string, key: string): string {
	return container === '' ? key : `${container}.${key}`;
}

function findByAlias(root: SubmittedObject, containers: Container[], alias: string, taken: Set<string>): SubmittedValue | undefined {
	if (alias.includes('.')) {
		const value = unwrap(valueAtPath(root, alias));
		return isPresent(value) && !taken.has(alias) ? { value, key: alias } : undefined;
	}
	const wanted = comparableKey(alias);
	for (const { path, object } of containers) {
		for (const key of Object.keys(object)) {
			const fullPath = joinPath(path, key);
			if (comparableKey(key) !== wanted || taken.has(fullPath)) continue;
			const value = unwrap(object[key]);
			if (isPresent(value)) return { value, key: fullPath };
		}
	}
	return undefined;
}

/** Sets an own property, also for a name such as __proto__ that plain assignment treats specially. */
function setOwn(object: SubmittedObject, key: string, value: unknown): void {
	Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The submission without the given keys or dot paths. Only the objects on those paths are
 * copied (shallowly), so no submitted structure is walked or cloned as a whole, however deep.
 */
function withoutPaths(root: SubmittedObject, paths: Iterable<string>): SubmittedObject {
	const copy: SubmittedObject = { ...root };
	for (const path of paths) {
		if (Object.prototype.hasOwnProperty.call(copy, path)) {
			delete copy[path];
			continue;
		}
		const parts = path.split('.');
		const parents: SubmittedObject[] = [copy];
		for (const part of parts.slice(0, -1)) {
			const parent = parents[parents.length - 1];
			const child = Object.prototype.hasOwnProperty.call(parent, part) ? parent[part] : undefined;
			if (!isPlainObject(child)) break;
			const childCopy: SubmittedObject = { ...child };
			setOwn(parent, part, childCopy);
			parents.push(childCopy);
		}
		if (parents.length !== parts.length) continue;
		delete parents[parents.length - 1][parts[parts.length - 1]];
		// Drop containers the fields were all taken from.
		for (let depth = parents.length - 1; depth > 0; depth--) {
			if (Object.keys(parents[depth]).length > 0) break;
			delete parents[depth - 1][parts[depth - 1]];
		}
	}
	return copy;
}

/** Picks each callback field out of a submission; whatever is left is kept as custom data. */
export function readSubmittedFields(root: SubmittedObject, rules: FieldReadingRules): SubmittedFields {
	const containers = containersOf(root, rules.aliases);
	const taken = new Set<string>(rules.internalKeys);
	const values: Partial<Record<CallbackField, SubmittedValue>> = {};

	for (const field of CALLBACK_FIELDS) {
		const override = rules.overrides[field]?.trim();
		const candidates = override ? [override] : rules.aliases[field];
		for (const alias of candidates) {
			const found = override
				? (() => {
						const value = unwrap(valueAtPath(root, override));
						return isPresent(value) ? { value, key: override } : undefined;
					})()
				: findByAlias(root, containers, alias, taken);
			if (found) {
				values[field] = found;
				taken.add(found.key);
				break;
			}
		}
	}

	// Known fields left blank (an empty optional email on a form) are not custom data either.
	const knownKeys = new Set(
		CALLBACK_FIELDS.flatMap((field) => rules.aliases[field].filter((alias) => !alias.includes('.')).map(comparableKey)),
	);
	for (const { path, object } of containers) {
		for (const key of Object.keys(object)) {
			if (knownKeys.has(comparableKey(key)) && !isPresent(unwrap(object[key]))) taken.add(joinPath(path, key));
		}
	}

	return { values, custom: withoutPaths(root, taken) };
}
