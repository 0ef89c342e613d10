import { canonicalZoneName } from '../../../../nodes/core/schedule/ianaZone';

describe('canonicalZoneName', () => {
	it('keeps current zone names that the runtime still knows by an older alias', () => {
		expect(canonicalZoneName('Asia/Kolkata')).toBe('Asia/Kolkata');
		expect(canonicalZoneName('Europe/Kyiv')).toBe('Europe/Kyiv');
	});
	it('fixes the case of a typed zone', () => {
		expect(canonicalZoneName('america/new_york')).toBe('America/New_York');
		expect(canonicalZoneName(' Europe/London ')).toBe('Europe/London');
	});
	it('refuses what is not a zone', () => {
		expect(canonicalZoneName('Mars/Olympus_Mons')).toBeNull();
		expect(canonicalZoneName('')).toBeNull();
		expect(canonicalZoneName(undefined)).toBeNull();
	});
});
