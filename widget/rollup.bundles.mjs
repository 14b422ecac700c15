// Filled in by the widget's build: a list of rollup options objects writing to dist/widget/.
export default [];
