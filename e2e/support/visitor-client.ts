export { connectVisitor, call, ok, nextEvent, type VisitorSocket, type VisitorConnection } from '../../relay/testing/clients.ts';
