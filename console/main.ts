// The console's entry point: registers the elements; index.html holds <cc-console-app>.
import './ui/console-app.ts';
