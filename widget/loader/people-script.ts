/**
 * The chat chunk's way to the people elements (widget/people/): their classic script,
 * added once. Stands in for people/load-people.ts in the chat chunk (widget/rollup.bundles.mjs).
 */
import peopleFile from 'clinic-chat:people-file';
import { scriptOnce } from './chunk-script.ts';

export const loadPeople = (): void => scriptOnce(peopleFile);
