/**
 * US and Canadian geographic area codes (NPA) and the IANA timezone of the people behind them.
 *
 * An area code that spans two zones gets the zone where most of its population lives; each such
 * choice is marked "split:" with the minority named, so it can be revisited. The lead's calling
 * window is checked in this zone, so for a minority lead the call can land up to an hour off
 * their local time; the 08:00-21:00 window is narrow enough that callers who care should ask the
 * form for the lead's timezone, which always wins over the area code.
 *
 * Non-geographic codes (toll-free 8xx, 500, 900, …) are left out on purpose: they say nothing
 * about where the lead is.
 */
const AREA_CODE_GROUPS: ReadonlyArray<readonly [zone: string, codes: string]> = [
	// Alabama. split: 334 has Phenix City, which keeps Eastern time informally.
	['America/Chicago', '205 251 256 334 659 938'],
	// Alaska. split: the western Aleutians keep Hawaii-Aleutian time.
	['America/Anchorage', '907'],
	// Arizona keeps standard time all year. split: 928 has the Navajo Nation, which keeps daylight time.
	['America/Phoenix', '480 520 602 623 928'],
	// Arkansas
	['America/Chicago', '327 479 501 870'],
	// California
	[
		'America/Los_Angeles',
		'209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951',
	],
	// Colorado
	['America/Denver', '303 719 720 748 970 983'],
	// Connecticut
	['America/New_York', '203 475 860 959'],
	// Delaware, District of Columbia
	['America/New_York', '302 202 771'],
	// Florida. split: 850 is mostly the Central-time panhandle (Pensacola, Panama City) with
	// Eastern Tallahassee; 448 overlays 850.
	['America/New_York', '239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 813 863 904 941 954'],
	['America/Chicago', '448 850'],
	// Georgia
	['America/New_York', '229 404 470 478 678 706 762 770 912 943'],
	// Hawaii
	['Pacific/Honolulu', '808'],
	// Idaho. split: the northern panhandle (Coeur d'Alene, Lewiston) keeps Pacific time.
	['America/Boise', '208 986'],
	// Illinois
	['America/Chicago', '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872'],
	// Indiana. split: 812/930 has Central-time Evansville in the south-west corner; 219 is the
	// Chicago-area north-west, on Central time; 574 has Central-time Starke County.
	['America/Indiana/Indianapolis', '260 317 463 574 765 812 930'],
	['America/Chicago', '219'],
	// Iowa
	['America/Chicago', '319 515 563 641 712'],
	// Kansas. split: a few western counties keep Mountain time.
	['America/Chicago', '316 620 785 913'],
	// Kentucky. split: 270/364 is mostly Central but has Eastern Elizabethtown.
	['America/New_York', '502 606 859'],
	['America/Chicago', '270 364'],
	// Louisiana
	['America/Chicago', '225 318 337 504 985'],
	// Maine
	['America/New_York', '207'],
	// Maryland
	['America/New_York', '227 240 301 410 443 667'],
	// Massachusetts
	['America/New_York', '339 351 413 508 617 774 781 857 978'],
	// Michigan. split: 906 has four Central-time counties on the Wisconsin border.
	['America/Detroit', '231 248 269 313 517 586 616 734 810 906 947 989'],
	// Minnesota
	['America/Chicago', '218 320 507 612 651 763 952'],
	// Mississippi
	['America/Chicago', '228 601 662 769'],
	// Missouri
	['America/Chicago', '235 314 417 557 573 636 660 816 975'],
	// Montana
	['America/Denver', '406'],
	// Nebraska. split: 308 has the Mountain-time panhandle (Scottsbluff).
	['America/Chicago', '308 402 531'],
	// Nevada. split: 775 has Mountain-time West Wendover.
	['America/Los_Angeles', '702 725 775'],
	// New Hampshire
	['America/New_York', '603'],
	// New Jersey
	['America/New_York', '201 551 609 640 732 848 856 862 908 973'],
	// New Mexico
	['America/Denver', '505 575'],
	// New York
	['America/New_York', '212 315 329 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934'],
	// North Carolina
	['America/New_York', '252 336 472 704 743 828 910 919 980 984'],
	// North Dakota. split: the south-west keeps Mountain time.
	['America/Chicago', '701'],
	// Ohio
	['America/New_York', '216 220 234 283 326 330 380 419 440 513 567 614 740 937'],
	// Oklahoma
	['America/Chicago', '405 539 572 580 918'],
	// Oregon. split: 541/458 has Mountain-time Malheur County.
	['America/Los_Angeles', '458 503 541 971'],
	// Pennsylvania
	['America/New_York', '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878'],
	// Rhode Island
	['America/New_York', '401'],
	// South Carolina
	['America/New_York', '803 821 839 843 854 864'],
	// South Dakota. split: the west (Rapid City) keeps Mountain time.
	['America/Chicago', '605'],
	// Tennessee. split: 931 has a few Eastern-time counties on the Cumberland Plateau.
	['America/New_York', '423 865'],
	['America/Chicago', '615 629 731 901 931'],
	// Texas. split: 432 has Mountain-time Hudspeth and Culberson counties.
	[
		'America/Chicago',
		'210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979',
	],
	// El Paso
	['America/Denver', '915'],
	// Utah
	['America/Denver', '385 435 801'],
	// Vermont
	['America/New_York', '802'],
	// Virginia
	['America/New_York', '276 434 540 571 686 703 757 804 826 948'],
	// Washington
	['America/Los_Angeles', '206 253 360 425 509 564'],
	// West Virginia
	['America/New_York', '304 681'],
	// Wisconsin
	['America/Chicago', '262 274 353 414 534 608 715 920'],
	// Wyoming
	['America/Denver', '307'],
	// US territories sharing +1
	['America/Puerto_Rico', '787 939'],
	['America/St_Thomas', '340'],
	['Pacific/Guam', '671'],
	['Pacific/Saipan', '670'],
	['Pacific/Pago_Pago', '684'],

	// Canada
	// British Columbia. split: 250 has Mountain-time East Kootenay and the north-east, which
	// keeps Mountain standard time all year.
	['America/Vancouver', '236 250 257 604 672 778'],
	// Alberta
	['America/Edmonton', '368 403 587 780 825'],
	// Saskatchewan keeps Central standard time all year. split: Lloydminster follows Alberta.
	['America/Regina', '306 474 639'],
	// Manitoba
	['America/Winnipeg', '204 431 584'],
	// Ontario. split: 807 has Central-time Kenora and the far west; Thunder Bay is Eastern.
	['America/Toronto', '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942'],
	// Quebec. split: 418 has the Atlantic-time Magdalen Islands, 819/873 a few far-north places.
	['America/Toronto', '263 354 367 418 438 450 468 514 579 581 819 873'],
	// New Brunswick
	['America/Moncton', '428 506'],
	// Nova Scotia, Prince Edward Island
	['America/Halifax', '782 902'],
	// Newfoundland and Labrador. split: most of Labrador keeps Atlantic time.
	['America/St_Johns', '709 879'],
	// Yukon, Northwest Territories, Nunavut. split: the three territories span five zones; the
	// Northwest Territories and western Nunavut, on Mountain time, are the largest part.
	['America/Edmonton', '867'],
];

const ZONE_BY_AREA_CODE: ReadonlyMap<string, string> = (() => {
	const map = new Map<string, string>();
	for (const [zone, codes] of AREA_CODE_GROUPS) {
		for (const code of codes.split(' ')) {
			if (map.has(code)) throw new Error(`Area code ${code} is listed twice in the area code table`);
			map.set(code, zone);
		}
	}
	return map;
})();

/** The zone for a 3-digit US/Canadian area code, or null when it is not a geographic one we know. */
export function timezoneForAreaCode(areaCode: string): string | null {
	return ZONE_BY_AREA_CODE.get(areaCode) ?? null;
}

/** Every area code in the table, for tests and diagnostics. */
export function knownAreaCodes(): string[] {
	return [...ZONE_BY_AREA_CODE.keys()];
}
