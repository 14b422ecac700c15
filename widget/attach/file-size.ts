/** A file's size for people: "840 KB", "2.4 MB", in the UI's language. */
export function fileSize(bytes: number, language: string): string {
  const [value, unit] = bytes < 1024 * 1024 ? [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** Fills `{name}` slots of a phrase. */
export const fill = (phrase: string, params: Record<string, string | number>): string =>
  phrase.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
