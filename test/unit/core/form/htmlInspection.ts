/**
 * Just enough HTML reading for the page tests. The renderer always double-quotes attribute values
 * and escapes their content, so a tag scanner is enough; inline script and style bodies are
 * skipped so their code is not mistaken for markup.
 */
export interface Tag {
	name: string;
	attributes: Record<string, string>;
	/** The raw text of the start tag. */
	source: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' };

export function decodeEntities(text: string): string {
	return text.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_, entity: string) => ENTITIES[entity]);
}

/** The markup with the bodies of `<script>` and `<style>` elements emptied. */
export function withoutInlineCode(html: string): string {
	return html.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/gi, '$1$3');
}

export function tagsOf(html: string): Tag[] {
	const tags: Tag[] = [];
	const startTag = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>"'/]+(?:="[^"]*")?)*)\s*\/?>/g;
	const attribute = /([^\s=>"'/]+)(?:="([^"]*)")?/g;
	for (const match of withoutInlineCode(html).matchAll(startTag)) {
		const attributes: Record<string, string> = {};
		for (const part of match[2].matchAll(attribute)) {
			attributes[part[1].toLowerCase()] = part[2] === undefined ? '' : decodeEntities(part[2]);
		}
		tags.push({ name: match[1].toLowerCase(), attributes, source: match[0] });
	}
	return tags;
}

/** Form controls a person can see and use (hidden inputs excluded). */
export function visibleControls(html: string): Tag[] {
	return tagsOf(html).filter(
		(tag) => ['input', 'textarea', 'select'].includes(tag.name) && tag.attributes.type !== 'hidden',
	);
}

export function controlNamed(html: string, name: string): Tag | undefined {
	return tagsOf(html).find((tag) => ['input', 'textarea', 'select'].includes(tag.name) && tag.attributes.name === name);
}

export function elementById(html: string, id: string): Tag | undefined {
	return tagsOf(html).find((tag) => tag.attributes.id === id);
}

/** Inner markup of the first element with this id (elements of the same name must not nest). */
export function innerHtmlById(html: string, id: string): string | undefined {
	const tag = elementById(html, id);
	if (!tag) return undefined;
	const start = html.indexOf(tag.source) + tag.source.length;
	const end = html.indexOf(`</${tag.name}>`, start);
	return end === -1 ? undefined : html.slice(start, end);
}

export function labelsFor(html: string, id: string): Tag[] {
	return tagsOf(html).filter((tag) => tag.name === 'label' && tag.attributes.for === id);
}

/** Inner markup of the `<label for=id>`. */
export function labelHtml(html: string, id: string): string | undefined {
	const label = labelsFor(html, id)[0];
	if (!label) return undefined;
	const start = html.indexOf(label.source) + label.source.length;
	return html.slice(start, html.indexOf('</label>', start));
}

export function textOf(markup: string): string {
	return decodeEntities(markup.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}
