// `<clinic-chat>` in JSX: React 19's and Preact's IntrinsicElements, with the element's
// attributes (element-types.ts) and the framework's own props for any element. Shipped as
// dist/jsx.d.ts and referenced by dist/widget.d.ts, so `import 'clinic-chat/widget'` is
// enough. An augmentation of a framework the app does not have is ignored by TypeScript.
import type { ClinicChatAttributes, ClinicChatElement } from './types/widget/element-entry.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'clinic-chat': DetailedHTMLProps<Omit<HTMLAttributes<ClinicChatElement>, keyof ClinicChatAttributes>, ClinicChatElement> & ClinicChatAttributes;
    }
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'clinic-chat': Omit<HTMLAttributes<ClinicChatElement>, keyof ClinicChatAttributes> & ClinicChatAttributes;
    }
  }
}
