/**
 * The complaint parts of a conversation (issue 13) in a chunk of their own — the
 * progress header and the writing advice with its rules — fetched the first time a
 * complaint (or, by the owner's choice, any conversation with advice) is opened, so the
 * console's main bundle stays within its budget. Lit upgrades the elements with the
 * properties already set on them.
 */
import './complaint-progress.ts';
import './writing-advice.ts';
