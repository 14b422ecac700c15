// lit-html's `html` and `nothing`, alone, for the messages chunk (widget/rollup.bundles.mjs, templatesOnly):
// what lit-html 3 defines them as; lit-templates.test.ts compares them with lit-html's own.
export const html = (strings, ...values) => ({ ['_$litType$']: 1, strings, values });
export const nothing = Symbol.for('lit-nothing');
