// The lazily loaded chunk of widget.js: registers <clinic-chat>, whose upgrade replaces the loader's launcher.
import '../element-entry.ts';
