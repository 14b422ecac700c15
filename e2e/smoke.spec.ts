import { test, expect } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';

test("the relay is ready for a browser and answers a staff member's request over the socket", async ({ relay, page }) => {
  const response = await page.goto(`${relay.url}/readyz`);
  expect(response?.status()).toBe(200);
  expect(await response?.json()).toEqual({ status: 'ready' });
  const socket = await connectStaff(relay.url, 'admin@demo.clinic', relay.demoPassword);
  try {
    const { staff } = await ok(socket, 'staff:list', {});
    expect(staff).toContainEqual(expect.objectContaining({ email: 'admin@demo.clinic', role: 'admin', active: true }));
  } finally {
    socket.close();
  }
});
