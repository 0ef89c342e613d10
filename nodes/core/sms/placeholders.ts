import { SmsTextError } from './errors';

/**
 * The product's placeholders, written `{{first-name}}` in a message. They have no `$`, dots or
 * brackets, so they never look like an n8n expression (`{{ $json.contact.firstName }}`), and a
 * message may mix both.
 */
export const PLACEHOLDER_NAMES = ['first-name', 'contact-number', 'callback-cid', 'ecbt', 'scheduled-time', 'business-name'] as const;

export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/**
 * A value per placeholder, asked for only when the text uses it: a missing business name is
 * an error only for a message that mentions it. A getter throws SmsTextError when the data it
 * needs is missing.
 */
export type PlaceholderValues = Partial<Record<PlaceholderName, () => string>>;

/** `{{ … }}` as users (and n8n) write it. */
const BRACES = /\{\{([\s\S]*?)\}\}/g;
/** What counts as one of ours: a lower-case word or words joined by dashes, spaces around allowed. */
const PLACEHOLDER_CONTENT = /^\s*([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\s*$/;
// Private-use characters stand for a placeholder while n8n evaluates the rest of the text;
// n8n's expression syntax cannot produce or consume them.
const OPEN_MARK = '\uE000';
const CLOSE_MARK = '\uE001';
const MARKED = /\uE000([a-z-]+)\uE001/g;

function isPlaceholderName(name: string): name is PlaceholderName {
	return (PLACEHOLDER_NAMES as readonly string[]).includes(name);
}

const KNOWN_LIST = PLACEHOLDER_NAMES.map((name) => `{{${name}}}`).join(', ');

function unknownPlaceholder(name: string): SmsTextError {
	const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
	const near = PLACEHOLDER_NAMES.find((known) => known.replace(/-/g, '') === squashed);
	const hint = near === undefined ? '' : ` Did you mean {{${near}}}?`;
	return new SmsTextError(`Unknown placeholder {{${name}}} in the message.${hint} Placeholders are ${KNOWN_LIST}.`);
}

/**
 * Checks the message as the user wrote it and marks every placeholder, so that n8n can then
 * evaluate the text's own expressions without touching them. In expression mode, any other
 * `{{ … }}` is n8n's; in a fixed text it would reach the lead as typed, so it is an error.
 */
export function markPlaceholders(template: string, options: { expressionMode: boolean }): string {
	return template.replace(BRACES, (whole: string, content: string) => {
		const name = PLACEHOLDER_CONTENT.exec(content)?.[1];
		if (name === undefined) {
			if (options.expressionMode) return whole;
			throw new SmsTextError(
				`The message contains ${whole}, which looks like an n8n expression, but the message field is fixed text, so it would reach the lead as typed. Switch the field to Expression, or remove it.`,
			);
		}
		const lower = name.toLowerCase();
		if (!isPlaceholderName(lower)) throw unknownPlaceholder(name);
		return `${OPEN_MARK}${lower}${CLOSE_MARK}`;
	});
}

/**
 * Puts the values in place of the marked placeholders. One pass: a value that itself contains
 * `{{…}}` (a lead typing it as their name) stays as it is. An empty value (a lead who texted and
 * never gave a name) goes with the space or comma that set it off: "Hi {{first-name}}, we…"
 * reads "Hi, we…".
 */
export function fillPlaceholders(marked: string, values: PlaceholderValues): string {
	const filled = new Map<string, string>();
	const valueOf = (name: string): string => {
		if (!isPlaceholderName(name)) throw unknownPlaceholder(name);
		const value = values[name];
		if (value === undefined) throw new SmsTextError(`The placeholder {{${name}}} has no value here.`);
		if (!filled.has(name)) filled.set(name, value());
		return filled.get(name) as string;
	};
	const empty = [...new Set([...marked.matchAll(MARKED)].map((match) => match[1]))].filter((name) => valueOf(name) === '');
	const withoutEmpty =
		empty.length === 0
			? marked
			: marked.replace(new RegExp(`(, | )?${OPEN_MARK}(?:${empty.join('|')})${CLOSE_MARK}(, )?`, 'g'), (_whole: string, before?: string, after?: string) =>
					before === undefined ? '' : (after ?? ''),
				);
	return withoutEmpty.replace(MARKED, (_whole: string, name: string) => valueOf(name));
}

/** Renders a fixed message (no n8n expressions): placeholders checked and filled. */
export function renderPlaceholders(template: string, values: PlaceholderValues): string {
	return fillPlaceholders(markPlaceholders(template, { expressionMode: false }), values);
}
