import type { IDataObject } from 'n8n-workflow';

/** The object under `key` in an item's JSON; empty when it is missing or not an object. */
export function objectAt(json: IDataObject, key: string): IDataObject {
	const value = json[key];
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** The `callback` object the funnel's nodes keep on an item; empty before the first of them ran. */
export function callbackOf(json: IDataObject): IDataObject {
	return objectAt(json, 'callback');
}
