/** Staff profiles' plain limits and paths (issue 13 §3): no dependencies, so the widget and console import them. */

export const SPECIALTY_MAX = 80;

/** Where staff photos are served. */
export const STAFF_PHOTO_PATH = '/staff-photos';
/** A photo's side in pixels: a square, twice the largest avatar for sharp screens. */
export const STAFF_PHOTO_SIDE = 160;

/** A member's photo URL on a relay (the id's, not the photo's: it never goes stale). */
export const staffPhotoUrl = (relay: string, staffId: string): string => `${relay}${STAFF_PHOTO_PATH}/${staffId}`;
