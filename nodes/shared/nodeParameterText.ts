import type { IExecuteFunctions } from 'n8n-workflow';

/** A value as trimmed text; empty when unset. */
export function valueText(value: unknown): string {
	return value === null || value === undefined ? '' : String(value).trim();
}

/** A parameter as trimmed text; empty when unset. */
export function parameterText(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return valueText(context.getNodeParameter(name, itemIndex, '') as unknown);
}

/** A setting that cannot be used as it is; the message names it and says what to fix. */
export class ParameterError extends Error {}

/** A whole number inside a range, or a ParameterError naming the setting. */
export function wholeNumberIn(value: unknown, label: string, min: number, max: number): number {
	const number = Number(value);
	if (!Number.isFinite(number) || number < min || number > max) throw new ParameterError(`${label} must be between ${min} and ${max}, not ${String(value)}`);
	return Math.round(number);
}
