/** The hashed file name of the chat chunk, filled in by widget/rollup.bundles.mjs. */
declare module 'clinic-chat:chunk-file' {
  const file: string;
  export default file;
}

/** The hashed file name of the contact chunk (`<clinic-chat-contact>`), filled in likewise for the chat chunk. */
declare module 'clinic-chat:contact-file' {
  const file: string;
  export default file;
}

/** The hashed file names of the words scripts (loader/words-*.ts), filled in likewise for the chat chunk. */
declare module 'clinic-chat:words-en-file' {
  const file: string;
  export default file;
}

declare module 'clinic-chat:words-ru-file' {
  const file: string;
  export default file;
}

/** The hashed file name of the attach chunk (`<clinic-chat-attach>`, `<clinic-chat-files>`), filled in likewise for the chat chunk. */
declare module 'clinic-chat:attach-file' {
  const file: string;
  export default file;
}

/** The hashed file name of the review chunk (`<clinic-chat-review>`), filled in likewise for the contact chunk. */
declare module 'clinic-chat:review-file' {
  const file: string;
  export default file;
}

/** The hashed file name of the people chunk (doctor cards, booking requests), filled in likewise for the chat chunk. */
declare module 'clinic-chat:people-file' {
  const file: string;
  export default file;
}

/** The hashed file name of the conversation list's chunk (messages-entry.ts), filled in likewise for the chat chunk. */
declare module 'clinic-chat:messages-file' {
  const file: string;
  export default file;
}

/** The hashed file name of cookie mode's chunk (cookie-entry.ts), filled in likewise for the chat chunk. */
declare module 'clinic-chat:cookie-file' {
  const file: string;
  export default file;
}
