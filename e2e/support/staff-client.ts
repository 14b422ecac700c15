// Staff and patient sockets for browser tests: the same typed clients the relay's own
// tests use, so a test can play the other side of a conversation without a browser.
export { connectStaff, connectStaffWithCookie, login, call, ok, nextEvent, type StaffSocket } from '../../relay/testing/clients.ts';
