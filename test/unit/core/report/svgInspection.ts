/**
 * Just enough XML reading to check a chart is well formed: one `<svg>` root, every element closed
 * in order, every attribute quoted, no raw `<` or stray `&` in text, and the text of `<title>`
 * and `<desc>`. The charts are written by hand, so a real parser's leniency would hide mistakes.
 */
export interface SvgCheck {
	/** Problems found; empty when well formed. */
	problems: string[];
	rootAttributes: Record<string, string>;
	title: string;
	desc: string;
	/** Names of every element, in document order. */
	elements: string[];
	/** All text content, entities decoded. */
	texts: string[];
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
	return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
		if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
		if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
		return DECODE[entity];
	});
}

function checkText(text: string, where: string, problems: string[]): void {
	for (let index = 0; index < text.length; index += 1) {
		if (text[index] === '<') problems.push(`raw < in ${where}`);
		if (text[index] === '&') {
			ENTITY.lastIndex = index;
			if (!ENTITY.test(text)) problems.push(`stray & in ${where}: ${text.slice(index, index + 12)}`);
		}
	}
}

export function inspectSvg(markup: string): SvgCheck {
	const problems: string[] = [];
	const elements: string[] = [];
	const texts: string[] = [];
	const stack: string[] = [];
	let rootAttributes: Record<string, string> = {};
	let title = '';
	let desc = '';
	let roots = 0;
	const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
	const attribute = /\s+([\w:-]+)="([^"<]*)"/g;

	let position = 0;
	if (!markup.startsWith('<svg')) problems.push('does not start with <svg');
	while (position < markup.length) {
		const next = markup.indexOf('<', position);
		const text = markup.slice(position, next === -1 ? markup.length : next);
		if (text !== '') {
			if (stack.length === 0) problems.push(`text outside the root: ${text.slice(0, 20)}`);
			checkText(text, 'text', problems);
			const decoded = decodeXml(text);
			texts.push(decoded);
			if (stack[stack.length - 1] === 'title') title += decoded;
			if (stack[stack.length - 1] === 'desc') desc += decoded;
		}
		if (next === -1) break;
		tag.lastIndex = next;
		const match = tag.exec(markup);
		if (!match) {
			problems.push(`malformed tag at ${next}: ${markup.slice(next, next + 40)}`);
			break;
		}
		const [, closing, name, attributeText, selfClosing] = match;
		const attributes: Record<string, string> = {};
		for (const part of attributeText.matchAll(attribute)) {
			if (part[1] in attributes) problems.push(`duplicate attribute ${part[1]} on <${name}>`);
			checkText(part[2], `attribute ${part[1]}`, problems);
			attributes[part[1]] = decodeXml(part[2]);
		}
		if (closing) {
			const open = stack.pop();
			if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
		} else {
			if (stack.length === 0) {
				roots += 1;
				if (name !== 'svg') problems.push(`root element is <${name}>`);
				rootAttributes = attributes;
			}
			elements.push(name);
			if (!selfClosing) stack.push(name);
		}
		position = tag.lastIndex;
	}
	if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
	if (roots !== 1) problems.push(`${roots} root elements`);
	return { problems, rootAttributes, title, desc, elements, texts };
}
