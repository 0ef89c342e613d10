import { readFileSync } from 'node:fs';

import { RFC2822_PATTERN, isRoutablePhoneNumber } from './twilioFormats';

/**
 * Requests checked against Twilio's own OpenAPI description of the 2010-04-01 API.
 *
 * Everything here is read from the spec (operations, path templates, parameter types, enums,
 * patterns, required fields). Three deliberate departures, all stricter than a literal reading:
 *  - form fields typed `array` accept one value or the key repeated: the spec types ten form
 *    fields as arrays (`StatusCallbackEvent`, `MediaUrl`…) and Twilio takes them as the key
 *    repeated, so a literal reading would refuse a single value; scalar fields given twice are
 *    refused;
 *  - parameter names the operation does not define are refused (the spec does not forbid them,
 *    but Twilio silently ignores them, so a misspelt `StatusCallbak` would do nothing);
 *  - a few limits the spec states only in prose (`MachineDetection` values, `Timeout` range)
 *    are enforced as if they were schema keywords (`PROSE_PATCHES`).
 * One allowance: a response property Twilio returns but the pinned spec does not yet list is
 * added to its schema (`RESPONSE_ADDITIONS`). Error answers are not in the spec (Create Call
 * documents only its 201); they follow Twilio's error object `{code, message, more_info, status}`
 * (twilioErrors.ts).
 */

/**
 * Twilio's spec (github.com/twilio/twilio-oai, MIT) as shipped inside the exact-pinned dev
 * dependency `@twilio-alpha/mcp`, so `npm install` brings it to every clone.
 */
export const TWILIO_SPEC_PATH = require.resolve('@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json');

export interface JsonSchema {
	$ref?: string;
	type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
	format?: string;
	enum?: unknown[];
	pattern?: string;
	minLength?: number;
	maxLength?: number;
	minimum?: number;
	maximum?: number;
	nullable?: boolean;
	items?: JsonSchema;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	'x-twilio'?: { ignoreFormat?: boolean };
}

interface ParameterObject {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema: JsonSchema;
}

interface MediaTypeObject {
	schema?: JsonSchema;
}

interface OperationObject {
	operationId: string;
	parameters?: ParameterObject[];
	requestBody?: { content: Record<string, MediaTypeObject> };
	responses: Record<string, { content?: Record<string, MediaTypeObject> }>;
}

interface OpenApiDocument {
	paths: Record<string, Record<string, unknown>>;
	components: { schemas: Record<string, JsonSchema> };
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
const HTTP_METHODS: HttpMethod[] = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'];

export type ParameterLocation = 'path' | 'query' | 'body';

/** One parameter of one operation, with its schema resolved and the sandbox's patches applied. */
export interface FieldRule {
	name: string;
	location: ParameterLocation;
	required: boolean;
	/** Schema of one value (the item schema for array fields). */
	valueSchema: JsonSchema;
	/** Array field: one value or the key repeated. */
	repeatable: boolean;
	/** One value may hold several items separated by spaces (e.g. RecordingStatusCallbackEvent). */
	spaceSeparated: boolean;
}

export interface SpecOperation {
	operationId: string;
	method: HttpMethod;
	pathTemplate: string;
	pathFields: FieldRule[];
	queryFields: FieldRule[];
	/** Undefined when the operation takes no request body. */
	bodyFields: FieldRule[] | undefined;
	successStatus: number;
	responseSchema: JsonSchema | undefined;
	/** For list operations: the property of the response holding the page of items. */
	listKey: string | undefined;
}

export type IssueProblem = 'missing' | 'unknown' | 'type' | 'enum' | 'pattern' | 'range' | 'length' | 'format' | 'repeated';

export interface ValidationIssue {
	location: ParameterLocation;
	parameter: string;
	problem: IssueProblem;
	message: string;
	value?: string;
}

export type FieldValue = string | number | boolean | string[];

/** Parameters that passed validation, typed as the spec declares them. */
export class ValidatedParams {
	constructor(private readonly values: ReadonlyMap<string, FieldValue>) {}

	has(name: string): boolean {
		return this.values.has(name);
	}

	names(): string[] {
		return [...this.values.keys()];
	}

	string(name: string): string | undefined {
		const value = this.values.get(name);
		if (value === undefined) return undefined;
		if (Array.isArray(value)) return value[0];
		return String(value);
	}

	strings(name: string): string[] {
		const value = this.values.get(name);
		if (value === undefined) return [];
		return Array.isArray(value) ? value : [String(value)];
	}

	integer(name: string): number | undefined {
		const value = this.values.get(name);
		return typeof value === 'number' ? value : undefined;
	}

	boolean(name: string): boolean | undefined {
		const value = this.values.get(name);
		return typeof value === 'boolean' ? value : undefined;
	}

	toRecord(): Record<string, FieldValue> {
		return Object.fromEntries(this.values);
	}
}

export interface ValidationResult {
	issues: ValidationIssue[];
	params: ValidatedParams;
}

export type RouteMatch =
	| { kind: 'operation'; operation: SpecOperation; pathParams: Record<string, string> }
	| { kind: 'method-not-allowed'; allowed: HttpMethod[] }
	| { kind: 'no-route' };

interface ProsePatch {
	enum?: string[];
	minimum?: number;
	maximum?: number;
	maxLength?: number;
	spaceSeparated?: boolean;
}

/** Limits Twilio documents in parameter descriptions rather than in schema keywords. */
const PROSE_PATCHES: Record<string, Record<string, ProsePatch>> = {
	CreateCall: {
		StatusCallbackEvent: { enum: ['initiated', 'ringing', 'answered', 'completed'] },
		MachineDetection: { enum: ['Enable', 'DetectMessageEnd'] },
		AsyncAmd: { enum: ['true', 'false'] },
		RecordingChannels: { enum: ['mono', 'dual'] },
		RecordingStatusCallbackEvent: { enum: ['in-progress', 'completed', 'absent'], spaceSeparated: true },
		RecordingTrack: { enum: ['inbound', 'outbound', 'both'] },
		Trim: { enum: ['trim-silence', 'do-not-trim'] },
		Timeout: { minimum: 1, maximum: 600 },
		TimeLimit: { minimum: 1, maximum: 86400 },
		MachineDetectionTimeout: { minimum: 3, maximum: 59 },
		MachineDetectionSpeechThreshold: { minimum: 1000, maximum: 6000 },
		MachineDetectionSpeechEndThreshold: { minimum: 500, maximum: 5000 },
		MachineDetectionSilenceTimeout: { minimum: 2000, maximum: 10000 },
		Twiml: { maxLength: 4000 },
	},
	UpdateCall: {
		TimeLimit: { minimum: 1, maximum: 86400 },
		Twiml: { maxLength: 4000 },
	},
	CreateMessage: {
		ValidityPeriod: { minimum: 1, maximum: 36000 },
	},
};

/**
 * Response properties Twilio's API returns that the pinned spec does not list (later revisions of
 * twilio-oai document them). Added only where the spec lacks them, so a spec that documents them
 * is read as it is.
 */
const RESPONSE_ADDITIONS: Record<string, Record<string, JsonSchema>> = {
	// IncomingPhoneNumbers: `local`, `mobile` or `toll-free`; documented as a nullable string since.
	'api.v2010.account.incoming_phone_number': { type: { type: 'string', nullable: true } },
};

function withResponseAdditions(spec: OpenApiDocument): OpenApiDocument {
	const schemas = { ...spec.components.schemas };
	for (const [name, additions] of Object.entries(RESPONSE_ADDITIONS)) {
		const schema = schemas[name];
		if (schema?.properties === undefined) continue;
		const missing = Object.entries(additions).filter(([property]) => !(property in schema.properties!));
		if (missing.length > 0) schemas[name] = { ...schema, properties: { ...schema.properties, ...Object.fromEntries(missing) } };
	}
	return { ...spec, components: { ...spec.components, schemas } };
}

const specCache = new Map<string, OpenApiDocument>();

function loadSpec(specPath: string): OpenApiDocument {
	let spec = specCache.get(specPath);
	if (spec === undefined) {
		spec = JSON.parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
		specCache.set(specPath, spec);
	}
	return spec;
}

interface CompiledPath {
	template: string;
	pattern: RegExp;
	parameterNames: string[];
	operations: Map<HttpMethod, SpecOperation>;
}

export class OpenApiValidator {
	private readonly paths: CompiledPath[] = [];
	private readonly byId = new Map<string, SpecOperation>();

	private readonly spec: OpenApiDocument;

	constructor(spec: OpenApiDocument) {
		this.spec = withResponseAdditions(spec);
		for (const [template, item] of Object.entries(spec.paths)) {
			const parameterNames: string[] = [];
			const source = template
				.split(/(\{[^}]+\})/)
				.map((part) => {
					const name = /^\{([^}]+)\}$/.exec(part)?.[1];
					if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
					parameterNames.push(name);
					return '([^/]+)';
				})
				.join('');
			const compiled: CompiledPath = { template, pattern: new RegExp(`^${source}$`), parameterNames, operations: new Map() };
			for (const method of HTTP_METHODS) {
				const operation = item[method.toLowerCase()] as OperationObject | undefined;
				if (operation === undefined) continue;
				const compiledOperation = this.compileOperation(method, template, operation);
				compiled.operations.set(method, compiledOperation);
				this.byId.set(compiledOperation.operationId, compiledOperation);
			}
			this.paths.push(compiled);
		}
	}

	static fromFile(specPath: string = TWILIO_SPEC_PATH): OpenApiValidator {
		return new OpenApiValidator(loadSpec(specPath));
	}

	operation(operationId: string): SpecOperation {
		const operation = this.byId.get(operationId);
		if (operation === undefined) throw new Error(`the Twilio spec has no operation ${operationId}`);
		return operation;
	}

	operationIds(): string[] {
		return [...this.byId.keys()];
	}

	/** Finds the operation for a request path; a literal segment beats a `{Sid}` placeholder. */
	match(method: string, pathname: string): RouteMatch {
		const candidates = this.paths
			.map((compiled) => ({ compiled, found: compiled.pattern.exec(pathname) }))
			.filter((candidate) => candidate.found !== null)
			.sort((a, b) => a.compiled.parameterNames.length - b.compiled.parameterNames.length);
		if (candidates.length === 0) return { kind: 'no-route' };
		const allowed = new Set<HttpMethod>();
		for (const { compiled, found } of candidates) {
			const operation = compiled.operations.get(method.toUpperCase() as HttpMethod);
			if (operation === undefined || found === null) {
				compiled.operations.forEach((_, allowedMethod) => allowed.add(allowedMethod));
				continue;
			}
			const pathParams: Record<string, string> = {};
			compiled.parameterNames.forEach((name, index) => {
				pathParams[name] = safeDecode(found[index + 1]);
			});
			return { kind: 'operation', operation, pathParams };
		}
		return { kind: 'method-not-allowed', allowed: [...allowed] };
	}

	validatePath(operation: SpecOperation, pathParams: Record<string, string>): ValidationIssue[] {
		const raw = new Map(Object.entries(pathParams).map(([name, value]) => [name, [value]]));
		return validateFields(operation.pathFields, raw, 'path').issues;
	}

	validateQuery(operation: SpecOperation, query: URLSearchParams): ValidationResult {
		return validateFields(operation.queryFields, groupEntries(query), 'query');
	}

	validateBody(operation: SpecOperation, form: URLSearchParams): ValidationResult {
		const raw = groupEntries(form);
		if (operation.bodyFields === undefined) {
			const issues = [...raw.keys()].map((name) => unknownIssue('body', name, []));
			return { issues, params: new ValidatedParams(new Map()) };
		}
		return validateFields(operation.bodyFields, raw, 'body');
	}

	/**
	 * Checks a response the sandbox is about to send against the operation's success schema:
	 * every property the spec lists must be present (null where Twilio has no value), no other
	 * property may appear, and each value must have the declared type, enum, pattern or format.
	 */
	validateResponse(operation: SpecOperation, body: unknown): string[] {
		if (operation.responseSchema === undefined) return [];
		const issues: string[] = [];
		checkResponseValue(this.resolve(operation.responseSchema), body, '$', issues, (schema) => this.resolve(schema));
		return issues;
	}

	private resolve(schema: JsonSchema): JsonSchema {
		let current = schema;
		for (let depth = 0; current.$ref !== undefined && depth < 10; depth++) {
			const name = current.$ref.replace('#/components/schemas/', '');
			const target = this.spec.components.schemas[name];
			if (target === undefined) throw new Error(`unresolved $ref ${current.$ref}`);
			current = { ...target, nullable: current.nullable ?? target.nullable };
		}
		return current;
	}

	private compileOperation(method: HttpMethod, template: string, operation: OperationObject): SpecOperation {
		const patches = PROSE_PATCHES[operation.operationId] ?? {};
		const fieldRule = (name: string, location: ParameterLocation, required: boolean, schema: JsonSchema): FieldRule => {
			const resolved = this.resolve(schema);
			// The array quirk: a form field typed as an array is validated item by item, whether the
			// client sent the key once or repeated it.
			const repeatable = resolved.type === 'array';
			const item = repeatable ? this.resolve(resolved.items ?? { type: 'string' }) : resolved;
			const patch = patches[name] ?? {};
			const valueSchema: JsonSchema = {
				...item,
				...(patch.enum !== undefined ? { enum: patch.enum } : {}),
				...(patch.minimum !== undefined ? { minimum: patch.minimum } : {}),
				...(patch.maximum !== undefined ? { maximum: patch.maximum } : {}),
				...(patch.maxLength !== undefined ? { maxLength: patch.maxLength } : {}),
			};
			return { name, location, required, valueSchema, repeatable, spaceSeparated: patch.spaceSeparated === true };
		};
		const parameters = operation.parameters ?? [];
		const pathFields = parameters.filter((p) => p.in === 'path').map((p) => fieldRule(p.name, 'path', true, p.schema));
		const queryFields = parameters
			.filter((p) => p.in === 'query')
			.map((p) => fieldRule(p.name, 'query', p.required === true, p.schema));
		let bodyFields: FieldRule[] | undefined;
		const formSchema = operation.requestBody?.content['application/x-www-form-urlencoded']?.schema;
		if (formSchema !== undefined) {
			const resolved = this.resolve(formSchema);
			const required = new Set(resolved.required ?? []);
			bodyFields = Object.entries(resolved.properties ?? {}).map(([name, schema]) =>
				fieldRule(name, 'body', required.has(name), schema),
			);
		}
		const successStatus = Object.keys(operation.responses)
			.map(Number)
			.filter((status) => status >= 200 && status < 300)
			.sort()[0];
		const responseSchemaRaw = operation.responses[String(successStatus)]?.content?.['application/json']?.schema;
		const responseSchema = responseSchemaRaw === undefined ? undefined : this.resolve(responseSchemaRaw);
		const listKey =
			responseSchema?.properties === undefined
				? undefined
				: Object.entries(responseSchema.properties).find(([key, schema]) => schema.type === 'array' && key !== 'uri')?.[0];
		return {
			operationId: operation.operationId,
			method,
			pathTemplate: template,
			pathFields,
			queryFields,
			bodyFields,
			successStatus: successStatus ?? 200,
			responseSchema,
			listKey: method === 'GET' && responseSchema?.properties?.page !== undefined ? listKey : undefined,
		};
	}
}

function safeDecode(value: string | undefined): string {
	if (value === undefined) return '';
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function groupEntries(params: URLSearchParams): Map<string, string[]> {
	const grouped = new Map<string, string[]>();
	for (const [name, value] of params) {
		const list = grouped.get(name);
		if (list === undefined) grouped.set(name, [value]);
		else list.push(value);
	}
	return grouped;
}

function unknownIssue(location: ParameterLocation, name: string, known: string[]): ValidationIssue {
	const sameLetters = known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	// `qs`-style encoders write arrays as `Key[0]=a&Key[1]=b`; Twilio ignores such names.
	const bracketed = /^([^[\]]+)\[\d*\]$/.exec(name)?.[1];
	let hint = '';
	if (sameLetters !== undefined) hint = ` (did you mean '${sameLetters}'? parameter names are case-sensitive)`;
	else if (bracketed !== undefined && known.includes(bracketed)) hint = ` (send several values by repeating '${bracketed}', without brackets)`;
	return {
		location,
		parameter: name,
		problem: 'unknown',
		message: `The parameter '${name}' is not a parameter of this resource${hint}`,
	};
}

function validateFields(rules: FieldRule[], raw: Map<string, string[]>, location: ParameterLocation): ValidationResult {
	const issues: ValidationIssue[] = [];
	const values = new Map<string, FieldValue>();
	const known = new Map(rules.map((rule) => [rule.name, rule]));
	for (const name of raw.keys()) {
		if (!known.has(name)) issues.push(unknownIssue(location, name, [...known.keys()]));
	}
	for (const rule of rules) {
		const given = raw.get(rule.name) ?? [];
		const present = given.length > 0 && !(given.length === 1 && given[0] === '' && rule.required);
		if (!present) {
			if (rule.required) {
				issues.push({ location, parameter: rule.name, problem: 'missing', message: `The parameter '${rule.name}' is required` });
			}
			continue;
		}
		if (!rule.repeatable && given.length > 1) {
			issues.push({
				location,
				parameter: rule.name,
				problem: 'repeated',
				message: `The parameter '${rule.name}' takes one value but was given ${given.length}`,
				value: given.join(','),
			});
			continue;
		}
		const items = rule.spaceSeparated ? given.flatMap((value) => value.split(/\s+/).filter((part) => part !== '')) : given;
		const coerced: (string | number | boolean)[] = [];
		let failed = false;
		for (const item of items) {
			const result = coerceValue(rule, item, location);
			if (typeof result === 'object') {
				issues.push(result);
				failed = true;
				break;
			}
			coerced.push(result);
		}
		if (failed) continue;
		if (rule.repeatable) values.set(rule.name, coerced.map(String));
		else values.set(rule.name, coerced[0] ?? '');
	}
	return { issues, params: new ValidatedParams(values) };
}

function coerceValue(rule: FieldRule, value: string, location: ParameterLocation): string | number | boolean | ValidationIssue {
	const schema = rule.valueSchema;
	const issue = (problem: IssueProblem, message: string): ValidationIssue => ({
		location,
		parameter: rule.name,
		problem,
		message,
		value,
	});
	switch (schema.type) {
		case 'integer': {
			if (!/^-?\d+$/.test(value)) return issue('type', `The parameter '${rule.name}' must be an integer, got '${value}'`);
			const number = Number(value);
			return checkRange(number) ?? number;
		}
		case 'number': {
			if (!/^-?\d+(\.\d+)?$/.test(value)) return issue('type', `The parameter '${rule.name}' must be a number, got '${value}'`);
			const number = Number(value);
			return checkRange(number) ?? number;
		}
		case 'boolean':
			// Twilio's helper libraries send lower-case literals; anything else is ambiguous.
			if (value === 'true') return true;
			if (value === 'false') return false;
			return issue('type', `The parameter '${rule.name}' must be 'true' or 'false', got '${value}'`);
		default:
			break;
	}
	if (schema.enum !== undefined && !schema.enum.includes(value)) {
		return issue('enum', `The parameter '${rule.name}' must be one of ${schema.enum.map((v) => `'${String(v)}'`).join(', ')}, got '${value}'`);
	}
	if (schema.minLength !== undefined && value.length < schema.minLength) {
		return issue('length', `The parameter '${rule.name}' must be at least ${schema.minLength} characters long`);
	}
	if (schema.maxLength !== undefined && value.length > schema.maxLength) {
		return issue('length', `The parameter '${rule.name}' must be at most ${schema.maxLength} characters long`);
	}
	if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
		return issue('pattern', `The parameter '${rule.name}' must match ${schema.pattern}, got '${value}'`);
	}
	if (schema.format !== undefined && schema['x-twilio']?.ignoreFormat !== true) {
		const formatProblem = checkFormat(schema.format, value);
		if (formatProblem !== undefined) return issue('format', `The parameter '${rule.name}' ${formatProblem}, got '${value}'`);
	}
	return value;

	function checkRange(number: number): ValidationIssue | undefined {
		if (schema.minimum !== undefined && number < schema.minimum) {
			return issue('range', `The parameter '${rule.name}' must be at least ${schema.minimum}, got ${number}`);
		}
		if (schema.maximum !== undefined && number > schema.maximum) {
			return issue('range', `The parameter '${rule.name}' must be at most ${schema.maximum}, got ${number}`);
		}
		return undefined;
	}
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Returns what is wrong with a value for a spec `format`, or undefined when it fits. */
export function checkFormat(format: string, value: string): string | undefined {
	switch (format) {
		case 'uri':
			// An empty URL is how Twilio clients clear a webhook, so it passes.
			if (value === '') return undefined;
			return isAbsoluteHttpUrl(value) ? undefined : 'must be an absolute http(s) URL with a valid host name';
		case 'phone-number':
			return isRoutablePhoneNumber(value) ? undefined : 'must be a valid phone number in E.164 format';
		case 'endpoint':
			// Client identities and SIP addresses are valid for Twilio but not simulated here.
			return isRoutablePhoneNumber(value) ? undefined : 'must be a valid phone number in E.164 format (the sandbox simulates phone numbers only)';
		case 'date-time':
			return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'must be an ISO 8601 date-time';
		case 'date':
			return ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date as YYYY-MM-DD';
		case 'iso-country-code':
			return /^[A-Z]{2}$/.test(value) ? undefined : 'must be an ISO 3166-1 alpha-2 country code';
		default:
			return undefined;
	}
}

/** Twilio refuses callback URLs without a proper host name, and host names with underscores. */
export function isAbsoluteHttpUrl(value: string): boolean {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.hostname.includes('_');
}

function checkResponseValue(
	schema: JsonSchema,
	value: unknown,
	where: string,
	issues: string[],
	resolve: (schema: JsonSchema) => JsonSchema,
): void {
	if (value === null) {
		if (schema.nullable !== true) issues.push(`${where} is null but not nullable`);
		return;
	}
	if (value === undefined) {
		issues.push(`${where} is missing`);
		return;
	}
	switch (schema.type) {
		case 'object': {
			if (typeof value !== 'object' || Array.isArray(value)) {
				issues.push(`${where} must be an object`);
				return;
			}
			const record = value as Record<string, unknown>;
			if (schema.properties === undefined) return;
			for (const [key, propertySchema] of Object.entries(schema.properties)) {
				checkResponseValue(resolve(propertySchema), record[key], `${where}.${key}`, issues, resolve);
			}
			for (const key of Object.keys(record)) {
				if (!(key in schema.properties)) issues.push(`${where}.${key} is not in the spec`);
			}
			return;
		}
		case 'array':
			if (!Array.isArray(value)) {
				issues.push(`${where} must be an array`);
				return;
			}
			value.forEach((item, index) => checkResponseValue(resolve(schema.items ?? {}), item, `${where}[${index}]`, issues, resolve));
			return;
		case 'integer':
			if (!Number.isInteger(value)) issues.push(`${where} must be an integer`);
			return;
		case 'number':
			if (typeof value !== 'number') issues.push(`${where} must be a number`);
			return;
		case 'boolean':
			if (typeof value !== 'boolean') issues.push(`${where} must be a boolean`);
			return;
		case 'string': {
			if (typeof value !== 'string') {
				issues.push(`${where} must be a string`);
				return;
			}
			if (schema.enum !== undefined && !schema.enum.includes(value)) issues.push(`${where} '${value}' is not in its enum`);
			if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
				issues.push(`${where} '${value}' does not match ${schema.pattern}`);
			}
			if (schema.format === 'date-time-rfc-2822' && !RFC2822_PATTERN.test(value)) {
				issues.push(`${where} '${value}' is not an RFC 2822 date`);
			}
			return;
		}
		default:
			return;
	}
}
