/**
 * Type tests for the event maps (checked by `tsc --noEmit` in `npm test`, never run):
 * what the relay, widget and console compile against must follow from the schema tables.
 * A line marked @ts-expect-error fails the type-check if it ever compiles.
 */
import type { Socket as ClientSocket } from 'socket.io-client';
import type { Static } from '@sinclair/typebox';
import type { Ack, ErrorCode } from './errors.ts';
import type {
  STAFF_PUSHES,
  STAFF_REQUESTS,
  STAFF_RESULTS,
  StaffClientToServer,
  StaffResults,
  StaffServerToClient,
  VISITOR_REQUESTS,
  VisitorClientToServer,
  VisitorResults,
  VisitorServerToClient,
} from './events.ts';
import type { Message, PatientThread, StaffThread } from './model.ts';
import type { SendResult } from './requests.ts';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

// Every request has a result, and no result lacks a request.
assertType<Equals<keyof VisitorResults, keyof typeof VISITOR_REQUESTS>>();
assertType<Equals<keyof StaffResults, keyof typeof STAFF_REQUESTS>>();

// Results are the static types of their schemas.
assertType<Equals<VisitorResults['message:send'], SendResult>>();
assertType<Equals<VisitorResults['thread:open'], { thread: PatientThread }>>();
assertType<Equals<StaffResults['thread:status'], { thread: StaffThread }>>();
assertType<Equals<StaffResults['inbox:list'], Static<(typeof STAFF_RESULTS)['inbox:list']>>>();

// Pushes: payload types follow the push tables.
assertType<Equals<Parameters<VisitorServerToClient['message']>[0], Message>>();
assertType<Equals<Parameters<StaffServerToClient['thread:update']>[0], StaffThread>>();
assertType<Equals<Parameters<StaffServerToClient['session:end']>[0], Static<(typeof STAFF_PUSHES)['session:end']>>>();
assertType<Equals<Parameters<VisitorServerToClient['event:error']>[0]['error']['code'], ErrorCode>>();

// A typed client socket: payloads and acks are checked.
declare const visitor: ClientSocket<VisitorServerToClient, VisitorClientToServer>;
declare const staff: ClientSocket<StaffServerToClient, StaffClientToServer>;
visitor.emit('message:send', { threadId: 't' as never, clientId: 'c' as never, text: 'hello' }, (ack: Ack<SendResult>) => void ack);
// @ts-expect-error a visitor cannot send a staff-only event
visitor.emit('thread:status', { threadId: 't' as never, status: 'closed' }, () => {});
// @ts-expect-error a text must be a string
visitor.emit('message:send', { threadId: 't' as never, clientId: 'c' as never, text: 42 }, () => {});
// @ts-expect-error the staff socket has no visitor:identify
staff.emit('visitor:identify', {}, () => {});
staff.on('session:end', ({ reason }) => {
  // @ts-expect-error reasons are a closed set
  const unknownReason: typeof reason = 'bored';
  void unknownReason;
});
// @ts-expect-error a push the relay never sends
visitor.on('inbox:update', () => {});
