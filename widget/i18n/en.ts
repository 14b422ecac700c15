/**
 * English strings of the widget. `{name}` slots are filled by `format` in index.ts.
 * The launcher's words are separate so the loader can carry them without the rest.
 */
export const launcher = {
  open: 'Open chat',
  close: 'Close chat',
} as const;

export const messages = {
  'panel.title': 'Chat with the clinic',
  'panel.close': 'Close',
  'panel.messages': 'Conversation',
  'panel.empty': 'Ask your question here — the clinic answers in this chat.',
  'panel.clinicTeam': 'Clinic administrators',
  'launcher.unread': 'Unread messages: {count}',
  'panel.newRequest': 'New request',
  'panel.older': 'Earlier messages',
  'panel.booking': 'Book a visit',
  'panel.doctorDisclaimer': 'A doctor does not diagnose or prescribe treatment in chat. For that, book a visit.',
  'role.owner': 'clinic owner',
  'role.admin': 'administrator',
  'role.doctor': 'doctor',
  'role.complaints': 'patient care manager',
  'role.head': 'head of the clinic',
  'state.connecting': 'Connecting…',
  'state.offline': 'Offline — messages will be sent when you are back',
  'state.unreachable': 'Cannot reach the chat — messages will be sent when it is back',
  'state.refused': 'The chat is not available on this site.',
  'composer.label': 'Message',
  'composer.send': 'Send',
  'composer.attach': 'Attach file',
  'composer.count': '{length} of {max} characters',
  'composer.tooLong': 'The message is too long: at most {max} characters.',
  'message.you': 'You',
  'message.sending': 'Sending',
  'message.sent': 'Sent',
  'message.read': 'Read',
  'message.failed': 'Not sent',
  'message.retry': 'Retry',
  'message.delete': 'Delete',
  'message.announce': 'New message from {name}: {text}',
  'typing.staff': '{name} is typing…',
  'day.today': 'Today',
  'day.yesterday': 'Yesterday',
  'system.assigned': '{name} joined the conversation',
  'system.unassigned': 'The conversation was passed back to the clinic',
  'system.status.open': 'The conversation was reopened',
  'system.status.waiting': 'The clinic is waiting for your answer',
  'system.status.solved': 'The conversation was marked as solved',
  'system.status.closed': 'The conversation was closed',
} as const;

/**
 * The opt-in for reply notices (`<clinic-chat-contact>`): apart from `messages`, so only
 * the contact chunk, loaded after the first message, carries them.
 */
export const contact = {
  offer: 'Tell me about the reply by e-mail / SMS',
  email: 'E-mail',
  phone: 'Phone for SMS',
  save: 'Notify me',
  cancel: 'Cancel',
  saving: 'Saving…',
  emailInvalid: 'Check the e-mail address, e.g. name@example.org.',
  phoneInvalid: 'Check the phone number, e.g. +7 912 345-67-89.',
  missing: 'Enter an e-mail address or a phone number.',
  failed: 'Could not save. Check the connection and try again.',
  withdrawFailed: 'Could not stop the notices. Check the connection and try again.',
  stored: 'We will tell you about new replies at {where}. The notices never contain the conversation.',
  change: 'Change',
  withdraw: 'Stop notices',
  withdrawn: 'Notices are off.',
} as const;

/**
 * Files on their way and files in messages (widget/attach/): apart from `messages`, so only
 * the attach chunk, loaded when a file is first attached or shown, carries them. The
 * console shows the same controls with these words.
 */
export const attach = {
  files: 'Files to send',
  remove: 'Remove {name}',
  retry: 'Retry {name}',
  uploading: 'Uploading {name}',
  tooMany: 'At most {max} files per message.',
  type: 'This kind of file cannot be sent: photos (JPEG, PNG, WebP, HEIC) and PDF only.',
  tooLarge: 'The file is too large.',
  failed: 'Could not upload. Check the connection and try again.',
  open: 'Open {name}',
  download: 'Download {name}',
  wait: 'Wait until the files are uploaded.',
} as const;

export type MessageKey = keyof typeof messages;
export type Dictionary = Record<MessageKey, string>;
export type LauncherWords = Record<keyof typeof launcher, string>;
export type ContactWords = Record<keyof typeof contact, string>;
export type AttachWords = Record<keyof typeof attach, string>;
