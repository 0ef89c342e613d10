import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { HIGHLEVEL_SPEC_PATH } from '../../highLevelDouble';
import { TWILIO_SPEC_PATH } from '../../twilioSandbox/openApiValidator';

/**
 * A fresh clone must pass its own tests: nothing may read the vendors' API specs from a folder
 * beside the repository. Twilio's spec comes from a pinned dev dependency, HighLevel's endpoints
 * from the project's own description in test/highLevelDouble.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
// Spelt in two parts so that this file does not match its own search.
const OUTSIDE_SPECS_FOLDER = `${'shared'}/${'specs'}`;

function trackedFiles(): string[] {
	return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
		.split('\0')
		.filter((file) => file !== '' && !/^(node_modules|dist|\.git)\//.test(file));
}

function isInside(root: string, file: string): boolean {
	const relative = path.relative(root, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

describe('the repository is self-contained', () => {
	it(`has no tracked file that mentions ${OUTSIDE_SPECS_FOLDER}`, () => {
		const files = trackedFiles();
		expect(files.length).toBeGreaterThan(50);
		const mentioning = files.filter((file) => {
			const absolute = path.join(ROOT, file);
			if (!existsSync(absolute)) return false;
			const content = readFileSync(absolute);
			if (content.includes(0)) return false; // binary
			return content.toString('utf8').includes(OUTSIDE_SPECS_FOLDER);
		});
		expect(mentioning).toEqual([]);
	});

	it.each([
		['Twilio', TWILIO_SPEC_PATH],
		['HighLevel', HIGHLEVEL_SPEC_PATH],
	])('reads the %s spec from inside the repository', (_, specPath) => {
		expect(isInside(ROOT, specPath)).toBe(true);
		expect(existsSync(specPath)).toBe(true);
	});
});
