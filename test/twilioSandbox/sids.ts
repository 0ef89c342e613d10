import { randomBytes } from 'node:crypto';

/** Two-letter prefixes Twilio uses for the resources the sandbox creates. */
export type SidPrefix = 'AC' | 'SK' | 'SM' | 'MM' | 'CA' | 'PN' | 'MG' | 'RE' | 'NO' | 'RQ' | 'HX';

/** A SID shaped like Twilio's: a resource prefix and 32 lower-case hex digits. */
export function newSid(prefix: SidPrefix): string {
	return prefix + randomBytes(16).toString('hex');
}

/** A secret shaped like an auth token or API key secret: 32 hex digits. */
export function newSecret(): string {
	return randomBytes(16).toString('hex');
}
