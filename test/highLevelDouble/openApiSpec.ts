import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Requests and responses checked against the project's own OpenAPI 3 description of the HighLevel
 * API v2 endpoints the package uses (highLevelApi.openapi.json, written from HighLevel's public CC0
 * spec). Read from it: operations and path templates, path/query/header parameters (required,
 * type, enum), JSON body schemas with local `#/components` $refs, anyOf/allOf/oneOf, nullable,
 * required, enum, items. One departure, stricter than HighLevel: a request body property or query
 * parameter the description does not define is refused, since HighLevel would ignore it silently
 * and a misspelt field would then do nothing.
 */

export const HIGHLEVEL_SPEC_PATH = path.join(__dirname, 'highLevelApi.openapi.json');

export interface Schema {
	$ref?: string;
	type?: string;
	enum?: unknown[];
	nullable?: boolean;
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
	anyOf?: Schema[];
	allOf?: Schema[];
	oneOf?: Schema[];
	additionalProperties?: boolean | Schema;
}

interface Parameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: Schema;
}

interface Operation {
	operationId: string;
	parameters?: Parameter[];
	requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
	responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
	security?: Array<Record<string, string[]>>;
}

/** A schema and the file whose `#/components` its $refs point into. */
interface Located {
	schema: Schema;
	file: string;
}

export interface MatchedOperation {
	operationId: string;
	method: string;
	template: string;
	file: string;
	operation: Operation;
	pathParams: Record<string, string>;
}

export interface SpecRequest {
	method: string;
	/** Path without the query string, as sent. */
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON body; undefined when none was sent. */
	body: unknown;
	contentType?: string;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

export class OpenApiSpec {
	private readonly documents = new Map<string, Record<string, unknown>>();
	private readonly operations: Array<{ method: string; template: string; segments: string[]; file: string; operation: Operation }> = [];

	constructor(files: string[] = [HIGHLEVEL_SPEC_PATH]) {
		for (const file of files) {
			const document = this.load(file);
			for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
				for (const method of METHODS) {
					const operation = item[method];
					if (operation !== undefined) this.operations.push({ method: method.toUpperCase(), template, segments: template.split('/'), file, operation });
				}
			}
		}
	}

	private load(file: string): Record<string, unknown> {
		let document = this.documents.get(file);
		if (document === undefined) {
			document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
			this.documents.set(file, document);
		}
		return document;
	}

	/** Follows a local $ref ("#/components/…") to its schema; refs into other files are refused. */
	resolve(located: Located): Located {
		let { schema } = located;
		const { file } = located;
		for (let depth = 0; schema.$ref !== undefined; depth++) {
			if (depth > 20) throw new Error(`$ref loop at ${schema.$ref}`);
			if (!schema.$ref.startsWith('#/')) throw new Error(`only local $refs are followed, not ${schema.$ref} in ${file}`);
			let node: unknown = this.load(file);
			for (const part of schema.$ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
			if (node === undefined) throw new Error(`unresolvable $ref ${schema.$ref} in ${file}`);
			schema = node as Schema;
		}
		return { schema, file };
	}

	/** The operation a method and path mean; literal segments win over templated ones. */
	match(method: string, requestPath: string): MatchedOperation | null {
		const segments = requestPath.split('/').map((segment) => decodeURIComponent(segment));
		let best: { score: number; matched: MatchedOperation } | null = null;
		for (const candidate of this.operations) {
			if (candidate.method !== method.toUpperCase() || candidate.segments.length !== segments.length) continue;
			const pathParams: Record<string, string> = {};
			let score = 0;
			const fits = candidate.segments.every((segment, index) => {
				const param = /^\{(.+)\}$/.exec(segment);
				if (param) {
					if (segments[index] === '') return false;
					pathParams[param[1]] = segments[index];
					return true;
				}
				score += 1;
				return segment === segments[index];
			});
			if (fits && (best === null || score > best.score)) {
				best = { score, matched: { operationId: candidate.operation.operationId, method: candidate.method, template: candidate.template, file: candidate.file, operation: candidate.operation, pathParams } };
			}
		}
		return best?.matched ?? null;
	}

	/** Every way the request departs from the spec; empty when it conforms. */
	validateRequest(request: SpecRequest): { matched: MatchedOperation | null; errors: string[] } {
		const matched = this.match(request.method, request.path);
		if (matched === null) return { matched, errors: [`${request.method} ${request.path} is not an operation of the HighLevel description`] };
		const errors: string[] = [];
		const parameters = matched.operation.parameters ?? [];
		for (const parameter of parameters) {
			const schema = parameter.schema ?? {};
			let raw: string | string[] | undefined;
			if (parameter.in === 'path') raw = matched.pathParams[parameter.name];
			else if (parameter.in === 'query') raw = request.query[parameter.name];
			else if (parameter.in === 'header') raw = request.headers[parameter.name.toLowerCase()];
			else continue;
			if (raw === undefined || raw === '') {
				if (parameter.required) errors.push(`${parameter.in} parameter "${parameter.name}" is required`);
				continue;
			}
			if (Array.isArray(raw)) {
				errors.push(`${parameter.in} parameter "${parameter.name}" was given ${raw.length} times`);
				continue;
			}
			this.checkParameterValue(raw, { schema, file: matched.file }, `${parameter.in} parameter "${parameter.name}"`, errors);
		}
		const knownQuery = new Set(parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name));
		for (const name of Object.keys(request.query)) if (!knownQuery.has(name)) errors.push(`query parameter "${name}" is not defined for ${matched.operationId}`);
		if ((matched.operation.security ?? []).some((requirement) => 'bearer' in requirement)) {
			const authorization = request.headers.authorization;
			if (typeof authorization !== 'string' || !/^Bearer \S+$/.test(authorization)) errors.push('Authorization must be "Bearer <token>"');
		}
		const bodySpec = matched.operation.requestBody;
		if (bodySpec === undefined || bodySpec === null) {
			if (request.body !== undefined) errors.push(`${matched.operationId} takes no request body`);
		} else if (request.body === undefined) {
			if (bodySpec.required) errors.push(`${matched.operationId} requires a JSON body`);
		} else {
			const media = bodySpec.content['application/json'];
			if (!request.contentType?.startsWith('application/json')) errors.push(`the body must be sent as application/json, not ${request.contentType ?? 'without a content type'}`);
			if (media?.schema) this.validate(request.body, { schema: media.schema, file: matched.file }, 'body', errors, true);
		}
		return { matched, errors };
	}

	/** Checks a response the double is about to send, so the double cannot drift from the spec. */
	validateResponse(matched: MatchedOperation, status: number, body: unknown): string[] {
		const response = matched.operation.responses[String(status)];
		if (response === undefined) return [`${matched.operationId} documents no ${status} response`];
		const schema = response.content?.['application/json']?.schema;
		const errors: string[] = [];
		if (schema) this.validate(body, { schema, file: matched.file }, 'response', errors, false);
		return errors;
	}

	private checkParameterValue(raw: string, located: Located, where: string, errors: string[]): void {
		const { schema } = this.resolve(located);
		let value: unknown = raw;
		if (schema.type === 'number' || schema.type === 'integer') {
			value = Number(raw);
			if (raw.trim() === '' || !Number.isFinite(value as number) || (schema.type === 'integer' && !Number.isInteger(value))) {
				errors.push(`${where} must be a ${schema.type}, not "${raw}"`);
				return;
			}
		} else if (schema.type === 'boolean') {
			if (raw !== 'true' && raw !== 'false') {
				errors.push(`${where} must be true or false, not "${raw}"`);
				return;
			}
			value = raw === 'true';
		}
		if (schema.enum && !schema.enum.includes(value)) errors.push(`${where} must be one of ${schema.enum.join(', ')}, not "${raw}"`);
	}

	/** JSON Schema checks for the keywords the HighLevel files use. */
	validate(value: unknown, located: Located, where: string, errors: string[], strict: boolean): void {
		const { schema, file } = this.resolve(located);
		if (value === null && schema.nullable) return;
		if (schema.allOf) for (const part of schema.allOf) this.validate(value, { schema: part, file }, where, errors, false);
		for (const [keyword, branches] of [['anyOf', schema.anyOf], ['oneOf', schema.oneOf]] as const) {
			if (!branches) continue;
			const passing = branches.filter((branch) => {
				const branchErrors: string[] = [];
				this.validate(value, { schema: branch, file }, where, branchErrors, strict);
				return branchErrors.length === 0;
			}).length;
			if (passing === 0 || (keyword === 'oneOf' && passing > 1)) errors.push(`${where} matches ${passing} of the ${keyword} schemas`);
		}
		const actual = typeOf(value);
		if (schema.type !== undefined) {
			const fits =
				schema.type === actual ||
				(schema.type === 'integer' && actual === 'number' && Number.isInteger(value)) ||
				(schema.type === 'number' && actual === 'number');
			if (!fits) {
				errors.push(`${where} must be ${schema.type}, not ${actual}`);
				return;
			}
		}
		if (schema.enum && !schema.enum.includes(value)) errors.push(`${where} must be one of ${schema.enum.map(String).join(', ')}, not ${JSON.stringify(value)}`);
		if (actual === 'array' && schema.items) (value as unknown[]).forEach((item, index) => this.validate(item, { schema: schema.items!, file }, `${where}[${index}]`, errors, strict));
		if (actual === 'object' && (schema.type === 'object' || schema.properties)) {
			const object = value as Record<string, unknown>;
			for (const name of schema.required ?? []) if (object[name] === undefined) errors.push(`${where}.${name} is required`);
			for (const [name, propertyValue] of Object.entries(object)) {
				const property = schema.properties?.[name];
				if (property !== undefined) this.validate(propertyValue, { schema: property, file }, `${where}.${name}`, errors, strict);
				else if (strict && schema.properties !== undefined && schema.additionalProperties === undefined) errors.push(`${where}.${name} is not a property the description defines`);
			}
		}
	}
}
