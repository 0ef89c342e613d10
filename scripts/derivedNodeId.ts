import { createHash } from 'node:crypto';

/**
 * A stable node or webhook id of the usual UUID shape for a template made from another one: the
 * same source id and template name always give the same id, and it differs from the source's, so
 * both templates can be published in one n8n.
 */
export function derivedNodeId(templateName: string, id: string): string {
	const hex = createHash('sha256').update(`${templateName}:${id}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
