import { OpenApiValidator } from '../twilioSandbox/openApiValidator';
import type { SandboxRequest } from '../twilioSandbox';

const validator = OpenApiValidator.fromFile();

/** Error codes the sandbox gives only for requests Twilio's spec does not allow (unknown field, wrong type, not a form …). */
const SPEC_VIOLATION_CODES = new Set([20004, 20404, 21001, 21002, 21003, 21004, 21005, 21006, 21007, 21008, 21009]);

function params(grouped: Record<string, string[]>): URLSearchParams {
	const search = new URLSearchParams();
	for (const [name, values] of Object.entries(grouped)) for (const value of values) search.append(name, value);
	return search;
}

/**
 * What is wrong with a request the package sent, checked again here against Twilio's OpenAPI
 * description (route, path, query and form fields), independently of the sandbox's answer.
 */
export function specProblems(request: SandboxRequest): string[] {
	const label = `${request.method} ${request.path}`;
	const match = validator.match(request.method, request.path);
	if (match.kind !== 'operation') return [`${label}: no operation of the spec (${match.kind})`];
	const { operation, pathParams } = match;
	const issues = [
		...validator.validatePath(operation, pathParams),
		...validator.validateQuery(operation, params(request.query)).issues,
		...(operation.bodyFields === undefined
			? Object.keys(request.params).length > 0
				? [{ message: 'has a body the operation does not take' }]
				: []
			: validator.validateBody(operation, params(request.params)).issues),
	].map((issue) => `${label} (${operation.operationId}): ${issue.message}`);
	if (request.errorCode !== null && SPEC_VIOLATION_CODES.has(request.errorCode)) issues.push(`${label}: the sandbox refused it with ${request.errorCode} ${request.errorMessage ?? ''}`);
	return issues;
}

/** Tallies the requests checked, per operation, for the test report. */
export class ContractTally {
	private readonly counts = new Map<string, number>();

	add(requests: SandboxRequest[]): string[] {
		const problems: string[] = [];
		for (const request of requests) {
			this.counts.set(request.operationId ?? 'unmatched', (this.counts.get(request.operationId ?? 'unmatched') ?? 0) + 1);
			problems.push(...specProblems(request));
		}
		return problems;
	}

	summary(): string {
		const total = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
		return `${total} Twilio requests checked against the spec: ${[...this.counts].map(([operation, count]) => `${operation} ${count}`).join(', ')}`;
	}
}
