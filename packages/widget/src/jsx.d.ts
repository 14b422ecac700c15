// `<clinic-chat>` in JSX: React 19's and Preact's IntrinsicElements. Shipped as dist/jsx.d.ts
// and imported by dist/widget.d.ts, so `import 'clinic-chat/widget'` is enough. The props are
// written without the frameworks' own types: an app without React (or without Preact)
// type-checks these declarations too, with skipLibCheck off, and TypeScript ignores the
// augmentation of a framework the app does not have.
import type { ClinicChatAttributes, ClinicChatElement } from './types/widget/element-entry.js';

/** `<clinic-chat>`'s JSX props: its attributes (element-types.ts) and what any element takes. */
export interface ClinicChatJsxProps extends ClinicChatAttributes {
  key?: string | number | null;
  ref?: { current: ClinicChatElement | null } | ((element: ClinicChatElement | null) => void | (() => void)) | null;
  id?: string;
  class?: string;
  className?: string;
  style?: string | Record<string, string | number>;
  slot?: string;
  hidden?: boolean;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'clinic-chat': ClinicChatJsxProps;
    }
  }
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'clinic-chat': ClinicChatJsxProps;
    }
  }
}
