/** Review ratings (issue 13), as plain values the console can import without schema code. */

/** Only negative reviews may get a conversation: a rating of this or lower, of 5 (R11). */
export const REVIEW_NEGATIVE_MAX = 3;
export const REVIEW_RATING_MAX = 5;
