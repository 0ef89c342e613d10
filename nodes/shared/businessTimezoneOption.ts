import type { INodeProperties } from 'n8n-workflow';

/** The Business Timezone option of nodes that fall back on the business's clock; `description` says when. */
export function businessTimezoneOption(description: string): INodeProperties {
	return { displayName: 'Business Timezone', name: 'businessTimezone', type: 'string', default: 'America/New_York', description };
}
