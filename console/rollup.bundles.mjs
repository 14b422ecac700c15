// Filled in by the console's build: a list of rollup options objects writing to dist/console/.
export default [];
