// Types of manifest.mjs, for manifest.test.ts (the build scripts are plain JavaScript, run by node).
/** custom-elements.json and vscode.html-custom-data.json, as the text written to the package. */
export function generateManifests(): Record<'custom-elements.json' | 'vscode.html-custom-data.json', string>;
/** Writes both documents into the package folder `dir`. */
export function writeManifests(dir: string): void;
